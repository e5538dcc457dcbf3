/**
 * A scheduled query pack through the real Athena SDK against a loopback fake of the Athena API: queries started in
 * the workgroup, polled until they end, results read page by page, a failed query reported with its reason.
 */
import { useLoopbackAws } from '../_helpers/aws-env';
import { startFakeAthena, type FakeAthena } from '../_helpers/fake-athena';
import { createAthenaQueries, runPack, type StreamQueryRecord } from '../../runtime/scheduled-queries';

let athena: FakeAthena;
let restore: () => void;
beforeAll(async () => {
  athena = await startFakeAthena();
  restore = useLoopbackAws(athena.url, { AWS_ENDPOINT_URL_ATHENA: athena.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
});
afterAll(async () => {
  restore();
  await athena.close();
});

const NOW = new Date('2026-11-30T12:34:56Z');

async function run(name: string): Promise<StreamQueryRecord[]> {
  const sent: StreamQueryRecord[] = [];
  await runPack({
    queries: [{ name, description: `${name} query`, query: "SELECT user, n FROM cloudtrail_events WHERE dt = '{utcdatehour_minus1hour}'", tags: ['hourly'] }],
    athena: createAthenaQueries({ workgroup: 'acme_streamalert', database: 'acme_streamalert', region: 'us-east-1' }),
    send: async (records) => void sent.push(...records),
    region: 'us-east-1',
    now: () => NOW,
    waitMs: 5,
    timeoutMs: 60_000,
  });
  return sent;
}

describe('scheduled queries against Athena (real SDK, loopback API)', () => {
  it('starts the rendered query in the workgroup, waits for it, and reads every page of its rows', async () => {
    athena.plan({ columns: ['user', 'n'], rows: [['alice', '3'], ['bob', null], ['carol', '1']], bytesScanned: 4096, pageSize: 2 });
    const [record] = await run('root_logins');
    const start = athena.calls.find((c) => c.operation === 'StartQueryExecution');
    expect(start?.body).toEqual(
      expect.objectContaining({ QueryString: "SELECT user, n FROM cloudtrail_events WHERE dt = '2026-11-30-11'", WorkGroup: 'acme_streamalert', QueryExecutionContext: { Database: 'acme_streamalert' } }),
    );
    expect(athena.calls.filter((c) => c.operation === 'GetQueryResults')).toHaveLength(2);
    expect(record?.data).toEqual({ headers: ['user', 'n'], rows: [{ user: 'alice', n: '3' }, { user: 'bob', n: null }, { user: 'carol', n: '1' }], count: 3 });
    expect(record?.execution).toEqual(expect.objectContaining({ name: 'root_logins', data_scanned_in_bytes: 4096, query_parameters: { utcdatehour_minus1hour: '2026-11-30-11' } }));
  });

  it("sends StreamAlert's error record, with Athena's reason, for a failed query", async () => {
    athena.plan({ columns: [], rows: [], bytesScanned: 0, outcome: 'FAILED', reason: 'SYNTAX_ERROR: nope' });
    const [record] = await run('broken');
    expect(record?.execution.error).toEqual({ description: 'SYNTAX_ERROR: nope' });
    expect(record?.data).toEqual({ headers: [], rows: [], count: 0 });
  });
});
