import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { generateTerraform } from '../../../../cli/terraform/generate';
import { BOOTSTRAP_HANDLER, BOOTSTRAP_MESSAGE, bootstrapPackage } from '../../../../cli/terraform/bootstrap-package';
import { ConfigError } from '../../../../runtime/errors';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { configWith } from './helpers';

/** Reads the entries of a zip through its central directory (enough for our one-entry package). */
function unzip(bytes: Buffer): Record<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    entries[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLength + extra;
  }
  return entries;
}

describe('generateTerraform', () => {
  it('writes the files, the bootstrap package, and reports what changed', async () => {
    const dir = makeTempDir();
    const result = await generateTerraform(configWith(), dir);
    expect(readdirSync(dir).sort()).toEqual(['bootstrap.zip', 'corp.tf.json', 'main.tf.json', 'prod.tf.json']);
    expect(result.changed).toEqual(['corp.tf.json', 'main.tf.json', 'prod.tf.json', 'bootstrap.zip']);
    expect(JSON.parse(readFileSync(join(dir, 'prod.tf.json'), 'utf8')).resource.aws_kinesis_stream.prod_kinesis.name).toBe('acme_prod_streamalert');
  });

  it('leaves identical files untouched on a second run, byte for byte', async () => {
    const dir = makeTempDir();
    await generateTerraform(configWith(), dir);
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const again = await generateTerraform(configWith(), dir);
    expect(again.changed).toEqual([]);
    for (const [file, bytes] of Object.entries(before)) expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
  });

  it('deletes the file of a removed cluster but never a file it did not write', async () => {
    const dir = makeTempDir();
    await generateTerraform(configWith(), dir);
    writeFileSync(join(dir, 'override.tf.json'), '{"locals": {"mine": 1}}');
    const result = await generateTerraform(configWith((v) => delete v.clusters.corp), dir);
    expect(result.removed).toEqual(['corp.tf.json']);
    expect(existsSync(join(dir, 'corp.tf.json'))).toBe(false);
    expect(existsSync(join(dir, 'override.tf.json'))).toBe(true);
  });

  it('refuses a configuration with problems (exit 3) and writes nothing', async () => {
    const dir = join(makeTempDir(), 'terraform');
    const run = () => generateTerraform(configWith((v) => (v.account.region = 'me-west-1')), dir);
    await expect(run()).rejects.toThrow(ConfigError);
    await expect(run()).rejects.toThrow(/\/global\/firehose\/enabled: Firehose is not available/);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('bootstrap package', () => {
  it('is the same bytes every time, with the fixed date and mode of every Lambda package', async () => {
    const [first, second] = [await bootstrapPackage(), await bootstrapPackage()];
    expect(first.equals(second)).toBe(true);
    // Central directory entry: DOS date 1980-01-01 (0x0021), external attributes rw-r--r-- regular file.
    const central = first.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(first.readUInt16LE(central + 14)).toBe(0x0021);
    expect(first.readUInt32LE(central + 38) >>> 16).toBe(0o100644);
  });

  it('holds index.js whose handler says the function is not deployed yet', async () => {
    const entries = unzip(await bootstrapPackage());
    expect(Object.keys(entries)).toEqual(['index.js']);
    expect(BOOTSTRAP_HANDLER).toBe('index.handler');
    const module = { exports: {} as { handler?: () => Promise<unknown> } };
    new Function('module', 'exports', entries['index.js'])(module, module.exports);
    await expect(module.exports.handler!()).rejects.toThrow(BOOTSTRAP_MESSAGE);
    expect(BOOTSTRAP_MESSAGE).toBe('not deployed yet: run streamalert lambda deploy');
  });
});
