/**
 * Threat intel matching in the rule processor (StreamAlert's `ThreatIntel.threat_detection`): the
 * normalized values of a chunk of classified records are looked up together, and each record holding a
 * known indicator gets `streamalert:ioc: { <ioc type>: [values] }` before the rules run. A failed lookup is
 * logged and the chunk goes on without intel. Values that cannot be a DynamoDB key (empty, or over its
 * 2,048-byte key limit: an attacker's long Host header) are skipped and counted, never sent: one of them would
 * fail the whole batch and hide the real indicators beside it.
 */
import type { ClassifiedRecord } from '../classifier/types';
import type { ThreatIntelConfig } from '../config/intel';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { exclusionOf, extractCandidates, iocTypeMap, memoizedExclusion } from './extract';
import { IOC_KEY, type IocSource, type RecordIocs } from './types';

/** Options of {@link createThreatIntel}. */
export interface ThreatIntelOptions {
  readonly config: Pick<ThreatIntelConfig, 'excluded_iocs' | 'normalized_ioc_types'>;
  readonly source: IocSource;
  readonly logger: Logger;
}

/** What one call did (for counts and logs). */
export interface ThreatIntelOutcome {
  readonly looked_up: number;
  /** Values skipped because they cannot be a key of the IOC table. */
  readonly skipped: number;
  readonly matched_records: number;
  readonly failed: boolean;
}

/** Matches a chunk of records against the IOC source, in place. */
export type ThreatIntelMatcher = (records: readonly ClassifiedRecord[]) => Promise<ThreatIntelOutcome>;

/** Adds one matched value to a record's `streamalert:ioc`. */
export function attachIoc(record: ClassifiedRecord, iocType: string, value: string): void {
  const target = record.record as Record<string, unknown>;
  const iocs = (target[IOC_KEY] ??= {}) as RecordIocs;
  const list = (iocs[iocType] ??= []);
  if (!list.includes(value)) list.push(value);
}

/** DynamoDB's limit on a partition key value (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_KEY_BYTES = 2048;

/** True when `value` can be looked up as an IOC table key. */
export function isLookupKey(value: string): boolean {
  return value !== '' && Buffer.byteLength(value, 'utf8') <= MAX_KEY_BYTES;
}

/** Creates the matcher. */
export function createThreatIntel(options: ThreatIntelOptions): ThreatIntelMatcher {
  const types = iocTypeMap(options.config);
  const excluded = memoizedExclusion(exclusionOf(options.config));
  return async (records) => {
    const candidates = extractCandidates(records, types, excluded);
    const keys: string[] = [];
    let skipped = 0;
    for (const value of candidates.keys()) {
      if (isLookupKey(value)) keys.push(value);
      else skipped += 1;
    }
    if (skipped > 0) {
      options.logger.warn('threat intel: values that cannot be IOC table keys skipped (empty or over 2,048 bytes)', {
        threat_intel_skipped_values: skipped,
        looked_up: keys.length,
      });
    }
    if (keys.length === 0) return { looked_up: 0, skipped, matched_records: 0, failed: false };
    let found;
    try {
      found = await options.source.lookup(keys);
    } catch (err) {
      options.logger.error('threat intel lookup failed; records go on without intel', { values: keys.length, error: errorMessage(err) });
      return { looked_up: keys.length, skipped, matched_records: 0, failed: true };
    }
    const matched = new Set<ClassifiedRecord>();
    for (const ioc of found) {
      for (const { iocType, record } of candidates.get(ioc.ioc_value) ?? []) {
        attachIoc(record, iocType, ioc.ioc_value);
        matched.add(record);
      }
    }
    return { looked_up: keys.length, skipped, matched_records: matched.size, failed: false };
  };
}
