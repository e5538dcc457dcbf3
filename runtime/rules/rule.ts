/** The rule-author API: `rule()`, `disable()`, `matcher()`. */
import { disableRule, registerRule } from './registry';
import type { Matcher, RecordOf, RuleFunction, RuleOptions } from './types';

/** Options of a rule over log types `L`: `logs` names them, so TypeScript can infer `L` from it. */
export type TypedRuleOptions<L extends string> = RuleOptions<RecordOf<L>> & { readonly logs?: readonly L[] };

/**
 * Declares a detection rule. The rule's name is the function's name; its description is the doc comment
 * above it (or the `description` option). Two forms, both type the record from the log type:
 *
 * @example
 * ```ts
 * /** Use of the AWS root account. *\/
 * rule<'cloudwatch:events'>({ logs: ['cloudwatch:events'], outputs: ['slack:security'] })(
 *   function cloudtrail_root_account_usage(rec) {
 *     return rec.detail.userIdentity.type === 'Root';
 *   },
 * );
 *
 * rule({ logs: ['osquery:differential'] }, function osquery_new_listening_port(rec) {
 *   return rec.name === 'listening_ports' && rec.action === 'added';
 * });
 * ```
 */
export function rule<L extends string = string>(
  options: TypedRuleOptions<L>,
): <F extends RuleFunction<RecordOf<L>>>(fn: F) => F;
export function rule<L extends string = string>(
  options: TypedRuleOptions<L>,
  fn: RuleFunction<RecordOf<L>>,
): RuleFunction<RecordOf<L>>;
export function rule<L extends string>(
  options: TypedRuleOptions<L>,
  fn?: RuleFunction<RecordOf<L>>,
): unknown {
  const apply = <F extends RuleFunction<RecordOf<L>>>(f: F): F => {
    registerRule(f as unknown as RuleFunction<never>, options as RuleOptions<never>);
    return f;
  };
  return fn === undefined ? apply : apply(fn);
}

/**
 * Keeps a rule in the code but turns it off: it never runs, and `lambda test` leaves it out of the expected
 * results (and lists it as disabled).
 *
 * @example
 * ```ts
 * disable(rule({ logs: ['ghe:general'] })(function noisy_rule(rec) { return true; }));
 * ```
 */
export function disable<F extends RuleFunction<never>>(fn: F): F {
  disableRule(fn as unknown as RuleFunction<never>);
  return fn;
}

/**
 * Declares a reusable matcher (a named predicate that rules list in `matchers`). It only checks the name;
 * any named function works as a matcher.
 *
 * @example
 * ```ts
 * export const prod_account = matcher(function prod_account(rec: { account: number }) {
 *   return rec.account === 123456789012;
 * });
 * ```
 */
export function matcher<R>(fn: Matcher<R>): Matcher<R> {
  return fn;
}
