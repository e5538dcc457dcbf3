import { classifierWith, classify, records } from './classifier-helpers';

describe('normalization', () => {
  const classifier = classifierWith({
    'trail:events': {
      parser: 'json',
      schema: { eventName: 'string', sourceIPAddress: 'string', userIdentity: { type: 'string', arn: 'string' }, ips: [], port: 'integer' },
      configuration: {
        normalization: {
          source_address: ['sourceIPAddress'],
          ip_address: [{ path: ['sourceIPAddress'] }, { path: ['ips'] }],
          user_arn: [
            { path: ['userIdentity', 'arn'], condition: { path: ['userIdentity', 'type'], is: 'root' } },
            { path: ['eventName'], condition: { path: ['userIdentity', 'type'], in: ['iamuser'] } },
          ],
          not_console: [{ path: ['eventName'], condition: { path: ['eventName'], not_contains: 'console' } }],
          console: [{ path: ['eventName'], condition: { path: ['eventName'], contains: 'Console' } }],
          not_root: [{ path: ['port'], condition: { path: ['userIdentity', 'type'], is_not: 'root' } }],
          not_in: [{ path: ['port'], condition: { path: ['userIdentity', 'type'], not_in: ['root', 'admin'] } }],
        },
      },
    },
  });

  const normalized = (identityType: string, eventName = 'ConsoleLogin') =>
    records(
      classify(classifier, {
        eventName,
        sourceIPAddress: '1.2.3.4',
        userIdentity: { type: identityType, arn: 'arn:aws:iam::1:root' },
        ips: ['1.2.3.4', '5.6.7.8'],
        port: 22,
      }),
    )[0].normalized;

  it('collects the values at each path, de-duplicated, lists flattened', () => {
    expect(normalized('Root')).toMatchObject({ source_address: ['1.2.3.4'], ip_address: ['1.2.3.4', '5.6.7.8'] });
  });

  it.each([
    ['is (case-insensitive)', 'Root', 'user_arn', ['arn:aws:iam::1:root']],
    ['in', 'IAMUser', 'user_arn', ['ConsoleLogin']],
    ['is_not', 'IAMUser', 'not_root', ['22']],
    ['not_in', 'IAMUser', 'not_in', ['22']],
    ['contains', 'Root', 'console', ['ConsoleLogin']],
  ])('applies a condition with %s', (_name, identityType, type, expected) => {
    expect(normalized(identityType)[type]).toEqual(expected);
  });

  it.each([
    ['is_not', 'Root', 'not_root'],
    ['not_in', 'admin', 'not_in'],
    ['not_contains', 'Root', 'not_console'],
  ])('leaves a type out when its %s condition fails', (_name, identityType, type) => {
    expect(normalized(identityType)).not.toHaveProperty(type);
  });

  it('gives an empty object for a log type without normalization', () => {
    const plain = classifierWith({ 'p:x': { parser: 'json', schema: { a: 'string' } } });
    expect(records(classify(plain, { a: 'x' }))[0].normalized).toEqual({});
  });
});
