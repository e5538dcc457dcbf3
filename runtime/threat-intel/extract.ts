/**
 * Which normalized values of a chunk of records are looked up, as which IOC type: `normalized_ioc_types`
 * maps each normalized type (sourceAddress...) to an IOC type (ip...). Excluded values are skipped: for
 * `ip`, anything that is not an IP address (such as `ec2.amazonaws.com` in CloudTrail's sourceIPAddress) and
 * any address inside an excluded CIDR; for other types, the exact excluded values.
 */
import type { ClassifiedRecord } from '../classifier/types';
import type { ThreatIntelConfig } from '../config/intel';
import { inCidrs, isIpAddress } from '../rules/helpers/ip';

/** A record and the IOC type under which one of its values was found. */
export interface Candidate {
  readonly iocType: string;
  readonly record: ClassifiedRecord;
}

/** Decides whether a value of an IOC type is looked up. */
export type Exclusion = (iocType: string, value: string) => boolean;

/** The exclusion test of a configuration. */
export function exclusionOf(config: Pick<ThreatIntelConfig, 'excluded_iocs'>): Exclusion {
  const sets = new Map(Object.entries(config.excluded_iocs).map(([type, values]) => [type, new Set(values)]));
  const cidrs = config.excluded_iocs.ip ?? [];
  return (iocType, value) => {
    if (iocType === 'ip') return !isIpAddress(value) || inCidrs(value, cidrs);
    return sets.get(iocType)?.has(value) ?? false;
  };
}

/** Normalized type -> IOC type. */
export function iocTypeMap(config: Pick<ThreatIntelConfig, 'normalized_ioc_types'>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [iocType, normalized] of Object.entries(config.normalized_ioc_types)) for (const n of normalized) map.set(n, iocType);
  return map;
}

/** Value -> the records (and IOC types) it came from. */
export function extractCandidates(
  records: readonly ClassifiedRecord[],
  types: ReadonlyMap<string, string>,
  excluded: Exclusion,
): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  for (const record of records) {
    for (const [normalized, values] of Object.entries(record.normalized)) {
      const iocType = types.get(normalized);
      if (iocType === undefined) continue;
      for (const raw of values) {
        if (raw === null || raw === undefined || typeof raw === 'object') continue;
        const value = String(raw);
        if (value === '' || excluded(iocType, value)) continue;
        const list = out.get(value);
        if (list) list.push({ iocType, record });
        else out.set(value, [{ iocType, record }]);
      }
    }
  }
  return out;
}
