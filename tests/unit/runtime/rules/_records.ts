/** Classified records for rules engine tests. */
import type { ClassifiedRecord } from '../../../../runtime/classifier/types';

/** A classified record of `logType` with `record`, from a Kinesis stream. */
export function classified(
  logType: string,
  record: Record<string, unknown>,
  normalized: Record<string, unknown[]> = {},
): ClassifiedRecord {
  return { log_type: logType, record, normalized, source: { service: 'kinesis', resource: 'stream_a', cluster: 'prod' } };
}
