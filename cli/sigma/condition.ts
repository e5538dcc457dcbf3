/**
 * The Sigma condition language: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `1 of them`,
 * `all of them`. Parsed by recursive descent into a {@link Condition} over selection names; patterns are
 * expanded against the rule's selections here, so the bundle holds only plain references.
 */
import type { Condition } from '../../runtime/rules/sigma';
import { refuse } from './errors';

function tokenize(text: string): string[] {
  return text.match(/\(|\)|[^\s()]+/g) ?? [];
}

function wildcardTest(pattern: string): (name: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name);
}

/**
 * Parses one condition string over the given selection names.
 * @throws SigmaRefusedError for syntax errors, unknown names, aggregations (`| count()`) and `N of` with N > 1.
 */
export function parseCondition(text: string, selections: readonly string[]): Condition {
  if (text.includes('|')) {
    refuse(`condition ${JSON.stringify(text)} uses an aggregation ("|"), removed from Sigma v2: write a correlation rule instead`);
  }
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const lower = (t: string | undefined) => t?.toLowerCase();
  const expect = (what: string): string => {
    const t = tokens[at];
    if (t === undefined) refuse(`condition ${JSON.stringify(text)}: expected ${what} at the end`);
    at += 1;
    return t;
  };

  const quantified = (quantifier: string): Condition => {
    expect("'of'");
    const pattern = expect('a selection pattern or "them"');
    const names =
      pattern === 'them' ? selections.filter((s) => !s.startsWith('_')) : selections.filter(wildcardTest(pattern));
    if (names.length === 0) refuse(`condition ${JSON.stringify(text)}: "${quantifier} of ${pattern}" names no selection`);
    const args = names.map((name): Condition => ({ op: 'ref', name }));
    if (args.length === 1) return args[0] as Condition;
    return { op: quantifier === 'all' ? 'and' : 'or', args };
  };

  const primary = (): Condition => {
    const t = expect('a selection');
    if (t === '(') {
      const inner = orExpr();
      if (expect("')'") !== ')') refuse(`condition ${JSON.stringify(text)}: missing ')'`);
      return inner;
    }
    const word = t.toLowerCase();
    if ((word === '1' || word === 'any' || word === 'all') && lower(peek()) === 'of') return quantified(word === 'all' ? 'all' : '1');
    if (/^\d+$/.test(word) && lower(peek()) === 'of') {
      refuse(`condition ${JSON.stringify(text)}: "${t} of" is not part of Sigma (only "1 of" and "all of")`);
    }
    if (t === ')' || ['and', 'or', 'not'].includes(word)) refuse(`condition ${JSON.stringify(text)}: unexpected "${t}"`);
    if (!selections.includes(t)) refuse(`condition ${JSON.stringify(text)} names "${t}", which is not a selection of the detection`);
    return { op: 'ref', name: t };
  };

  const notExpr = (): Condition => {
    if (lower(peek()) === 'not') {
      at += 1;
      return { op: 'not', arg: notExpr() };
    }
    return primary();
  };

  const chain = (op: 'and' | 'or', next: () => Condition): Condition => {
    const args = [next()];
    while (lower(peek()) === op) {
      at += 1;
      args.push(next());
    }
    return args.length === 1 ? (args[0] as Condition) : { op, args };
  };
  const andExpr = (): Condition => chain('and', notExpr);
  const orExpr = (): Condition => chain('or', andExpr);

  const result = orExpr();
  if (at < tokens.length) refuse(`condition ${JSON.stringify(text)}: unexpected "${tokens[at]}"`);
  return result;
}
