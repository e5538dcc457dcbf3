/**
 * Firehose's PutRecordBatch limits, and the split of a stream's records into calls that respect them.
 * "Each PutRecordBatch request supports up to 500 records. Each record in the request can be as large as
 * 1,000 KB (before base64 encoding), up to a limit of 4 MB for the entire request. These limits cannot be
 * changed." (https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html); the quota
 * page gives them as 500 records or 4 MiB per call and 1,000 KiB per record, before base64-encoding
 * (https://docs.aws.amazon.com/firehose/latest/dev/limits.html).
 */

/** Limits of one PutRecordBatch call. */
export interface BatchLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly maxRecordBytes: number;
}

/** The AWS limits. */
export const FIREHOSE_LIMITS: BatchLimits = {
  maxRecords: 500,
  maxBytes: 4 * 1024 * 1024,
  maxRecordBytes: 1000 * 1024,
};

/** Records waiting for one stream, cut into full calls as they come. */
export class CallBuilder {
  private records: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly limits: BatchLimits) {}

  /** Adds a record (at most `maxRecordBytes`); returns the calls it completed (none, one, or two). */
  add(record: Uint8Array): Uint8Array[][] {
    const full: Uint8Array[][] = [];
    if (this.records.length > 0 && this.bytes + record.byteLength > this.limits.maxBytes) full.push(this.take());
    this.records.push(record);
    this.bytes += record.byteLength;
    if (this.records.length >= this.limits.maxRecords) full.push(this.take());
    return full;
  }

  /** The records not yet in a call (empty when there are none), and starts over. */
  take(): Uint8Array[] {
    const taken = this.records;
    this.records = [];
    this.bytes = 0;
    return taken;
  }
}
