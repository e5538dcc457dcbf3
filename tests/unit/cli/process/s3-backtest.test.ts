/**
 * Backtests over S3 (`process s3://bucket/prefix/ --since --until`): the objects of the window, listed page by
 * page and read one at a time from a mocked S3 (aws-sdk-client-mock), give the same alerts as the same files
 * read locally; objects outside the window are never read.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { CommandContext } from '../../../../cli/context';
import { createIo } from '../../../../cli/io';
import { processFiles } from '../../../../cli/process';
import { inWindow } from '../../../../cli/process/s3-inputs';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { osquery } from '../../runtime/handlers/_records';

function context(): { ctx: CommandContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _enc, done) => (into.push(String(chunk)), done()) });
  const io = createIo({ color: false, stdout: sink(out), stderr: Object.assign(sink(err), { isTTY: false }) });
  return { ctx: { globals: { config: DEFAULT_CONF_DIR, json: false, debug: false, color: false }, io }, out, err };
}

// Five days, eight hourly objects a day, ten osquery records an object; hosts ending in 7 alert.
const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'];
const objects = new Map<string, Buffer>();
for (const day of DAYS) {
  for (let hour = 0; hour < 24; hour += 3) {
    const dt = `${day}-${String(hour).padStart(2, '0')}`;
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify(osquery(`h-${dt}-${i}`))).join('\n');
    objects.set(`osquery_differential/dt=${dt}/part-0.gz`, gzipSync(`${lines}\n`));
  }
}
const evaluator = {
  evaluate: (r: { record: Record<string, unknown> }) => (String(r.record.hostIdentifier).endsWith('7') ? [{ rule_name: 'backtest_rule', host: r.record.hostIdentifier }] : []),
};
const WINDOW = { since: new Date('2026-01-02T00:00:00Z'), until: new Date('2026-01-04T23:59:59Z') };

const s3 = mockClient(S3Client);
let open = 0;
let maxOpen = 0;
const fetched: string[] = [];
beforeAll(() => {
  const keys = [...objects.keys()].sort();
  s3.on(ListObjectsV2Command).callsFake((input: { ContinuationToken?: string }) => {
    // Pages of 7 keys, to cross page boundaries.
    const from = Number(input.ContinuationToken ?? 0);
    const page = keys.slice(from, from + 7);
    const more = from + 7 < keys.length;
    return { Contents: page.map((Key) => ({ Key, Size: objects.get(Key)?.length })), IsTruncated: more, ...(more ? { NextContinuationToken: String(from + 7) } : {}) };
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    fetched.push(input.Key);
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    const body = Readable.from([objects.get(input.Key) as Buffer]);
    body.on('end', () => (open -= 1));
    return { Body: body };
  });
});
afterAll(() => s3.restore());

describe('process over S3 partitions (backtest)', () => {
  it('keeps the dt= partitions that overlap the window', () => {
    expect(inWindow('x/dt=2026-01-01-23/a.gz', WINDOW)).toBe(false);
    expect(inWindow('x/dt=2026-01-02-00/a.gz', WINDOW)).toBe(true);
    expect(inWindow('x/dt=2026-01-04/a.gz', WINDOW)).toBe(true);
    expect(inWindow('x/dt=2026-01-05-00/a.gz', WINDOW)).toBe(false);
    expect(inWindow('x/no-partition.gz', WINDOW)).toBe(false);
    expect(inWindow('x/no-partition.gz', {})).toBe(true);
  });

  it('gives the alerts of the same files read locally, reading only the window, one object at a time', async () => {
    const inWindowKeys = [...objects.keys()].filter((k) => inWindow(k, WINDOW)).sort();
    expect(inWindowKeys).toHaveLength(24);
    const dir = makeTempDir();
    const files = inWindowKeys.map((key) => {
      const file = join(dir, key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, objects.get(key) as Buffer);
      return file;
    });
    const local = context();
    expect(await processFiles(local.ctx, { config: DEFAULT_CONF_DIR, files, evaluator })).toBe(0);

    const remote = context();
    expect(await processFiles(remote.ctx, { config: DEFAULT_CONF_DIR, files: ['s3://acme-streamalert-data/osquery_differential/'], window: WINDOW, s3: new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }), evaluator })).toBe(0);

    const alerts = (out: string[]) => out.join('').trim().split('\n').sort();
    expect(alerts(remote.out)).toEqual(alerts(local.out));
    expect(alerts(remote.out)).toHaveLength(24);
    expect(fetched.sort()).toEqual(inWindowKeys);
    expect(maxOpen).toBe(1);
    expect(remote.err.join('')).toMatch(/240 record\(s\), 240 classified, 0 unclassified[\s\S]*alerts: 24/);
  });

  it('refuses --since without an S3 input as bad usage', async () => {
    const { ctx } = context();
    await expect(processFiles(ctx, { config: DEFAULT_CONF_DIR, files: ['-'], window: WINDOW })).rejects.toMatchObject({ exitCode: 2 });
  });
});
