// Sigma rules against TypeScript rules on the deployed rule processor (issue 21): packages the handler bench's
// configuration three times with `lambda package` (the bench rules alone; plus 60 generated Sigma rules on
// CloudTrail; plus the 60 equivalent TypeScript rules) and runs the CloudTrail case of bench/handler-case.mjs
// (0.1% alerting) on each zip in a fresh process. Reported: records/s from CPU time and the ratio to JSON.parse of
// the same bytes in the same process, for the Kinesis and S3 paths. No generated rule matches the corpus, so every
// record is checked against all 60 (the worst case: nothing short-circuits by alerting).
// Run after `npm run build`:  node bench/sigma.mjs     Env: BENCH_HANDLER_RECORDS (20000), BENCH_ROUNDS (3)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchConf } from './setup.mjs';
import { readZipEntries } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'streamalert');
const records = Number(process.env.BENCH_HANDLER_RECORDS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const RULES = 60;
const SERVICES = ['iam', 'ec2', 's3', 'kms', 'sts', 'lambda', 'rds', 'ssm', 'secretsmanager', 'organizations'];

/** Rule i: a service, two API names, a user agent substring, and failed calls left out. */
function ruleParts(i) {
  const service = `${SERVICES[i % SERVICES.length]}.amazonaws.com`;
  return { service, names: [`BenchApi${i}Create`, `BenchApi${i}Delete`], agent: `bench-tool-${i}` };
}

function sigmaRule(i) {
  const { service, names, agent } = ruleParts(i);
  return [
    `title: Bench rule ${i}`,
    `id: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    'logsource:',
    '  product: aws',
    '  service: cloudtrail',
    'detection:',
    '  selection:',
    `    eventSource: ${service}`,
    '    eventName:',
    ...names.map((n) => `      - ${n}`),
    `    userAgent|contains: ${agent}`,
    '  failed:',
    "    errorCode: '?*'",
    '  condition: selection and not failed',
    'level: medium',
    '',
  ].join('\n');
}

function typescriptRule(i) {
  const { service, names, agent } = ruleParts(i);
  return (
    `rule({ logs: ['cloudtrail:events', 'cloudtrail:cloudwatch_logs'] })(function bench_ts_${i}(rec: Record<string, unknown>) {\n` +
    `  return rec.eventSource === '${service}' && ${JSON.stringify(names)}.includes(String(rec.eventName)) &&\n` +
    `    String(rec.userAgent).toLowerCase().includes('${agent}') && !rec.errorCode;\n});\n`
  );
}

/** A rules folder two levels below the project (the bench rules import ../../runtime/rules). */
function rulesFolder(kind) {
  const dir = join(root, `.bench-rules-${kind}`, 'rules');
  rmSync(dirname(dir), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'bench', 'rules'), dir, { recursive: true });
  if (kind === 'sigma') for (let i = 0; i < RULES; i += 1) writeFileSync(join(dir, `bench_sigma_${i}.yml`), sigmaRule(i));
  if (kind === 'typescript') {
    const body = Array.from({ length: RULES }, (_, i) => typescriptRule(i)).join('\n');
    writeFileSync(join(dir, 'bench_typescript.ts'), `import { rule } from '../../runtime/rules';\n\n${body}`);
  }
  return dir;
}

function runCase(fnDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(root, 'bench', 'handler-case.mjs'), fnDir, 'cloudtrail', '0.001', String(records), String(rounds)], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: '', ALERTS_TABLE: '', DEAD_LETTER_BUCKET: '' },
    });
    let out = '';
    child.stdio[3].on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`case exited with ${code}`))));
  });
}

const work = mkdtempSync(join(tmpdir(), 'streamalert-bench-sigma-'));
const kinds = ['none', 'sigma', 'typescript'];
try {
  const conf = writeBenchConf(work, corpus, 128);
  console.log(`sigma benchmark: CloudTrail, ${records.toLocaleString('en-US')} records, 0.1% alerting, median of ${rounds} rounds, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('rules                     path      records/s   x JSON.parse (CPU)   x JSON.parse (wall)');
  for (const kind of kinds) {
    const rulesDir = rulesFolder(kind);
    const out = join(work, `pkg-${kind}`);
    const packaged = JSON.parse(
      execFileSync(process.execPath, [join(root, 'bin', 'streamalert.js'), '--config', conf, '--json', 'lambda', 'package', '--function', 'rule', '--rules-dir', rulesDir, '--out-dir', out], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const fnDir = join(work, `fn-${kind}`);
    mkdirSync(fnDir);
    for (const [name, data] of readZipEntries(readFileSync(packaged.packages[0].zip))) writeFileSync(join(fnDir, name), data);
    const result = await runCase(fnDir);
    const label = kind === 'none' ? 'bench rules only' : `+ ${RULES} ${kind === 'sigma' ? 'Sigma' : 'TypeScript'} rules`;
    for (const path of ['kinesis', 's3']) {
      const cpu = result.cpu_seconds[`${path} handler`];
      const wall = result.seconds[`${path} handler`];
      const baseline = path === 's3' && result.seconds['JSON.parse documents'] !== undefined ? 'JSON.parse documents' : 'JSON.parse lines';
      console.log(
        `${label.padEnd(25)} ${path.padEnd(8)} ${Math.round(result.records / cpu).toLocaleString('en-US').padStart(10)}   ${(result.cpu_seconds[baseline] / cpu).toFixed(2).padStart(18)}   ${(result.seconds[baseline] / wall).toFixed(2).padStart(19)}`,
      );
    }
    rmSync(dirname(rulesDir), { recursive: true, force: true });
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  for (const kind of kinds) rmSync(join(root, `.bench-rules-${kind}`), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
