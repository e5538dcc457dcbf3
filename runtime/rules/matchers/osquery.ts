/** StreamAlert's osquery matchers (`matchers/default.py`). */
import { matcher } from '../rule';
import * as py from '../helpers/python';
import type { Matcher } from '../types';

/** Fields the osquery matchers read (an osquery differential result). */
export interface OsqueryResultFields {
  readonly name?: unknown;
  readonly action?: unknown;
  readonly columns?: unknown;
}

/** `type` of a user login in osquery's `last` table (utmp USER_PROCESS). */
const EVENT_TYPE_LOGIN = 7;

/** Pseudo-users the `last` table lists that are not people logging in. */
const RUNLEVELS = new Set(['', 'LOGIN', 'reboot', 'shutdown', 'runlevel']);

/** Matchers for osquery results (StreamAlert's `OsqueryMatcher`). */
export const OsqueryMatcher: { readonly added: Matcher<OsqueryResultFields>; readonly user_login: Matcher<OsqueryResultFields> } = {
  /** The differential result row was added (not removed). */
  added: matcher(function added(rec: OsqueryResultFields) {
    return py.eq(py.item(rec, 'action'), 'added');
  }),
  /**
   * A user login from the `last` table of osquery's default incident-response pack
   * (`pack_incident-response_last`), leaving out runlevel, reboot and shutdown entries.
   */
  user_login: matcher(function user_login(rec: OsqueryResultFields) {
    if (!py.eq(py.item(rec, 'name'), 'pack_incident-response_last')) return false;
    const columns = py.item(rec, 'columns');
    if (py.int(py.item(columns, 'type')) !== EVENT_TYPE_LOGIN) return false;
    return !py.inSet(py.item(columns, 'username'), RUNLEVELS);
  }),
};
