import type { ClassifiedRecord } from '../../../../runtime/classifier';
import { loadConfig, type Config } from '../../../../runtime/config';
import { firehoseStreamName } from '../../../../runtime/config/names';
import { createFirehoseSink, FIREHOSE_LIMITS, type RetryPolicy } from '../../../../runtime/firehose';
import { createLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { memorySender, type Answer } from './_sender';

const base = loadConfig(DEFAULT_CONF_DIR);
const source = { service: 'kinesis', resource: 'acme_prod_streamalert' } as const;

/** The bundled configuration with Firehose settings replaced. */
function withFirehose(settings: Partial<Config['global']['firehose']>): Config {
  return { ...base, global: { ...base.global, firehose: { ...base.global.firehose, ...settings } } };
}

const config = withFirehose({ enabled: true, log_types: ['osquery:differential', 'cloudtrail:events'] });
const OSQUERY = firehoseStreamName(config, 'osquery:differential');
const CLOUDTRAIL = firehoseStreamName(config, 'cloudtrail:events');

function record(logType: string, fields: Record<string, unknown> = {}): ClassifiedRecord {
  return { log_type: logType, record: { name: 'pack/x', ...fields }, normalized: {}, source };
}

/** Runs one batch of `records` through a sink and returns its counts, the calls and the log lines. */
async function forward(records: ClassifiedRecord[], options: { answer?: Answer; config?: Config; retry?: Partial<RetryPolicy> } = {}) {
  const sender = memorySender(options.answer);
  const lines: Record<string, unknown>[] = [];
  const delays: number[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const sink = createFirehoseSink({
    config: options.config ?? config,
    sender,
    logger,
    sleep: async (ms) => void delays.push(ms),
    retry: options.retry,
  });
  if (sink === undefined) throw new Error('no sink');
  const delivery = sink.open({ cluster: 'prod' });
  for (const r of records) delivery.add(r);
  const { refused, ...counts } = await delivery.close();
  return { counts, refused, calls: sender.calls, lines, delays };
}

describe('firehose sink', () => {
  it('sends each record as one newline-terminated JSON line to the stream of its log type, one call per stream', async () => {
    const { counts, calls } = await forward([
      record('osquery:differential', { hostIdentifier: 'a' }),
      record('cloudtrail:events', { eventName: 'CreateUser' }),
      record('osquery:differential', { hostIdentifier: 'b' }),
    ]);
    expect(calls).toEqual([
      { stream: OSQUERY, lines: ['{"name":"pack/x","hostIdentifier":"a"}\n', '{"name":"pack/x","hostIdentifier":"b"}\n'] },
      { stream: CLOUDTRAIL, lines: ['{"name":"pack/x","eventName":"CreateUser"}\n'] },
    ]);
    expect(counts).toEqual({ sent: 3, failed: 0, too_large: 0 });
  });

  it('adds the normalized values under streamalert_normalization when the record has some', async () => {
    const normalized = { source_address: ['198.51.100.7'] };
    const { calls } = await forward([{ ...record('cloudtrail:events'), normalized }]);
    expect(JSON.parse(calls[0].lines[0])).toEqual({ name: 'pack/x', streamalert_normalization: normalized });
  });

  it('forwards only the log types listed in global.firehose.log_types', async () => {
    const { counts, calls } = await forward([record('cloudwatch:events'), record('osquery:differential')], {
      config: withFirehose({ enabled: true, log_types: ['osquery:differential'] }),
    });
    expect(calls.map((c) => c.stream)).toEqual([OSQUERY]);
    expect(counts).toEqual({ sent: 1, failed: 0, too_large: 0 });
  });

  it.each([
    ['Firehose is disabled', { enabled: false }, memorySender()],
    ['no log type is listed', { enabled: true, log_types: [] }, memorySender()],
    ['there is no sender (local runs)', { enabled: true }, undefined],
  ])('is not created when %s', (_, settings, sender) => {
    expect(createFirehoseSink({ config: withFirehose(settings), sender, logger: createLogger({ write: () => {} }) })).toBeUndefined();
  });

  it('splits a stream into calls of at most 500 records', async () => {
    const records = Array.from({ length: 1201 }, (_, i) => record('osquery:differential', { i }));
    const { counts, calls } = await forward(records);
    expect(calls.map((c) => c.lines.length)).toEqual([500, 500, 201]);
    expect(calls.flatMap((c) => c.lines).map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(records.map((_, i) => i));
    expect(counts.sent).toBe(1201);
  });

  it('splits a stream into calls of at most 4 MiB', async () => {
    // Nine records of ~900 KiB: four fit in 4 MiB, a fifth would not.
    const records = Array.from({ length: 9 }, (_, i) => record('osquery:differential', { i, pad: 'x'.repeat(900 * 1024) }));
    const { counts, calls } = await forward(records);
    expect(calls.map((c) => c.lines.length)).toEqual([4, 4, 1]);
    for (const call of calls) expect(call.lines.reduce((n, l) => n + Buffer.byteLength(l), 0)).toBeLessThanOrEqual(FIREHOSE_LIMITS.maxBytes);
    expect(counts).toEqual({ sent: 9, failed: 0, too_large: 0 });
  });

  it('does not send a record over 1,000 KiB: it is counted and logged at ERROR with its source', async () => {
    const { counts, calls, lines } = await forward([
      record('osquery:differential', { pad: 'x'.repeat(1000 * 1024) }),
      record('osquery:differential', { small: true }),
    ]);
    expect(calls).toEqual([{ stream: OSQUERY, lines: ['{"name":"pack/x","small":true}\n'] }]);
    expect(counts).toEqual({ sent: 1, failed: 0, too_large: 1 });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', message: 'firehose record too large', stream: OSQUERY, log_type: 'osquery:differential', source, max_bytes: 1000 * 1024, cluster: 'prod' }),
    ]);
  });

  it('retries only the refused entries with a growing backoff, and counts them sent when Firehose takes them', async () => {
    const answer: Answer = (_, n) => (n === 0 ? [{ index: 1, code: 'ServiceUnavailableException' }] : []);
    const { counts, calls, delays, lines } = await forward([record('osquery:differential', { i: 0 }), record('osquery:differential', { i: 1 })], { answer });
    expect(calls.map((c) => c.lines)).toEqual([
      ['{"name":"pack/x","i":0}\n', '{"name":"pack/x","i":1}\n'],
      ['{"name":"pack/x","i":1}\n'],
    ]);
    expect(delays).toHaveLength(1);
    expect(counts).toEqual({ sent: 2, failed: 0, too_large: 0 });
    expect(lines).toEqual([]);
  });

  it('gives up after the attempts allowed and counts, logs and returns the refused entries with their error codes', async () => {
    const answer: Answer = (call) => call.lines.map((_, index) => ({ index, code: index === 0 ? 'ServiceUnavailableException' : 'InternalFailure' }));
    const { counts, calls, delays, lines, refused } = await forward([record('osquery:differential'), record('osquery:differential'), record('osquery:differential')], {
      answer,
      retry: { attempts: 3, baseDelayMs: 100, budgetMs: 60_000 },
    });
    expect(calls).toHaveLength(3);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(counts).toEqual({ sent: 0, failed: 3, too_large: 0 });
    expect(refused.map((r) => [r.stream, r.code])).toEqual([
      [OSQUERY, 'ServiceUnavailableException'],
      [OSQUERY, 'InternalFailure'],
      [OSQUERY, 'InternalFailure'],
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'firehose delivery failed',
        stream: OSQUERY,
        failed: 3,
        retry_budget_ms: 60_000,
        error_codes: { ServiceUnavailableException: 1, InternalFailure: 2 },
      }),
    ]);
  });

  it('keeps retrying refused entries by default until the next delay would pass the 8 second budget', async () => {
    const answer: Answer = (call) => call.lines.map((_, index) => ({ index, code: 'ServiceUnavailableException' }));
    const { counts, calls, delays, refused } = await forward([record('osquery:differential')], { answer });
    const waited = delays.reduce((a, b) => a + b, 0);
    expect(waited).toBeLessThanOrEqual(8000);
    // 12 attempts at most; with a 100 ms base the budget allows at least 6 retries (100+200+...+3200 <= 8000 at worst).
    expect(calls.length).toBeGreaterThanOrEqual(6);
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(counts.failed).toBe(1);
    expect(refused).toHaveLength(1);
  });

  it('counts the records of a call that throws as failed and logs the error, without rejecting', async () => {
    const answer: Answer = (call) => (call.stream === OSQUERY ? Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }) : []);
    const { counts, calls, lines } = await forward([record('osquery:differential'), record('cloudtrail:events')], { answer });
    expect(calls).toHaveLength(2);
    expect(counts).toEqual({ sent: 1, failed: 1, too_large: 0 });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', message: 'firehose delivery failed', stream: OSQUERY, error_codes: { AccessDeniedException: 1 }, error: 'Access denied' }),
    ]);
  });

  it('sends nothing when the batch classified nothing', async () => {
    const { counts, calls } = await forward([]);
    expect(calls).toEqual([]);
    expect(counts).toEqual({ sent: 0, failed: 0, too_large: 0 });
  });
});
