/**
 * Which normalized values of a chunk of records are looked up, as which IOC type: `normalized_ioc_types`
 * maps each normalized type (sourceAddress or source_address: either spelling) to an IOC type (ip...). Excluded values are skipped: for
 * `ip`, anything that is not an IP address (such as `ec2.amazonaws.com` in CloudTrail's sourceIPAddress) and
 * any address inside an excluded CIDR; for other types, the exact excluded values.
 */
import { canonicalType } from '../classifier/normalized-type';
import type { ClassifiedRecord } from '../classifier/types';
import type { ThreatIntelConfig } from '../config/intel';
import ipaddr from 'ipaddr.js';

/** A record and the IOC type under which one of its values was found. */
export interface Candidate {
  readonly iocType: string;
  readonly record: ClassifiedRecord;
}

/** Decides whether a value of an IOC type is looked up. */
export type Exclusion = (iocType: string, value: string) => boolean;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An address (IPv4-mapped IPv6 as IPv4), or undefined when `value` is not one. */
function parseAddress(value: string): Address | undefined {
  if (!ipaddr.isValid(value)) return undefined;
  const address = ipaddr.parse(value);
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/** A CIDR (a bare address is a /32 or /128), or undefined when it cannot be read. */
function parseRange(cidr: string): [Address, number] | undefined {
  try {
    if (cidr.includes('/')) return ipaddr.parseCIDR(cidr.trim());
    const single = parseAddress(cidr.trim());
    return single && [single, single.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** The exclusion test of a configuration (ranges parsed once: it runs on every value of every record). */
export function exclusionOf(config: Pick<ThreatIntelConfig, 'excluded_iocs'>): Exclusion {
  const sets = new Map(Object.entries(config.excluded_iocs).map(([type, values]) => [type, new Set(values)]));
  const ranges = (config.excluded_iocs.ip ?? []).map(parseRange).filter((r): r is [Address, number] => r !== undefined);
  return (iocType, value) => {
    if (iocType !== 'ip') return sets.get(iocType)?.has(value) ?? false;
    const address = parseAddress(value);
    if (address === undefined) return true;
    return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range as never, bits));
  };
}

/** Most remembered decisions of {@link memoizedExclusion} (then it starts over). */
const MEMO_MAX = 100_000;

/**
 * The same test, remembering each decision: parsing an address costs microseconds and the same addresses come
 * back in every batch of a container.
 */
export function memoizedExclusion(test: Exclusion): Exclusion {
  const decided = new Map<string, boolean>();
  return (iocType, value) => {
    const key = `${iocType}\u0000${value}`;
    let result = decided.get(key);
    if (result === undefined) {
      result = test(iocType, value);
      if (decided.size >= MEMO_MAX) decided.clear();
      decided.set(key, result);
    }
    return result;
  };
}

/** Normalized type (canonical spelling: `sourceAddress` and `source_address` are one type) -> IOC type. */
export function iocTypeMap(config: Pick<ThreatIntelConfig, 'normalized_ioc_types'>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [iocType, normalized] of Object.entries(config.normalized_ioc_types)) for (const n of normalized) map.set(canonicalType(n), iocType);
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
      const iocType = types.get(canonicalType(normalized));
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
