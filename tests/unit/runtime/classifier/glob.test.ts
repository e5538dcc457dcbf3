import { compileGlob } from '../../../../runtime/classifier/glob';
import { fnmatchToRegExp } from '../../../../runtime/classifier/log-patterns';
import { classifierWith, classify } from './classifier-helpers';

describe('glob matcher', () => {
  it.each([
    ['alert.*', 'alert.watchlist'],
    ['alert.*', 'ingress.alert'],
    ['1.*.*', '1.0.2'],
    ['?at', 'cat'],
    ['[ch]at', 'hat'],
    ['[!ch]at', 'hat'],
    ['[a-c]x', 'bx'],
    ['[a-c]x', 'dx'],
    ['[abc', '[abc'],
    ['a+b', 'a+b'],
    ['CONTROL', 'control'],
    ['*error*timeout*', 'an error then a timeout'],
    ['*error*timeout*', 'an error then nothing'],
    ['**', ''],
    ['*', 'multi\nline'],
    ['a*b*c', 'aXbYc'],
    ['a*b*c', 'aXbYcZ'],
    ['\\\\x', '\\\\x'],
  ])('agrees with the regex translation of %j on %j', (pattern, text) => {
    expect(compileGlob(pattern).test(text)).toBe(fnmatchToRegExp(pattern).test(text));
  });

  it.each([
    ['[]]x', ']x', true],
    ['[!]]x', 'ax', true],
    ['[!]]x', ']x', false],
    ['[z-a]', 'm', false],
  ])('follows Python for %j on %j (%s), where the JavaScript regex translation did not', (pattern, text, expected) => {
    expect(compileGlob(pattern).test(text)).toBe(expected);
  });

  // Timing-free ReDoS check: the matcher counts its steps. A backtracking regex for this pattern explores
  // about n^7 / 7! paths on this value (n = 20,000: ~10^23, years), the matcher at most (n + 1) x (m + 1).
  it.each([
    ['*a*a*a*a*a*a*a*b', 'a'.repeat(20_000)],
    ['*error*timeout*', 'error '.repeat(20_000)],
    ['*[a-z]?*x', 'ab'.repeat(20_000)],
  ])('matches %j against a value built to almost match in at most (value + 1) x (pattern + 1) steps', (pattern, text) => {
    const steps = { count: 0 };
    expect(compileGlob(pattern).test(text, steps)).toBe(false);
    expect(steps.count).toBeGreaterThan(text.length - 1);
    expect(steps.count).toBeLessThanOrEqual((text.length + 1) * (pattern.length + 1));
  });

  it('grows linearly with the value for a fixed pattern (twice the value, at most about twice the steps)', () => {
    const glob = compileGlob('*a*a*a*b');
    const count = (n: number) => {
      const steps = { count: 0 };
      glob.test('a'.repeat(n), steps);
      return steps.count;
    };
    expect(count(40_000)).toBeLessThanOrEqual(2 * count(20_000) + 8);
  });

  it('is what log_patterns use: a hostile value is refused without backtracking', () => {
    const classifier = classifierWith({ 'app:errors': { parser: 'json', schema: { msg: 'string' }, configuration: { log_patterns: { msg: ['*error*timeout*'] } } } });
    const outcome = classify(classifier, { msg: `${'error'.repeat(50_000)}!` }, ['app:errors']);
    expect(outcome.ok).toBe(false);
  });
});
