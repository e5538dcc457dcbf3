import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { createKinesisSender, KINESIS_RECORD_MAX_BYTES, parameterValue, renderQuery, resultRecords, runPack, type AthenaQueries, type QueryStatus, type StreamQueryRecord } from '../../../../runtime/scheduled-queries';

const NOW = new Date('2026-11-30T12:34:56Z');

describe('scheduled query parameters', () => {
  it.each([
    ['utcdatehour', '2026-11-30-12'],
    ['utcdatehour_minus1hour', '2026-11-30-11'],
    ['utcdatehour_minus2hour', '2026-11-30-10'],
    ['utcdatehour_minus1day', '2026-11-29-12'],
    ['utcdatehour_minus7day', '2026-11-23-12'],
    ['utctimestamp', '1796042096'],
    ['utctimestamp_minus1hour', '1796038496'],
    ['utcisotime', '1796042096'],
  ])('{%s} is %s', (name, value) => {
    expect(parameterValue(name, NOW)).toBe(value);
  });

  it('renders every parameter of a query and reports their values', () => {
    const rendered = renderQuery("SELECT * FROM cloudtrail_events WHERE dt >= '{utcdatehour_minus1hour}' AND dt <= '{utcdatehour}' AND x = '{utcdatehour}'", NOW);
    expect(rendered.sql).toBe("SELECT * FROM cloudtrail_events WHERE dt >= '2026-11-30-11' AND dt <= '2026-11-30-12' AND x = '2026-11-30-12'");
    expect(rendered.parameters).toEqual({ utcdatehour_minus1hour: '2026-11-30-11', utcdatehour: '2026-11-30-12' });
  });
});

/** An Athena that plays each query's script of states, and records what it was asked. */
function fakeAthena(script: Record<string, { states: QueryStatus['state'][]; rows?: Record<string, string | null>[]; reason?: string }>): AthenaQueries & { started: string[]; stopped: string[] } {
  const started: string[] = [];
  const stopped: string[] = [];
  const polls = new Map<string, number>();
  const idOf = (sql: string): string => Object.keys(script).find((k) => sql.includes(k)) ?? 'unknown';
  return {
    started,
    stopped,
    start: async (sql) => {
      started.push(sql);
      return idOf(sql);
    },
    status: async (id) => {
      const n = polls.get(id) ?? 0;
      polls.set(id, n + 1);
      const states = script[id]?.states ?? ['FAILED'];
      return { state: states[Math.min(n, states.length - 1)] ?? 'FAILED', reason: script[id]?.reason, bytesScanned: 1234, executionMs: 56 };
    },
    stop: async (id) => {
      stopped.push(id);
    },
    results: async (id) => ({ headers: Object.keys(script[id]?.rows?.[0] ?? {}), rows: script[id]?.rows ?? [] }),
  };
}

const query = (name: string) => ({ name, description: `${name} query`, query: `SELECT '${name}' WHERE dt = '{utcdatehour}'`, tags: ['hourly'] });

describe('a query pack run', () => {
  it('sends one streamquery record per query: rows for the one that succeeded, the reason for the one that failed', async () => {
    const athena = fakeAthena({
      logins: { states: ['QUEUED', 'RUNNING', 'SUCCEEDED'], rows: [{ user: 'alice', n: '3' }, { user: 'bob', n: null }] },
      broken: { states: ['RUNNING', 'FAILED'], reason: 'SYNTAX_ERROR: nope' },
    });
    const sent: StreamQueryRecord[] = [];
    const sleeps: number[] = [];
    const summary = await runPack({
      queries: [query('logins'), query('broken')],
      athena,
      send: async (records) => void sent.push(...records),
      region: 'us-east-1',
      now: () => NOW,
      waitMs: 30_000,
      timeoutMs: 3_600_000,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(summary).toEqual({ queries: 2, succeeded: 1, failed: 1, rows: 2, records_sent: 2 });
    expect(athena.started).toEqual(["SELECT 'logins' WHERE dt = '2026-11-30-12'", "SELECT 'broken' WHERE dt = '2026-11-30-12'"]);
    expect(sleeps.every((ms) => ms === 30_000)).toBe(true);
    expect(sent[0]).toEqual({
      streamquery_schema_version: '1.0.0',
      execution: expect.objectContaining({ name: 'logins', query: "SELECT 'logins' WHERE dt = '2026-11-30-12'", query_parameters: { utcdatehour: '2026-11-30-12' }, tags: ['hourly'], query_execution_id: 'logins', data_scanned_in_bytes: 1234 }),
      data: { headers: ['user', 'n'], rows: [{ user: 'alice', n: '3' }, { user: 'bob', n: null }], count: 2 },
    });
    expect(sent[1]?.execution.error).toEqual({ description: 'SYNTAX_ERROR: nope' });
    expect(sent[1]?.data).toEqual({ headers: [], rows: [], count: 0 });
  });

  it('never outlives the function: a query still running near its end is stopped and reported, even with a longer sfn_timeout_secs', async () => {
    const athena = fakeAthena({ slow: { states: ['RUNNING'] }, quick: { states: ['SUCCEEDED'], rows: [{ n: '1' }] } });
    const sent: StreamQueryRecord[] = [];
    const sleeps: number[] = [];
    let clock = 0;
    const realNow = Date.now;
    Date.now = () => realNow() + clock;
    const functionEnd = realNow() + 900_000;
    try {
      const summary = await runPack({
        queries: [query('slow'), query('quick')],
        athena,
        send: async (r) => void sent.push(...r),
        region: 'us-east-1',
        now: () => NOW,
        waitMs: 30_000,
        // StreamAlert's default: an hour, in a function capped at 15 minutes.
        timeoutMs: 3_600_000,
        remainingMs: () => functionEnd - Date.now(),
        reserveMs: 60_000,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      });
      expect(summary).toMatchObject({ queries: 2, succeeded: 1, failed: 1 });
    } finally {
      Date.now = realNow;
    }
    expect(athena.stopped).toEqual(['slow']);
    // Stopped and reported inside the function's time, with the reserve left for sending.
    expect(clock).toBeLessThanOrEqual(900_000 - 60_000 + 1000);
    expect(sleeps.every((ms) => ms <= 30_000)).toBe(true);
    const slow = sent.find((r) => r.execution.name === 'slow');
    expect(slow?.execution.error?.description).toMatch(/stopped: the function's time ran out \(900 s, 60 s kept to report\)/);
    expect(slow?.data).toEqual({ headers: [], rows: [], count: 0 });
  });

  it('stops a query still running when the pack is out of time, and says so', async () => {
    const athena = fakeAthena({ slow: { states: ['RUNNING'] } });
    const sent: StreamQueryRecord[] = [];
    let clock = 0;
    const realNow = Date.now;
    Date.now = () => realNow() + clock;
    try {
      await runPack({ queries: [query('slow')], athena, send: async (r) => void sent.push(...r), region: 'us-east-1', now: () => NOW, waitMs: 10, timeoutMs: 1000, sleep: async () => void (clock += 600) });
    } finally {
      Date.now = realNow;
    }
    expect(athena.stopped).toEqual(['slow']);
    expect(sent[0]?.execution.error?.description).toMatch(/stopped after 1 s/);
  });

  it('splits rows that do not fit one Kinesis record over several, in order, losing none', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ i: String(i), blob: 'x'.repeat(1000) }));
    const base = { streamquery_schema_version: '1.0.0' as const, execution: { name: 'big', description: '', query: 'q', query_parameters: {}, data_scanned_in_bytes: 0, execution_time_ms: 0, tags: [], query_execution_id: 'id', console_link: '' } };
    const records = resultRecords(base, ['i', 'blob'], rows);
    expect(records.length).toBeGreaterThan(2);
    for (const r of records) expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(KINESIS_RECORD_MAX_BYTES);
    expect(records.flatMap((r) => r.data.rows)).toEqual(rows);
    expect(records.map((r) => [r.data.part, r.data.parts, r.data.count])).toEqual(records.map((_, i) => [i + 1, records.length, 3000]));
  });
});

describe('the Kinesis sender', () => {
  const kinesis = mockClient(KinesisClient);
  beforeEach(() => kinesis.reset());
  const record = (name: string): StreamQueryRecord => ({ streamquery_schema_version: '1.0.0', execution: { name, description: '', query: '', query_parameters: {}, data_scanned_in_bytes: 0, execution_time_ms: 0, tags: [], query_execution_id: name, console_link: '' }, data: { headers: [], rows: [], count: 0 } });

  it('puts again only the records Kinesis refused', async () => {
    kinesis
      .on(PutRecordsCommand)
      .resolvesOnce({ FailedRecordCount: 1, Records: [{ SequenceNumber: '1', ShardId: 's' }, { ErrorCode: 'ProvisionedThroughputExceededException' }] })
      .resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '2', ShardId: 's' }] });
    await createKinesisSender('acme_prod_streamalert', { sleep: async () => undefined })([record('a'), record('b')]);
    const calls = kinesis.commandCalls(PutRecordsCommand);
    expect(calls.map((c) => c.args[0].input.Records?.map((r) => JSON.parse(Buffer.from(r.Data as Uint8Array).toString()).execution.name))).toEqual([['a', 'b'], ['b']]);
    expect(calls[0]?.args[0].input.StreamName).toBe('acme_prod_streamalert');
  });

  it('fails the run when Kinesis keeps refusing', async () => {
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 1, Records: [{ ErrorCode: 'InternalFailure' }] });
    await expect(createKinesisSender('s', { attempts: 3, sleep: async () => undefined })([record('a')])).rejects.toThrow(/refused by s after 3 attempts/);
  });
});
