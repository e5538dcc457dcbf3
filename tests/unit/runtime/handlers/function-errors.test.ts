/**
 * The functions' own error lines come back through the cluster's stream (cloudwatch_logs module,
 * `subscribe_function_errors`): CloudWatch Logs puts a gzip JSON envelope into Kinesis, the Kinesis reader
 * inflates it into one record, and the `streamalert:errors` schema (conf/schemas/streamalert.json) takes
 * each `logEvents[*].message` out of it, StreamAlert's way (json_path + embedded_json + envelope_keys), so
 * that StreamAlert's own `cloudwatch:*` schemas, which expect the envelope, keep working on the same reader.
 * A CONTROL_MESSAGE (no log events) is skipped by the reader.
 */
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../../../runtime/config';
import type { ClassifiedRecord } from '../../../../runtime/classifier';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { createLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent, memoryGetter } from '../classifier/payloads/_events';

const config = loadConfig(DEFAULT_CONF_DIR);
const STREAM = 'acme_prod_streamalert';
const GROUP = '/aws/lambda/acme_prod_streamalert_rules';

/** What CloudWatch Logs writes into a Kinesis destination: gzip JSON. */
function subscriptionRecord(messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE', messages: readonly string[]): Buffer {
  return gzipSync(
    JSON.stringify({
      messageType,
      owner: messageType === 'CONTROL_MESSAGE' ? 'CloudwatchLogs' : '123456789012',
      logGroup: messageType === 'CONTROL_MESSAGE' ? '' : GROUP,
      logStream: messageType === 'CONTROL_MESSAGE' ? '' : '2026/11/28/[$LATEST]0123456789abcdef',
      subscriptionFilters: messageType === 'CONTROL_MESSAGE' ? [] : ['streamalert_function_errors'],
      logEvents: messages.map((message, i) => ({ id: `3795${i}`, timestamp: 1764300000000 + i, message })),
    }),
  );
}

function errorLines(): string[] {
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line) });
  logger.error('rule evaluation failed', { cluster: 'prod', request_id: 'req-9', log_type: 'osquery:differential', source: { service: 'kinesis', resource: STREAM }, error: 'TypeError: x is undefined' });
  logger.error('failed read', { cluster: 'prod', issue: { level: 'error', code: 'Decompress', reason: 'kinesis acme_prod_streamalert: truncated gzip' } });
  return lines;
}

function processor() {
  const seen: ClassifiedRecord[] = [];
  const handle = createRuleProcessor({
    config,
    cluster: 'prod',
    getObject: memoryGetter({}),
    logger: createLogger({ write: () => undefined }),
    evaluator: { evaluate: (record) => (seen.push(record), []) },
  });
  return { handle, seen };
}

describe('the functions\' error lines, back through Kinesis', () => {
  it('classify as streamalert:errors, one record per log event, with the log group in the envelope', async () => {
    const { handle, seen } = processor();
    const result = await handle(kinesisEvent(STREAM, subscriptionRecord('DATA_MESSAGE', errorLines())));
    expect(result.counts).toEqual(expect.objectContaining({ records: 1, classified: { 'streamalert:errors': 2 }, unclassified: 0, failed_reads: 0 }));
    expect(seen.map((r) => [r.log_type, r.record.level, r.record.message])).toEqual([
      ['streamalert:errors', 'ERROR', 'rule evaluation failed'],
      ['streamalert:errors', 'ERROR', 'failed read'],
    ]);
    expect(seen[0].record.error).toBe('TypeError: x is undefined');
    expect(seen[0].record['streamalert:envelope_keys']).toEqual(expect.objectContaining({ logGroup: GROUP, messageType: 'DATA_MESSAGE' }));
    expect(seen[0].source).toEqual(expect.objectContaining({ service: 'kinesis', resource: STREAM }));
  });

  it('skip the CONTROL_MESSAGE CloudWatch Logs sends when the subscription is created, counted as skipped', async () => {
    const { handle, seen } = processor();
    const control = subscriptionRecord('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.']);
    const result = await handle(kinesisEvent(STREAM, control));
    expect(result.counts).toEqual(expect.objectContaining({ records: 0, classified: {}, unclassified: 0, failed_reads: 0, skipped: 1 }));
    expect(seen).toEqual([]);
  });

  it('keep a data message whose lines are not the logger\'s as an unclassified record', async () => {
    const { handle } = processor();
    const result = await handle(kinesisEvent(STREAM, subscriptionRecord('DATA_MESSAGE', ['Task timed out after 60.00 seconds'])));
    expect(result.counts).toEqual(expect.objectContaining({ classified: {}, unclassified: 1 }));
  });
});
