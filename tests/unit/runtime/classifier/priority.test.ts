import { classifierWith, classify } from './classifier-helpers';

const loose = { parser: 'json', schema: { a: 'string', b: {} }, configuration: { optional_top_level_keys: ['b'] } };

describe('candidate order', () => {
  it('tries candidates in declaration order when none has a priority, first match wins', () => {
    const classifier = classifierWith({ 'x:first': loose, 'x:second': loose });
    expect(classify(classifier, { a: '1' }, ['x:second', 'x:first'])).toMatchObject({ ok: true, log_type: 'x:first' });
  });

  it('tries a lower priority number first, and unprioritised types last', () => {
    const classifier = classifierWith({
      'x:plain': loose,
      'x:late': { ...loose, configuration: { ...loose.configuration, priority: 5 } },
      'x:early': { ...loose, configuration: { ...loose.configuration, priority: 1 } },
    });
    expect(classify(classifier, { a: '1' })).toMatchObject({ log_type: 'x:early' });
    expect(classify(classifier, { a: '1' }, ['x:plain', 'x:late'])).toMatchObject({ log_type: 'x:late' });
  });

  it('reports every candidate tried, and names that are not declared, when nothing matches', () => {
    const classifier = classifierWith({ 'x:first': loose, 'x:second': loose });
    const outcome = classify(classifier, { z: 1 }, ['x:second', 'x:nope', 'x:first']);
    expect(!outcome.ok && outcome.unclassified.candidates.map((c) => c.log_type)).toEqual(['x:first', 'x:second', 'x:nope']);
    expect(!outcome.ok && outcome.unclassified.candidates[2].reason).toBe('not a declared log type');
  });
});
