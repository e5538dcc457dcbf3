import { classifierWith, classify, reasonFor } from './classifier-helpers';

describe('a json_path that fails at run time', () => {
  // `a && abs(a)` is valid JMESPath and compiles (a is null in the empty document checked at load), but
  // throws a type error on a string `a`.
  const classifier = classifierWith({
    'first:failing': { parser: 'json', schema: { x: 'string' }, configuration: { json_path: 'a && abs(a)', priority: 1 } },
    'second:plain': { parser: 'json', schema: { a: 'string', b: 'integer' }, configuration: { priority: 2 } },
  });

  it('fails only that candidate: the next one is still tried and matches', () => {
    const outcome = classify(classifier, { a: 'text', b: 1 }, ['first:failing', 'second:plain']);
    expect(outcome.ok && outcome.log_type).toBe('second:plain');
  });

  it('says why that candidate failed when nothing matched', () => {
    const outcome = classify(classifier, { a: 'text' }, ['first:failing', 'second:plain']);
    expect(outcome.ok).toBe(false);
    expect(reasonFor(outcome, 'first:failing')).toMatch(/^json_path "a && abs\(a\)" failed: /);
  });
});
