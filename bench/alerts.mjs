// Alert benchmark (issue 8): the deployed rule processor's throughput when alerts are written to the alerts
// table, beside the same batches without alerts. Packages the bench rules with the built CLI (`lambda package
// --function rule`), starts dynalite on 127.0.0.1 as the alerts table, and runs bench/handler-case.mjs (the zip's
// own index.js, Kinesis batches of 500; bench/alerts-case.mjs) for: no alerts; 10% alerting with no table (as
// `lambda test` runs); 10% alerting with ALERTS_TABLE set as in Lambda, every alert stored (BatchGetItem +
// BatchWriteItem over HTTP to dynalite, a fresh empty table per measured round) before each invocation returns.
// Run after `npm run build`:  node bench/alerts.mjs   Env: BENCH_ALERT_RECORDS (default 20000), BENCH_ROUNDS (3),
// BENCH_ALERT_FAMILY (kv).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchConf } from './setup.mjs';
import { readZipEntries } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'streamalert');
const records = Number(process.env.BENCH_ALERT_RECORDS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
// kv: its alerting records differ from each other (the osquery generator repeats one alerting record).
const family = process.env.BENCH_ALERT_FAMILY ?? 'kv';
const TABLE = 'bench_streamalert_alerts';
const require = createRequire(import.meta.url);

/** An empty alerts table (`RuleName`/`AlertID`), as Terraform declares it. */
async function createTable(db, name) {
  const { CreateTableCommand } = require('@aws-sdk/client-dynamodb');
  await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'RuleName', AttributeType: 'S' },
        { AttributeName: 'AlertID', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'RuleName', KeyType: 'HASH' },
        { AttributeName: 'AlertID', KeyType: 'RANGE' },
      ],
    }),
  );
}

const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-alerts-'));
const dynalite = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
try {
  await new Promise((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${dynalite.address().port}`;
  const { DynamoDBClient, ScanCommand } = require('@aws-sdk/client-dynamodb');
  const db = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const conf = writeBenchConf(work, corpus, 256);
  const packaged = JSON.parse(
    execFileSync(process.execPath, [join(root, 'bin', 'streamalert.js'), '--config', conf, '--json', 'lambda', 'package', '--function', 'rule', '--rules-dir', join(root, 'bench', 'rules'), '--out-dir', join(work, 'pkg')], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const pkg = packaged.packages[0];
  const fnDir = join(work, 'function');
  mkdirSync(fnDir);
  for (const [name, data] of readZipEntries(readFileSync(pkg.zip))) writeFileSync(join(fnDir, name), data);

  console.log(
    `alert benchmark: ${pkg.function} from its zip, ${family} records, ${records.toLocaleString('en-US')} per case in Kinesis batches of 500, ` +
      `median of ${rounds} rounds, alerts table in dynalite on 127.0.0.1, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  const noTable = { AWS_LAMBDA_FUNCTION_NAME: '', ALERTS_TABLE: '' };
  // As in Lambda: the function name makes the handler use the table named by ALERTS_TABLE (one fresh table per
  // round, see alerts-case.mjs). Every other AWS endpoint points at a closed loopback port: nothing leaves.
  const tableNames = Array.from({ length: rounds + 1 }, (_, i) => `${TABLE}_${i}`);
  for (const name of tableNames) await createTable(db, name);
  const withTable = { AWS_LAMBDA_FUNCTION_NAME: pkg.function, BENCH_ALERT_TABLES: tableNames.join(','), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_DYNAMODB: endpoint };
  const cases = [
    ['no alerts', 0, noTable],
    ['10% alert, no table', 0.1, noTable],
    ['10% alert, table write', 0.1, withTable],
  ];
  const header = ['case', 'alerts', 'records/s', 'MB/s', 'x JSON.parse', 'vs no alerts', 'wall rec/s'];
  const widths = [24, 16, 10, 6, 12, 12, 10];
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  let reference;
  for (const [name, rate, env] of cases) {
    const result = await runCase(fnDir, rate, env);
    const s = result.cpu_handler;
    reference ??= s;
    console.log(
      line([
        name,
        `${result.results.alerts}/${result.results.classified} (${((100 * result.results.alerts) / Math.max(1, result.results.classified)).toFixed(1)}%)`,
        Math.round(result.records / s).toLocaleString('en-US'),
        (result.bytes / 1048576 / s).toFixed(1),
        (result.cpu_parse / s).toFixed(2),
        `${(reference / s).toFixed(2)}x`,
        Math.round(result.records / result.wall_handler).toLocaleString('en-US'),
      ]),
    );
  }
  const stored = (await db.send(new ScanCommand({ TableName: tableNames[rounds], Select: 'COUNT' }))).Count;
  console.log(
    `items in the last round's table: ${stored} (alerts with equal records share their deterministic id). ` +
      'records/s from CPU time of the case process (dynalite runs in the parent, so its own work is not counted there); ' +
      'wall rec/s includes the wait for dynalite over HTTP',
  );
  db.destroy();
} finally {
  await new Promise((resolve) => dynalite.close(resolve));
  rmSync(work, { recursive: true, force: true });
}

function runCase(fnDir, rate, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(root, 'bench', 'alerts-case.mjs'), fnDir, family, String(rate), String(records), String(rounds)], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', DEAD_LETTER_BUCKET: '', ...env },
    });
    let out = '';
    child.stdio[3].on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`case rate ${rate} exited with ${code}`))));
  });
}
