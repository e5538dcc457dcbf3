import { Readable } from 'node:stream';
import type { ObjectGetter } from '../../../../runtime/classifier/payloads';
import type { ClassifiedRecord } from '../../../../runtime/classifier';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createRuleProcessor, type RecordEvaluator, type RuleProcessorOptions } from '../../../../runtime/handlers';
import { RetryInvocationError } from '../../../../runtime/handlers/rule-processor';
import { alertId } from '../../../../runtime/rules';
import { createLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent, memoryGetter, s3Notification, sqsEvent } from '../classifier/payloads/_events';
import { memoryWriter } from '../dead-letter/_memory-writer';
import { cloudtrailEvent, osquery } from './_records';

const base: Config = loadConfig(DEFAULT_CONF_DIR);
const prod = base.clusters.prod;
// The bundled conf has no SQS queue in prod: one carrying S3 notifications of the CloudTrail bucket.
const config: Config = { ...base, clusters: { ...base.clusters, prod: { ...prod, data_sources: { ...prod.data_sources, sqs: { acme_prod_queue: ['cloudtrail'] } } } } };
const STREAM = 'acme_prod_streamalert';
const BUCKET = 'acme.prod.cloudtrail';
const trail = (...names: string[]) => JSON.stringify({ Records: names.map(cloudtrailEvent) });

/** S3's answer to too many requests, as the SDK throws it once its own retries are spent. */
const slowDown = () => Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });

/** A getter serving `objects`, failing the keys of `slow` with SlowDown and cutting the keys of `reset` half-way. */
function faultyGetter(objects: Record<string, string>, faults: { slow?: string[]; reset?: string[] } = {}): ObjectGetter {
  const memory = memoryGetter(objects);
  return async (bucket, key) => {
    if (faults.slow?.includes(key)) throw slowDown();
    if (!faults.reset?.includes(key)) return memory(bucket, key);
    const text = objects[`${bucket}/${key}`];
    return Readable.from(
      (async function* () {
        yield Buffer.from(text.slice(0, text.length / 2));
        throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      })(),
    );
  };
}

function processor(options: Partial<RuleProcessorOptions> = {}) {
  const seen: ClassifiedRecord[] = [];
  const lines: Record<string, unknown>[] = [];
  const writer = memoryWriter();
  const evaluator: RecordEvaluator = { evaluate: (record) => (seen.push(record), []) };
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const handle = createRuleProcessor({ config, cluster: 'prod', logger, evaluator, deadLetter: writer, ...options });
  const kept = () => writer.objects.flatMap((o) => o.entries);
  return { handle, seen, lines, kept };
}

describe('rule processor retry semantics', () => {
  it('fails an S3 invocation on a 503 so that Lambda retries it, after reading the other objects, and dead-letters nothing for it', async () => {
    const getObject = faultyGetter({ [`${BUCKET}/ok.json`]: trail('CreateUser'), [`${BUCKET}/slow.json`]: trail('DeleteTrail') }, { slow: ['slow.json'] });
    const { handle, seen, kept, lines } = processor({ getObject });
    await expect(handle(s3Notification(BUCKET, 'ok.json', 'slow.json'))).rejects.toThrow(RetryInvocationError);
    expect(seen.map((r) => r.record.eventName)).toEqual(['CreateUser']);
    expect(kept()).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'batch processed', counts: expect.objectContaining({ retried_reads: 1, failed_reads: 0 }) }));
  });

  it('fails an S3 invocation whose object stream is reset mid-object, keeping what was read before', async () => {
    const body = Array.from({ length: 200 }, (_, i) => JSON.stringify(osquery(`h${i}`))).join('\n');
    const getObject = faultyGetter({ [`${BUCKET}/big.json`]: body }, { reset: ['big.json'] });
    const { handle, kept } = processor({ getObject });
    await expect(handle(s3Notification(BUCKET, 'big.json'))).rejects.toThrow(/ECONNRESET/);
    expect(kept().filter((e) => e.kind === 'failed_read')).toEqual([]);
  });

  it('names exactly the SQS message whose object could not be read in batchItemFailures, and succeeds', async () => {
    const getObject = faultyGetter({ [`${BUCKET}/ok.json`]: trail('CreateUser'), [`${BUCKET}/slow.json`]: trail('DeleteTrail') }, { slow: ['slow.json'] });
    const { handle, seen } = processor({ getObject });
    const event = sqsEvent('acme_prod_queue', JSON.stringify(s3Notification(BUCKET, 'ok.json')), JSON.stringify(s3Notification(BUCKET, 'slow.json')));
    const result = await handle(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(seen.map((r) => r.record.eventName)).toEqual(['CreateUser']);
    expect(result.counts).toEqual(expect.objectContaining({ retried_reads: 1, records: 1 }));
  });

  it('dead-letters a permanent S3 failure (the object is gone) and never asks for a retry', async () => {
    const { handle, kept } = processor({ getObject: faultyGetter({}) });
    const result = await handle(s3Notification(BUCKET, 'gone.json'));
    expect(result.batchItemFailures).toEqual([]);
    expect(kept()).toEqual([expect.objectContaining({ kind: 'failed_read', code: 'FetchFailed', reason: expect.stringContaining('NoSuchKey') })]);
  });

  it('reports non-base64 Kinesis data as a failed read and keeps it', async () => {
    const event = kinesisEvent(STREAM, JSON.stringify(osquery())) as { Records: { kinesis: { data: string } }[] };
    event.Records[0].kinesis.data = 'this is not base64!';
    const { handle, kept } = processor();
    const result = await handle(event);
    expect(result.counts).toEqual(expect.objectContaining({ failed_reads: 1, records: 0 }));
    expect(kept()).toEqual([expect.objectContaining({ kind: 'failed_read', code: 'Malformed', data: 'this is not base64!' })]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('treats a stream, bucket or event source named %j as a name, not a crash', async (name) => {
    const { handle } = processor({ getObject: faultyGetter({}) });
    const kinesis = kinesisEvent(name, JSON.stringify(osquery())) as { Records: unknown[] };
    const s3 = s3Notification(name, 'k');
    const result = await handle({ Records: [...kinesis.Records, ...s3.Records, { eventSource: name }] });
    expect(result.counts).toEqual(expect.objectContaining({ records: 1, records_unclassified: 1, failed_reads: 2 }));
  });

  it('classifies, forwards and hashes a record nested 20,000 levels deep, and keeps an unmatched one, without failing the batch', async () => {
    const deep = `${'{"d":'.repeat(20_000)}"bottom"${'}'.repeat(20_000)}`;
    const sent: string[] = [];
    const ids: string[] = [];
    const rule = { name: 'deep', options: {} };
    const { handle, kept } = processor({
      evaluator: { evaluate: (record) => (ids.push(alertId(rule, record)), []) },
      firehose: { putRecordBatch: async (_s, records) => (sent.push(...records.map((r) => Buffer.from(r).toString('utf8'))), { failed: [] }) },
    });
    const matched = JSON.stringify(osquery()).replace('"columns":{"username":"eve"}', `"columns":${deep}`);
    const unmatched = `{"unknown":${deep}}`;
    const result = await handle(kinesisEvent(STREAM, matched, unmatched));
    expect(result.counts).toEqual(expect.objectContaining({ records: 2, records_classified: 1, records_unclassified: 1, failed_records: 0, firehose_sent: 1 }));
    expect(ids).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(JSON.parse(sent[0])).toEqual(expect.objectContaining({ hostIdentifier: 'host-1' }));
    expect(kept()).toEqual([expect.objectContaining({ kind: 'unclassified', data: unmatched })]);
  });

  it('keeps integers past 2^53 exactly (as their digits) in the classified record', async () => {
    const { handle, seen } = processor();
    const text = JSON.stringify(osquery()).replace('"unixTime":1704067200', '"unixTime":9007199254740993');
    await handle(kinesisEvent(STREAM, text));
    expect(seen[0].record.unixTime).toBe('9007199254740993');
  });

  it('counts a record that fails after being read as failed, keeps it whole, and goes on with the batch', async () => {
    const evaluator: RecordEvaluator = {
      evaluate: (record) => {
        if (record.record.hostIdentifier === 'boom') throw new RangeError('Maximum call stack size exceeded');
        return [];
      },
    };
    const { handle, kept } = processor({ evaluator });
    const result = await handle(kinesisEvent(STREAM, JSON.stringify(osquery('boom')), JSON.stringify(osquery('fine'))));
    expect(result.counts).toEqual(expect.objectContaining({ records: 2, records_classified: 1, failed_records: 1, evaluation_errors: 1 }));
    expect(kept()).toEqual([expect.objectContaining({ kind: 'failed_record', data: JSON.stringify(osquery('boom')), reason: expect.stringContaining('Maximum call stack') })]);
  });
});
