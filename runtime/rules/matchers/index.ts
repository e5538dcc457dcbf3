/**
 * StreamAlert's default matchers (`matchers/default.py`), as named, typed matchers any rule can list in
 * `matchers`. They keep StreamAlert's class and function names, and decide as the originals did (a record
 * without the fields a matcher reads does not match).
 *
 * @example
 * ```ts
 * import { OsqueryMatcher, rule } from '../../../runtime/rules';
 *
 * rule({ logs: ['osquery:differential'], matchers: [OsqueryMatcher.added, OsqueryMatcher.user_login] })(
 *   function ssh_login_activity() { return true; },
 * );
 * ```
 */
export { AwsConfigMatcher, AwsGuardDutyMatcher, type CloudWatchEventFields, type ConfigEventFields } from './aws';
export { OsqueryMatcher, type OsqueryResultFields } from './osquery';
