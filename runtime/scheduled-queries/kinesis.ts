/**
 * Puts streamquery records on the destination stream: PutRecords in batches within Kinesis' limits (500
 * records, 5 MiB), records it refused retried with backoff; what is still refused fails the run.
 */
import { StreamAlertError } from '../errors';
import type { RecordSender, StreamQueryRecord } from './types';
import type { Config } from '../config/types';

type KinesisSdk = typeof import('./kinesis-sdk.lazy');

/** Kinesis' limits (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html). */
export const KINESIS_RECORD_MAX_BYTES = 1024 * 1024;
const BATCH_RECORDS = 500;
const BATCH_BYTES = 5 * 1024 * 1024;

/** The sender for `stream`. */
export function createKinesisSender(
  stream: string,
  options: { readonly region?: string; readonly attempts?: number; readonly sleep?: (ms: number) => Promise<void> } = {},
): RecordSender {
  let client: Promise<{ readonly kinesis: InstanceType<KinesisSdk['KinesisClient']>; readonly sdk: KinesisSdk }> | undefined;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const put = async (batch: Buffer[]): Promise<void> => {
    client ??= import('./kinesis-sdk.lazy').then((sdk) => ({ sdk, kinesis: new sdk.KinesisClient(options.region ? { region: options.region } : {}) }));
    const { kinesis, sdk } = await client;
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      const out = await kinesis.send(new sdk.PutRecordsCommand({ StreamName: stream, Records: pending.map((Data, i) => ({ Data, PartitionKey: `streamquery-${i}` })) }));
      const refused = (out.Records ?? []).flatMap((r, i) => (r.ErrorCode ? [pending[i] as Buffer] : []));
      if (refused.length === 0) return;
      if (attempt >= (options.attempts ?? 4)) {
        throw new StreamAlertError('KinesisPutFailed', `${refused.length} streamquery record(s) refused by ${stream} after ${attempt} attempts`, { source: 'aws' });
      }
      pending = refused;
      await sleep(200 * 2 ** attempt);
    }
  };
  return async (records: readonly StreamQueryRecord[]) => {
    let batch: Buffer[] = [];
    let size = 0;
    for (const record of records) {
      const data = Buffer.from(JSON.stringify(record));
      if (batch.length === BATCH_RECORDS || size + data.length > BATCH_BYTES) {
        await put(batch);
        batch = [];
        size = 0;
      }
      batch.push(data);
      size += data.length;
    }
    if (batch.length > 0) await put(batch);
  };
}

/** Region of the cluster whose kinesis data sources name `stream`; the account region when none does. */
export function streamRegion(config: Pick<Config, 'account' | 'clusters'>, stream: string): string {
  for (const cluster of Object.values(config.clusters)) {
    if (Object.prototype.hasOwnProperty.call(cluster.data_sources.kinesis ?? {}, stream)) return cluster.region;
  }
  return config.account.region;
}
