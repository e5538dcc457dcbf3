import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { validateConfig } from '../../../../cli/config/validate-config';
import { createIo } from '../../../../cli/io';
import { ConfigError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir, makeTempDir } from '../../../_helpers/temp-dir';
import type { Json } from '../terraform/helpers';

const ctx = () => ({ globals: { config: '', json: false, debug: false, color: false }, io: createIo({ stderr: new PassThrough(), stdout: new PassThrough(), color: false }) });

/** A copy of the bundled conf with `edit` applied to its variables.json. */
function confWith(edit: (v: Json) => void): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const path = join(dir, 'variables.json');
  const variables = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(variables);
  writeFileSync(path, JSON.stringify(variables));
  return dir;
}

describe('config validate runs the cross-checks of terraform generate', () => {
  it.each<[string, (v: Json) => void, string]>([
    ['an S3 event bucket that is not a data source', (v) => (v.clusters.prod.modules.s3_events = { 'other.bucket': [] }), '/clusters/prod/modules/s3_events/other.bucket'],
    ['kinesis_events without a kinesis module', (v) => delete v.clusters.prod.modules.kinesis, '/clusters/prod/modules/kinesis_events'],
    ['Firehose in a region that has none', (v) => (v.account.region = 'me-west-1'), '/global/firehose/enabled'],
  ])('refuses %s (exit 3), naming the key', async (_name, edit, pointer) => {
    const err = await validateConfig(ctx(), { dir: confWith(edit), rulesDir: makeTempDir() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toContainEqual(expect.objectContaining({ pointer }));
    expect((err as ConfigError).exitCode).toBe(3);
  });

  it('accepts the bundled configuration', async () => {
    await expect(validateConfig(ctx(), { dir: DEFAULT_CONF_DIR, rulesDir: makeTempDir() })).resolves.toBeUndefined();
  });
});
