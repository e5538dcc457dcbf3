import { checkPublications, parsePublisherTests, publicationsOf, type PublisherTests } from '../../../../cli/testing/publisher-tests';
import { makeAlert } from '../../../_helpers/alerts';

const alert = makeAlert({ alert_id: 'a1', outputs: ['slack:chan', 'aws-s3:b'] });
const compose = (_a: unknown, service: string, descriptor: string) => {
  if (service === 'aws-s3') throw new Error('publisher x is not registered');
  return { '@slack.text': `hi ${descriptor}`, list: [1, 2, { k: 'v' }], nested: { user: 'alice', tags: ['a', 'b'] } };
};

describe('publisher_tests of lambda test', () => {
  it('reads both StreamAlert forms: the object and the triple', () => {
    expect(parsePublisherTests({ 'slack:chan': [{ jmespath_expression: 'a', condition: 'is', value: 1 }, ['b', 'contains', 'x']] })).toEqual({
      'slack:chan': [
        { expression: 'a', condition: 'is', value: 1 },
        { expression: 'b', condition: 'contains', value: 'x' },
      ],
    });
  });

  it.each([
    [[['a', 'is']], /publisher_tests.o\[0\] must be a triple/],
    [[{ jmespath_expression: 'a', value: 1 }], /publisher_tests.o\[0\] must be \{jmespath_expression, condition, value\}/],
    [[['a', 'equals', 1]], /condition "equals" is not one of is, in, contains/],
    ['nope', /publisher_tests.o must be a list/],
  ])('names a malformed test %#', (tests, message) => {
    expect(parsePublisherTests({ o: tests })).toMatch(message);
  });

  it.each<[string, PublisherTests, number]>([
    ['is on a nested value', { 'slack:chan': [{ expression: 'nested.user', condition: 'is', value: 'alice' }] }, 0],
    ['is on a quoted key', { 'slack:chan': [{ expression: '"@slack.text"', condition: 'is', value: 'hi chan' }] }, 0],
    ['is with an object in a list', { 'slack:chan': [{ expression: 'list[2]', condition: 'is', value: { k: 'v' } }] }, 0],
    ['contains on a string', { 'slack:chan': [{ expression: '"@slack.text"', condition: 'contains', value: 'chan' }] }, 0],
    ['contains on a list', { 'slack:chan': [{ expression: 'nested.tags', condition: 'contains', value: 'b' }] }, 0],
    ['in a list of values', { 'slack:chan': [{ expression: 'nested.user', condition: 'in', value: ['bob', 'alice'] }] }, 0],
    ['a mismatch', { 'slack:chan': [{ expression: 'nested.user', condition: 'is', value: 'bob' }] }, 1],
    ['an output the alert does not have', { 'pagerduty:x': [{ expression: 'a', condition: 'is', value: 1 }] }, 1],
    ['an output whose publication cannot be made', { 'aws-s3:b': [{ expression: 'a', condition: 'is', value: 1 }] }, 1],
    ['a bad JMESPath expression', { 'slack:chan': [{ expression: 'a[', condition: 'is', value: 1 }] }, 1],
  ])('checks %s', (_name, tests, failures) => {
    const found = checkPublications([publicationsOf(alert, compose)], tests);
    expect(found).toHaveLength(failures);
  });

  it('says what was expected and what the publication held', () => {
    const [failure] = checkPublications([publicationsOf(alert, compose)], { 'slack:chan': [{ expression: 'nested.user', condition: 'is', value: 'bob' }] });
    expect(failure).toBe('publisher test: slack:chan: nested.user should have been "bob", got "alice"');
  });
});
