import { loadConfig, type Config } from '../../../../runtime/config';
import { firehoseStreamName } from '../../../../runtime/config/names';
import { resetFirehoseClients, type FirehoseSender } from '../../../../runtime/firehose';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { createLogger } from '../../../../runtime/logger';
import { startFakeFirehose } from '../../../_helpers/fake-firehose';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { memorySender } from '../firehose/_sender';
import { osquery } from './_records';
import { useLoopbackAws } from '../../../_helpers/aws-env';
import { memoryWriter } from '../dead-letter/_memory-writer';

const config: Config = loadConfig(DEFAULT_CONF_DIR);
const PROD_STREAM = 'acme_prod_streamalert';
const OSQUERY_STREAM = firehoseStreamName(config, 'osquery:differential');
/** What the data bucket gets for an osquery record: the parsed record (defaults filled in) and its normalized values. */
const delivered = (host: string) => expect.objectContaining({ ...osquery(host), streamalert_normalization: { host: [host] } }) as unknown;
const parseLines = (lines: readonly string[]) => lines.map((line) => (expect(line.endsWith('}\n')).toBe(true), JSON.parse(line) as unknown));

const event = kinesisEvent(PROD_STREAM, JSON.stringify(osquery('host-1')), JSON.stringify(osquery('host-2')), 'not json at all');

function processor(firehose?: FirehoseSender) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const writer = memoryWriter();
  const handle = createRuleProcessor({ config, cluster: 'prod', logger, firehose, evaluator: { evaluate: () => ['alert'] }, deadLetter: writer, firehoseRetry: { budgetMs: 0 } });
  const kept = writer.objects.flatMap.bind(writer.objects);
  return { handle, lines, entries: () => kept((o) => o.entries) };
}

describe('rule processor with Firehose', () => {
  it('forwards the batch classified records to their stream and adds what it sent to the counts and the summary line', async () => {
    const sender = memorySender();
    const { handle, lines } = processor(sender);
    const result = await handle(event);
    expect(sender.calls.map((c) => c.stream)).toEqual([OSQUERY_STREAM]);
    expect(parseLines(sender.calls[0].lines)).toEqual([delivered('host-1'), delivered('host-2')]);
    expect(result.counts).toEqual(expect.objectContaining({ classified: { 'osquery:differential': 2 }, unclassified: 1, firehose_sent: 2, firehose_failed: 0, firehose_too_large: 0 }));
    expect(lines.find((l) => l.message === 'batch processed')).toEqual(expect.objectContaining({ counts: result.counts }));
  });

  it('keeps alerts and unclassified records when Firehose fails, and dead-letters, counts and logs the records it did not take', async () => {
    const { handle, lines, entries } = processor(memorySender(() => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })));
    const result = await handle(event);
    expect(result.counts).toEqual(expect.objectContaining({ alerts: 2, unclassified: 1, firehose_sent: 0, firehose_failed: 2, dead_lettered: 3 }));
    expect(entries().map((e) => [e.kind, e.code ?? null])).toEqual([
      ['unclassified', null],
      ['firehose_failed', 'ThrottlingException'],
      ['firehose_failed', 'ThrottlingException'],
    ]);
    expect(JSON.parse(entries()[1].data as string)).toEqual(delivered('host-1'));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'firehose delivery failed', stream: OSQUERY_STREAM, error_codes: { ThrottlingException: 2 } }));
  });

  it('sends nothing and adds no Firehose counts outside Lambda when no sender is given', async () => {
    const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    try {
      const result = await processor().handle(event);
      expect(Object.keys(result.counts).filter((k) => k.startsWith('firehose'))).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    }
  });

  it('sends with the default sender in Lambda to the endpoint of AWS_ENDPOINT_URL (a loopback Firehose)', async () => {
    const fake = await startFakeFirehose();
    const restoreEnv = useLoopbackAws(fake.url, { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' });
    resetFirehoseClients();
    try {
      const result = await processor().handle(event);
      expect(fake.calls.map((c) => [c.target, c.stream])).toEqual([['Firehose_20150804.PutRecordBatch', OSQUERY_STREAM]]);
      expect(parseLines(fake.calls[0].records)).toEqual([delivered('host-1'), delivered('host-2')]);
      expect(result.counts).toEqual(expect.objectContaining({ firehose_sent: 2, firehose_failed: 0 }));
    } finally {
      restoreEnv();
      resetFirehoseClients();
      await fake.close();
    }
  });
});
