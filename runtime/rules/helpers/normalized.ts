/** Values by normalized type ('sourceAddress', 'userName'...), as the classifier's `normalization` found them. */
import type { ClassifiedRecord } from '../../classifier/types';

// The engine links each record object to its classified record, so rules can ask by record alone.
const classifiedByRecord = new WeakMap<object, ClassifiedRecord>();

/** Links a record object to its classified record (called by the engine before rules run). */
export function linkClassified(event: ClassifiedRecord): void {
  classifiedByRecord.set(event.record, event);
}

/**
 * The values of one normalized type in a record, without duplicates (empty when the log type has no such
 * normalization). StreamAlert's `fetch_values_by_datatype`.
 *
 * @example
 * ```ts
 * valuesByType(rec, 'sourceAddress').some((ip) => inCidrs(ip, BAD_RANGES))
 * ```
 */
export function valuesByType(record: object | ClassifiedRecord, type: string): unknown[] {
  const event = isClassified(record) ? record : classifiedByRecord.get(record);
  const values = event?.normalized[type] ?? [];
  return [...new Set(values)];
}

function isClassified(value: object): value is ClassifiedRecord {
  return 'log_type' in value && 'normalized' in value && 'record' in value && 'source' in value;
}
