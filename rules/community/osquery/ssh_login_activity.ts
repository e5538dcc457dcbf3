import { OsqueryMatcher, rule } from '../../../runtime/rules';

/**
 * A user logged in to a Linux host, as seen by the `last` query of osquery's default incident-response
 * pack (`pack_incident-response_last`); runlevel, reboot and shutdown entries are left out.
 */
rule<'osquery:differential'>({
  logs: ['osquery:differential'],
  matchers: [OsqueryMatcher.added, OsqueryMatcher.user_login],
  outputs: ['aws-firehose:alerts'],
  severity: 'low',
})(function ssh_login_activity() {
  return true;
});
