import { exclusionOf, memoizedExclusion } from '../../../../runtime/threat-intel';

const excluded = exclusionOf({ excluded_iocs: { ip: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7', 'not a cidr'], domain: ['not-evil.com'] } });

describe('excluded IOCs', () => {
  it.each([
    ['ip', '10.1.2.3', true],
    ['ip', '::ffff:10.1.2.3', true],
    ['ip', '2001:db8::1', true],
    ['ip', '192.0.2.7', true],
    ['ip', '192.0.2.8', false],
    ['ip', '203.0.113.5', false],
    ['ip', 'ec2.amazonaws.com', true],
    ['domain', 'not-evil.com', true],
    ['domain', 'evil.com', false],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427e', false],
  ])('%s %s excluded: %s', (type, value, expected) => {
    expect(excluded(type, value)).toBe(expected);
  });
});

describe('memoized exclusion', () => {
  it('decides each type and value once and gives the same answers', () => {
    const seen: string[] = [];
    const memo = memoizedExclusion((type, value) => (seen.push(`${type}:${value}`), excluded(type, value)));
    expect([memo('ip', '10.0.0.1'), memo('ip', '10.0.0.1'), memo('domain', '10.0.0.1'), memo('ip', '8.8.8.8')]).toEqual([true, true, false, false]);
    expect(seen).toEqual(['ip:10.0.0.1', 'domain:10.0.0.1', 'ip:8.8.8.8']);
  });
});
