import { describe, expect, it } from '@jest/globals';
import { docCommentText, extractDescriptions } from '../../../../cli/testing/rule-source';

describe('rule descriptions from doc comments', () => {
  it('reads the comment above a curried rule statement', () => {
    const source = `
import { rule } from '../runtime/rules';

/** Catch logins from unauthorized subnets */
export const a = rule({ logs: ['x'], outputs: ['slack:a'] })(function login_from_bad_subnet(rec) {
  return true;
});
`;
    expect(extractDescriptions(source)).toEqual({ login_from_bad_subnet: 'Catch logins from unauthorized subnets' });
  });

  it('reads a comment placed directly above the function, and a multi-line comment without tags', () => {
    const source = `
rule({ logs: ['x'] })(
  /**
   * First line.
   * Second line.
   * @param rec the record
   */
  function two_lines(rec) { return true; },
);`;
    expect(extractDescriptions(source)).toEqual({ two_lines: 'First line.\nSecond line.' });
  });

  it('does not give one comment to two functions, nor to a function after other code', () => {
    const source = `
/** Only the first. */
rule({ logs: ['x'] })(function first() { return true; });
rule({ logs: ['x'] })(function second() { return true; });`;
    expect(extractDescriptions(source)).toEqual({ first: 'Only the first.' });
  });

  it('strips the comment stars', () => {
    expect(docCommentText('\n * a\n * b\n ')).toBe('a\nb');
  });
});
