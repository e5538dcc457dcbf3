import { gzipSync } from 'node:zlib';
import { loadConfig, type Config } from '../../../../runtime/config';
import { createCapturingAlertSink } from '../../../../runtime/alerts';
import { createRuleProcessor, type RecordEvaluator } from '../../../../runtime/handlers';
import type { ClassifiedRecord } from '../../../../runtime/classifier';
import { StreamAlertError } from '../../../../runtime/errors';
import { createLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { INVALID_UTF8, binaryGarbage, kinesisEvent, memoryGetter, s3Notification, snsEvent } from '../classifier/payloads/_events';
import { cloudtrailEvent, osquery } from './_records';
import type { DeadLetterEntry } from '../../../../runtime/dead-letter';
import { memoryWriter } from '../dead-letter/_memory-writer';

const config: Config = loadConfig(DEFAULT_CONF_DIR);
const PROD_STREAM = 'acme_prod_streamalert';
const PROD_BUCKET = 'acme.prod.cloudtrail';

/** A rule processor for `cluster` whose log lines are captured. */
function processor(options: { cluster?: string; evaluator?: RecordEvaluator; objects?: Record<string, Buffer | string> } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const writer = memoryWriter();
  const alerts = createCapturingAlertSink();
  const handle = createRuleProcessor({
    config,
    cluster: options.cluster ?? 'prod',
    evaluator: options.evaluator,
    getObject: memoryGetter(options.objects ?? {}),
    logger,
    deadLetter: writer,
    alerts,
  });
  /** The dead-letter entries of one kind written so far. */
  const kept = (kind: DeadLetterEntry['kind']) => writer.objects.flatMap((o) => o.entries).filter((e) => e.kind === kind);
  return { handle, lines, kept, alerts };
}

/** Counts of a batch where nothing went wrong, with `changes` applied. */
function counts(changes: Record<string, unknown>) {
  return {
    records: 0,
    records_classified: 0,
    records_unclassified: 0,
    failed_records: 0,
    classified: {},
    unclassified: 0,
    failed_reads: 0,
    retried_reads: 0,
    skipped: 0,
    alerts: 0,
    evaluation_errors: 0,
    dead_lettered: 0,
    ...changes,
  };
}

describe('rule processor', () => {
  it('classifies Kinesis records against the log types of their stream and logs a summary line', async () => {
    const { handle, lines } = processor();
    const result = await handle(kinesisEvent(PROD_STREAM, JSON.stringify(osquery()), gzipSync(JSON.stringify(osquery('host-2')))), { awsRequestId: 'req-1' });
    expect(result).toEqual({ counts: counts({ records: 2, records_classified: 2, classified: { 'osquery:differential': 2 } }), batchItemFailures: [] });
    expect(lines).toEqual([expect.objectContaining({ level: 'INFO', message: 'batch processed', cluster: 'prod', request_id: 'req-1', counts: result.counts })]);
  });

  it('reads a gzip, pretty-printed CloudTrail object from S3 and classifies each event, tagged with the cluster', async () => {
    const body = gzipSync(JSON.stringify({ Records: [cloudtrailEvent('CreateUser'), cloudtrailEvent('DeleteTrail')] }, null, 2));
    const seen: ClassifiedRecord[] = [];
    const { handle } = processor({ objects: { [`${PROD_BUCKET}/AWSLogs/1 2.json.gz`]: body }, evaluator: { evaluate: (r) => (seen.push(r), []) } });
    const result = await handle(s3Notification(PROD_BUCKET, 'AWSLogs/1+2.json.gz'));
    expect(result.counts.classified).toEqual({ 'cloudtrail:events': 2 });
    expect(seen.map((r) => [r.record.eventName, r.source.cluster, r.source.resource])).toEqual([
      ['CreateUser', 'prod', PROD_BUCKET],
      ['DeleteTrail', 'prod', PROD_BUCKET],
    ]);
    expect(seen[0].normalized.source_address).toEqual(['198.51.100.7']);
  });

  it('keeps and logs each unclassified record with the candidates tried, without failing the batch', async () => {
    const { handle, lines, kept } = processor();
    const result = await handle(kinesisEvent(PROD_STREAM, '{"not":"osquery"}', JSON.stringify(osquery())));
    expect(result.counts).toEqual(expect.objectContaining({ records: 2, records_unclassified: 1, records_classified: 1, unclassified: 1, classified: { 'osquery:differential': 1 }, dead_lettered: 1 }));
    expect(kept('unclassified')).toEqual([
      expect.objectContaining({ data: '{"not":"osquery"}', source: expect.objectContaining({ service: 'kinesis', resource: PROD_STREAM }), candidates: expect.arrayContaining([expect.objectContaining({ log_type: 'osquery:differential' })]) }),
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'unclassified record', unclassified: expect.objectContaining({ data: '{"not":"osquery"}' }) }));
  });

  it('counts a record from an unknown stream as unclassified, naming it and the configured streams', async () => {
    const { handle, kept } = processor();
    const result = await handle(kinesisEvent('acme_corp_streamalert', JSON.stringify(osquery())));
    expect(result.counts.unclassified).toBe(1);
    expect(kept('unclassified')[0].reason).toBe(
      'unknown kinesis source "acme_corp_streamalert": not in the data_sources of cluster "prod" (configured kinesis sources: acme_prod_streamalert)',
    );
  });

  it('does not fetch an object from a bucket the cluster does not declare, and reports it', async () => {
    const { handle, lines, kept } = processor({ objects: { 'other.bucket/k': JSON.stringify(osquery()) } });
    const result = await handle(s3Notification('other.bucket', 'k'));
    expect(result.counts).toEqual(expect.objectContaining({ records: 0, failed_reads: 1 }));
    expect(kept('failed_read')).toEqual([expect.objectContaining({ code: 'UnknownSource', reason: expect.stringContaining('s3://other.bucket/k: unknown s3 source "other.bucket"') })]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'failed read', issue: expect.objectContaining({ code: 'UnknownSource' }) }));
  });

  it('counts every kind of bad input in one batch, never throwing', async () => {
    const { handle, kept } = processor({ objects: { [`${PROD_BUCKET}/empty`]: '', [`${PROD_BUCKET}/binary`]: binaryGarbage(10_000) } });
    const kinesis = kinesisEvent(PROD_STREAM, gzipSync(JSON.stringify(osquery())).subarray(0, 12), INVALID_UTF8, binaryGarbage(500), JSON.stringify(osquery())) as { Records: unknown[] };
    const s3 = s3Notification(PROD_BUCKET, 'empty', 'binary', 'missing');
    const result = await handle({ Records: [...kinesis.Records, ...s3.Records, { eventSource: 'aws:unknown' }] });
    expect(result.counts).toEqual(counts({ records: 1, records_classified: 1, classified: { 'osquery:differential': 1 }, failed_reads: 6, skipped: 1, dead_lettered: 6 }));
    expect(kept('failed_read').map((i) => i.code)).toEqual(['Decompress', 'InvalidUtf8', 'NotText', 'NotText', 'FetchFailed', 'Malformed']);
  });

  it('hands the alerts of the evaluator to its alert sink, and keeps for replay a record on which the evaluator throws', async () => {
    const evaluator: RecordEvaluator = {
      evaluate: (record) => {
        if (record.record.hostIdentifier === 'bad') throw new Error('rule bug');
        return [{ rule_name: 'user_added', host: record.record.hostIdentifier }];
      },
    };
    const { handle, lines, kept, alerts } = processor({ evaluator });
    const result = await handle(kinesisEvent(PROD_STREAM, JSON.stringify(osquery('good')), JSON.stringify(osquery('bad'))));
    expect(result).toEqual({ counts: expect.objectContaining({ alerts: 1, evaluation_errors: 1, failed_records: 1, records_classified: 1, classified: { 'osquery:differential': 1 } }), batchItemFailures: [] });
    expect(kept('failed_record')).toEqual([expect.objectContaining({ data: JSON.stringify(osquery('bad')), reason: 'rule evaluation failed: rule bug' })]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'rule evaluation failed', error: 'rule bug' }));
    expect(alerts.alerts).toEqual([{ rule_name: 'user_added', host: 'good' }]);
  });

  it('reads SNS messages of the cluster it serves', async () => {
    const binaryalert = { FileInfo: { MD5: 'm', S3LastModified: 't', S3Location: 'l', S3Metadata: {}, SHA256: 's' }, MatchedRules: {}, NumMatchedRules: 1 };
    const { handle } = processor();
    const result = await handle(snsEvent('acme_prod_binaryalert', JSON.stringify(binaryalert)));
    expect(result.counts.classified).toEqual({ binaryalert: 1 });
  });

  it('reports a malformed event as a failed read', async () => {
    const { handle } = processor();
    const result = await handle('not an event');
    expect(result.counts).toEqual(expect.objectContaining({ records: 0, failed_reads: 1 }));
  });

  it('refuses to start for a cluster that is not configured', () => {
    expect(() => createRuleProcessor({ config, cluster: 'nope' })).toThrow(StreamAlertError);
    expect(() => createRuleProcessor({ config, cluster: 'nope' })).toThrow('cluster "nope" is not in the configuration (clusters: prod, corp)');
  });
});
