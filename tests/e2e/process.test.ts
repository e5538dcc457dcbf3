import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { runCli } from '../_helpers/run-cli';
import { copyToTempDir, makeTempDir } from '../_helpers/temp-dir';
import { cloudtrailEvent, osquery } from '../unit/runtime/handlers/_records';

const dir = makeTempDir();
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

const OSQUERY = file('osquery.jsonl', `${JSON.stringify(osquery('h1'))}\nnot a log line\n\n${JSON.stringify(osquery('h2'))}\n`);
const CLOUDTRAIL_GZ = file('trail.json.gz', gzipSync(JSON.stringify({ Records: [cloudtrailEvent('CreateUser'), cloudtrailEvent('StopLogging')] }, null, 2)));
const SQUID = '1700000000.123|15|10.0.0.1|TCP_MISS/200|512|GET|http://example.com/|-|DIRECT/93.184.216.34|text/html';

describe('streamalert process', () => {
  it('prints classified records as JSON lines and a summary, exiting 0 despite unclassified records', () => {
    const run = runCli(['process', OSQUERY]);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => [l.log_type, (l.record as { hostIdentifier: string }).hostIdentifier])).toEqual([
      ['osquery:differential', 'h1'],
      ['osquery:differential', 'h2'],
    ]);
    expect(lines[0]).toEqual(expect.objectContaining({ normalized: { host: ['h1'] }, source: { service: 's3', resource: expect.stringContaining('osquery.jsonl'), location: 'line 1' } }));
    expect(run.stderr).toMatch(/3 record\(s\), 2 classified, 1 unclassified, 0 failed read\(s\)/);
    expect(run.stderr).toMatch(/osquery:differential\s+2/);
    expect(run.stderr).toMatch(/osquery\.jsonl line 2: matched none of the \d+ candidate log types/);
  });

  it('reads a gzip file holding one pretty-printed CloudTrail document', () => {
    const run = runCli(['process', CLOUDTRAIL_GZ]);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((l) => [l.log_type, (l.record as { eventName: string }).eventName])).toEqual([
      ['cloudtrail:events', 'CreateUser'],
      ['cloudtrail:events', 'StopLogging'],
    ]);
  });

  it('reads stdin for -', () => {
    const run = runCli(['process', '--log-types', 'squid', '-'], { input: `${SQUID}\n${SQUID}\n` });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((l) => l.log_type)).toEqual(['squid:access', 'squid:access']);
    expect(jsonLines(run.stdout)[0].source).toEqual({ service: 's3', resource: 'stdin', location: 'line 1' });
  });

  it('reads gzip from stdin too', () => {
    const run = runCli(['process', '-'], { input: gzipSync(`${JSON.stringify(osquery())}\n`) });
    expect(jsonLines(run.stdout).map((l) => l.log_type)).toEqual(['osquery:differential']);
  });

  it('uses the log types of a --source and tags records with it and its cluster', () => {
    const run = runCli(['process', '--source', 'sqs:acme_corp_appliance_logs', OSQUERY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/against sqs source acme_corp_appliance_logs of cluster corp .*: 3 record\(s\), 0 classified, 3 unclassified/);
    const squid = runCli(['process', '--source', 's3:acme.prod.cloudtrail', CLOUDTRAIL_GZ]);
    expect(jsonLines(squid.stdout)[0].source).toEqual({ service: 's3', resource: 'acme.prod.cloudtrail', cluster: 'prod', location: expect.stringMatching(/trail\.json\.gz:1-\d+$/) });
  });

  it('writes unclassified records with their whole data for replay', () => {
    const out = join(dir, 'misses.jsonl');
    const long = `x${'y'.repeat(10_000)}`;
    const input = file('mixed.log', `${JSON.stringify(osquery())}\n${long}\n`);
    const run = runCli(['process', '--unclassified', out, input]);
    expect(run.code).toBe(0);
    const misses = jsonLines(readFileSync(out, 'utf8'));
    expect(misses).toEqual([expect.objectContaining({ data: long, data_bytes: long.length, reason: expect.stringContaining('matched none'), candidates: expect.any(Array) })]);
  });

  it.each([
    [['process', '--source', 'kinesis:nope', 'x'], /unknown kinesis source "nope".*configured kinesis sources: acme_prod_streamalert, acme_corp_streamalert/],
    [['process', '--source', 'nocolon', 'x'], /--source: expected <service>:<resource>, got "nocolon"/],
    [['process', '--log-types', 'nope', 'x'], /--log-types: unknown log type\(s\): nope/],
    [['process', '--source', 's3:b', '--log-types', 'squid', 'x'], /either --source or --log-types/],
    [['process'], /no input files/],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 1 when an input cannot be read, after processing the others', () => {
    const run = runCli(['process', join(dir, 'missing.log'), OSQUERY]);
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout)).toHaveLength(2);
    expect(run.stderr).toMatch(/missing\.log: no such file/);
  });

  it('exits 1 on a truncated gzip file, keeping the records read before', () => {
    const whole = gzipSync(Array.from({ length: 3000 }, (_, i) => JSON.stringify(osquery(`h${i}`))).join('\n'));
    const run = runCli(['process', file('cut.gz', whole.subarray(0, Math.floor(whole.length / 2)))]);
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout).length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/cut\.gz: gzip data could not be inflated .*unexpected end of file/);
    expect(run.stderr).toMatch(/1 failed read\(s\)/);
  });

  it('reports binary garbage and invalid UTF-8 lines without crashing', () => {
    const input = file('junk.log', Buffer.concat([Buffer.from(`${JSON.stringify(osquery())}\n`), Buffer.from([0xff, 0xfe, 0x80, 0x0a])]));
    const run = runCli(['process', input]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/junk\.log: line 2 is not valid UTF-8/);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });

  it('exits 3 on an invalid configuration', () => {
    const conf = copyToTempDir(DEFAULT_CONF_DIR);
    writeFileSync(join(conf, 'variables.json'), '{');
    expect(runCli(['--config', conf, 'process', OSQUERY]).code).toBe(3);
  });

  it('prints the summary as the last stdout line with --json', () => {
    const run = runCli(['--json', 'process', OSQUERY]);
    const lines = jsonLines(run.stdout);
    expect(lines[lines.length - 1]).toEqual({ summary: expect.objectContaining({ inputs: 1, counts: expect.objectContaining({ records: 3, unclassified: 1 }) }) });
    expect(run.stderr).toBe('');
  });

  it('explains inputs, candidates, output, replay, alerts and exit codes in --help', () => {
    const run = runCli(['process', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['- reads stdin', '--source', '--log-types', '--unclassified', 'stdout gets each alert as a JSON line instead of the records', 'Exit codes: 0']) {
      expect(run.stdout).toContain(text);
    }
  });
});
