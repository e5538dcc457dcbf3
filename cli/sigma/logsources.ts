/**
 * Sigma logsources -> log types. Built-in mappings cover every bundled log type that has a Sigma logsource;
 * `conf/sigma.json` adds its own or replaces a built-in one with the same product, service and category.
 */
import type { SigmaLogsource, SigmaLogTypeMapping, SigmaSettings } from '../../runtime/config';

/** The built-in mappings (log types missing from a configuration are left out when a rule is compiled). */
export const BUILTIN_LOGSOURCES: readonly SigmaLogsource[] = [
  {
    product: 'aws',
    service: 'cloudtrail',
    log_types: {
      // S3 delivery (Records[*]), CloudWatch Logs delivery (flat, or inside a subscription's logEvents) and the
      // EventBridge form, whose CloudTrail event is the `detail`.
      'cloudtrail:events': {},
      'cloudtrail:cloudwatch_logs': {},
      'cloudwatch:cloudtrail': {},
      'cloudwatch:events': { root: 'detail' },
    },
  },
  // Okta's Sigma rules write some fields in lower case ('eventtype', 'displaymessage', 'actor.alternateid').
  { product: 'okta', log_types: { 'okta:logevents': { fold_case: true } } },
  { product: 'github', log_types: { 'github:audit': {} } },
  { product: 'google_workspace', log_types: { 'gsuite:reports': { fold_case: true } } },
  { product: 'cisco', service: 'duo', log_types: { 'duo:authentication': {}, 'duo:authentication_v2': {}, 'duo:administrator': {} } },
  { product: 'linux', service: 'auth', log_types: { 'syslog:auth': {}, 'sshd:auth': {} } },
  { product: 'linux', service: 'sshd', log_types: { 'syslog:auth': {}, 'sshd:auth': {} } },
  { product: 'zeek', service: 'conn', log_types: { 'zeek:conn': {} } },
  { product: 'zeek', service: 'dns', log_types: { 'zeek:dns': {} } },
  { product: 'zeek', service: 'http', log_types: { 'zeek:http': {} } },
  { product: 'zeek', service: 'ssl', log_types: { 'zeek:ssl': {} } },
  { category: 'dns', log_types: { 'zeek:dns': {} } },
];

const KEYS = ['product', 'service', 'category'] as const;
type LogsourceKey = (typeof KEYS)[number];
/** A rule's `logsource` section. */
export type RuleLogsource = Partial<Record<LogsourceKey, string>>;

function keyOf(source: RuleLogsource): string {
  return KEYS.map((k) => (source[k] ?? '').toLowerCase()).join('|');
}

/** The mappings in force: the file's entries, then the built-in ones it does not replace. */
export function logsourceMappings(settings: SigmaSettings): SigmaLogsource[] {
  const own = settings.logsources;
  if (!settings.builtin_logsources) return [...own];
  const replaced = new Set(own.map(keyOf));
  return [...own, ...BUILTIN_LOGSOURCES.filter((b) => !replaced.has(keyOf(b)))];
}

/**
 * The log types (and their field mappings) a rule's logsource maps to: the mappings whose every named key
 * equals the rule's (case-insensitive), where a rule's `category` must be named by the mapping too (it
 * changes what the fields mean); of those, the most specific ones.
 */
export function mapLogsource(logsource: RuleLogsource, mappings: readonly SigmaLogsource[]): Map<string, SigmaLogTypeMapping> {
  const fits = mappings.filter((m) => {
    if (logsource.category !== undefined && m.category === undefined) return false;
    return KEYS.every((k) => m[k] === undefined || m[k]?.toLowerCase() === logsource[k]?.toLowerCase());
  });
  const specificity = (m: SigmaLogsource) => KEYS.filter((k) => m[k] !== undefined).length;
  const best = Math.max(0, ...fits.map(specificity));
  const found = new Map<string, SigmaLogTypeMapping>();
  for (const m of fits.filter((f) => specificity(f) === best)) {
    for (const [logType, mapping] of Object.entries(m.log_types)) if (!found.has(logType)) found.set(logType, mapping);
  }
  return found;
}
