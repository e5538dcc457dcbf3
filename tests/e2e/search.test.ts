/** `streamalert search` as a process, the real Athena SDK pointed at a loopback fake of the Athena API. */
import { fakeAwsEnv, runCliAsync } from '../_helpers/fake-aws-cli';
import { startFakeAthena, type FakeAthena } from '../_helpers/fake-athena';

let athena: FakeAthena;
beforeAll(async () => {
  athena = await startFakeAthena();
});
afterAll(() => athena.close());
beforeEach(() => {
  athena.calls.length = 0;
});

const env = (): NodeJS.ProcessEnv => ({ ...fakeAwsEnv(athena.url), AWS_ENDPOINT_URL_ATHENA: athena.url });
const rows = [
  ['ConsoleLogin', 'alice', '2026-11-30-10'],
  ['ConsoleLogin', 'bob', '2026-11-30-11'],
  ['ConsoleLogin', null, '2026-11-30-12'],
];

describe('streamalert search (process, Athena on 127.0.0.1)', () => {
  it('runs the partition-pruned query in the workgroup, reads every page, and prints JSON lines with the cost on stderr', async () => {
    athena.plan({ columns: ['eventname', 'username', 'dt'], rows, bytesScanned: 2_500_000_000 });
    const run = await runCliAsync(['--json', 'search', '--log', 'cloudtrail:events', '--since', '2026-11-30T10:00:00Z', '--until', '2026-11-30T12:30:00Z', '--where', "eventname = 'ConsoleLogin'"], env());
    expect(run.code).toBe(0);
    const start = athena.calls.find((c) => c.operation === 'StartQueryExecution');
    expect(start?.body).toEqual(
      expect.objectContaining({
        QueryString: `SELECT * FROM "acme_streamalert"."cloudtrail_events" WHERE dt >= '2026-11-30-10' AND dt <= '2026-11-30-12' AND (eventname = 'ConsoleLogin') LIMIT 100`,
        WorkGroup: 'acme_streamalert',
        QueryExecutionContext: { Database: 'acme_streamalert' },
      }),
    );
    expect(athena.calls.filter((c) => c.operation === 'GetQueryExecution').length).toBeGreaterThanOrEqual(3);
    expect(athena.calls.filter((c) => c.operation === 'GetQueryResults')).toHaveLength(2);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { eventname: 'ConsoleLogin', username: 'alice', dt: '2026-11-30-10' },
      { eventname: 'ConsoleLogin', username: 'bob', dt: '2026-11-30-11' },
      { eventname: 'ConsoleLogin', username: null, dt: '2026-11-30-12' },
    ]);
    expect(run.stderr).toMatch(/3 row\(s\); 2\.5 GB scanned, about \$0\.0125/);
  });

  it('prints a table when not asked for JSON', async () => {
    athena.plan({ columns: ['eventname', 'username', 'dt'], rows, bytesScanned: 1000 });
    const run = await runCliAsync(['search', 'SELECT eventname, username, dt FROM cloudtrail_events LIMIT 3'], env());
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['eventname     username  dt', '------------  --------  -------------', 'ConsoleLogin  alice     2026-11-30-10']);
    expect(run.stdout).toContain('ConsoleLogin  NULL      2026-11-30-12');
  });

  it('reports a failed query with Athena\'s reason and exits 1', async () => {
    athena.plan({ columns: [], rows: [], bytesScanned: 0, outcome: 'FAILED', reason: "SYNTAX_ERROR: line 1:8: Column 'nope' cannot be resolved" });
    const run = await runCliAsync(['search', 'SELECT nope FROM cloudtrail_events'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/query q-\d+ failed: SYNTAX_ERROR: line 1:8: Column 'nope' cannot be resolved/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
