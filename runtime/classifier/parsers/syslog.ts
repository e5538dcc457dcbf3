/**
 * The `syslog` parser (RFC 3164 style): `Mmm dd hh:mm:ss host application[pid]: message` gives the fields
 * `timestamp`, `host`, `application` and `message`. A leading `<PRI>` is skipped; the day may be space-padded;
 * the timestamp may also be RFC 3339 (rsyslog's high-precision format, `2024-05-01T12:00:00.123+00:00`);
 * host may hold dots and dashes; application may hold dots, dashes and slashes (`postfix/smtpd`) and a
 * parenthesised module (`sshd(pam_unix)`, as PAM writes it).
 */
import type { LogSchema } from '../../config/types';
import { isMiss, miss } from '../miss';
import { checkRecord, compileChecker, type ParseFn } from './parser';

const SYSLOG =
  /^(?:<\d{1,3}>)?(?<timestamp>[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})) (?<host>[\w.-]+) (?<application>[\w./-]+(?:\([\w./-]+\))?)(?:\[[\w-]+\])?: (?<message>.*)$/s;

/** Splits a syslog line into its fields, or undefined. */
export function readSyslog(text: string): Record<string, string> | undefined {
  const m = SYSLOG.exec(text.endsWith('\n') ? text.slice(0, -1) : text);
  return m?.groups ? { ...m.groups } : undefined;
}

/** Compiles the syslog parser of `log`. */
export function compileSyslogParser(log: LogSchema): ParseFn {
  const checker = compileChecker(log);
  return (ctx, explain) => {
    const text = ctx.text();
    if (!text.ok) return miss(explain, () => `the syslog parser needs text: ${text.reason}`);
    const fields = ctx.memo('syslog', () => readSyslog(text.value));
    if (!fields) return miss(explain, () => 'not a syslog line (expected "Mmm dd hh:mm:ss host application[pid]: message")');
    const record = checkRecord(checker, fields, undefined, explain);
    return isMiss(record) ? record : { records: [record], rejected: [], headers: 0 };
  };
}
