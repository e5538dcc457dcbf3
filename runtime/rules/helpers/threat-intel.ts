/** Threat intel matches for rule authors: what the rule processor attached under `streamalert:ioc`. */
import { IOC_KEY, type RecordIocs } from '../../threat-intel/types';

/**
 * The indicators matched in a record: IOC type -> values (empty when nothing matched). With `type`, the
 * values of that IOC type only. StreamAlert rules read `rec['streamalert:ioc']`, which this returns.
 *
 * @example
 * ```ts
 * rule({ logs: ['onelogin:events'] })(function onelogin_events_threat_intel_example(rec) {
 *   return threatIntelMatches(rec, 'ip').length > 0;
 * });
 * ```
 */
export function threatIntelMatches(record: object, type: string): string[];
export function threatIntelMatches(record: object): RecordIocs;
export function threatIntelMatches(record: object, type?: string): string[] | RecordIocs {
  const found = (record as Record<string, unknown>)[IOC_KEY];
  const iocs = found !== null && typeof found === 'object' ? (found as RecordIocs) : {};
  return type === undefined ? iocs : [...(iocs[type] ?? [])];
}
