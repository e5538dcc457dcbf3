import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../../../../_helpers/paths';
import { makeTempDir } from '../../../../_helpers/temp-dir';

const MIB = 1024 * 1024;
const OBJECT_BYTES = 200 * MIB;
const HEAP_CAP_MB = 64;

/**
 * Runs in a separate Node process whose heap is capped far below the object's size, so that reading
 * the object whole (or keeping its records) would crash it. Jest's own heap is too noisy to measure in.
 */
const PROGRAM = `
import { readEventBatches } from ${JSON.stringify(join(REPO_ROOT, 'runtime/classifier/payloads'))};
async function* generatedObject(total: number): AsyncGenerator<Buffer> {
  const line = '{"name":"pack/osquery","hostIdentifier":"host-1","unixTime":1700000000,"columns":{"a":"b"}}\\n';
  const chunk = Buffer.from(line.repeat(Math.floor((64 * 1024) / line.length)));
  for (let sent = 0; sent < total; sent += chunk.length) yield Buffer.from(chunk);
}
async function main(): Promise<void> {
  const start = process.memoryUsage();
  let records = 0, bytes = 0, peakRss = start.rss, peakHeap = start.heapUsed;
  const event = { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'big.bucket' }, object: { key: 'big.json' } } }] };
  for await (const batch of readEventBatches(event, { onIssue: () => undefined, getObject: async () => generatedObject(${OBJECT_BYTES}) })) {
    records += batch.length;
    for (const r of batch) bytes += (r.data as string).length + 1;
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  process.stdout.write(JSON.stringify({ records, bytes, rssGrowth: peakRss - start.rss, heapGrowth: peakHeap - start.heapUsed }));
}
void main();
`;

describe('s3 payload reader memory', () => {
  it('streams a generated 200 MB object in a process with a 64 MB heap, memory growing far below its size', () => {
    const dir = makeTempDir();
    const entry = join(dir, 'stream-200mb.ts');
    writeFileSync(entry, PROGRAM);
    const bundle = join(dir, 'stream-200mb.js');
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, external: ['@aws-sdk/*'], logLevel: 'error', nodePaths: [join(REPO_ROOT, 'node_modules')] });
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, bundle], {
      encoding: 'utf8',
      cwd: REPO_ROOT,
      timeout: 120_000,
      env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { records: number; bytes: number; rssGrowth: number; heapGrowth: number };
    expect(result.bytes).toBeGreaterThanOrEqual(OBJECT_BYTES);
    expect(result.records).toBeGreaterThan(2_000_000);
    expect(result.heapGrowth).toBeLessThan(HEAP_CAP_MB * MIB);
    expect(result.rssGrowth).toBeLessThan(OBJECT_BYTES / 2);
  });
});
