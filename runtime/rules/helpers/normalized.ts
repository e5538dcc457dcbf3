/** Values by normalized type ('sourceAddress', 'userName'...), as the classifier's `normalization` found them. */
import { valuesOfType } from '../../classifier/normalized-type';
import type { ClassifiedRecord } from '../../classifier/types';

// The engine links the record under evaluation to its classified record, so rules can ask by record alone.
// One slot, not a WeakMap entry per record: rules only ask about the record they are given, and a WeakMap
// insert per record (millions per invocation) cost a measurable share of the rule processor's time in GC.
let current: ClassifiedRecord | undefined;

/** Links a record object to its classified record (called by the engine before rules run on it). */
export function linkClassified(event: ClassifiedRecord): void {
  current = event;
}

/**
 * The values of one normalized type in a record, without duplicates (empty when the log type has no such
 * normalization). StreamAlert's `fetch_values_by_datatype`. Either spelling of a type finds both
 * (`sourceAddress` and `source_address`).
 *
 * @example
 * ```ts
 * valuesByType(rec, 'sourceAddress').some((ip) => inCidrs(ip, BAD_RANGES))
 * ```
 */
export function valuesByType(record: object | ClassifiedRecord, type: string): unknown[] {
  const event = isClassified(record) ? record : current?.record === record ? current : undefined;
  const values = event ? valuesOfType(event.normalized, type) : [];
  return [...new Set(values)];
}

function isClassified(value: object): value is ClassifiedRecord {
  return 'log_type' in value && 'normalized' in value && 'record' in value && 'source' in value;
}
