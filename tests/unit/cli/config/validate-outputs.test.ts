import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { validateConfig } from '../../../../cli/config/validate-config';
import { createIo } from '../../../../cli/io';
import { ConfigError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

// Rules one level under the repository keep their relative import of runtime/ valid.
const rulesDir = mkdtempSync(join(REPO_ROOT, '.e2e-rules-'));
afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));

writeFileSync(
  join(rulesDir, 'bad_outputs.ts'),
  [
    "import { rule } from '../runtime/rules';",
    '/** Sends to outputs outputs.json does not declare. */',
    "rule({ logs: ['cloudtrail:events'], outputs: ['slack:security-alerts', 'slack:nowhere', 'smoke-signals:hill'] })(",
    '  function bad_outputs() {',
    '    return true;',
    '  },',
    ');',
    '',
  ].join('\n'),
);

const ctx = () => ({ globals: { config: '', json: false, debug: false, color: false }, io: createIo({ stderr: new PassThrough(), stdout: new PassThrough(), color: false }) });

describe('config validate: outputs', () => {
  it('names the rule file and each output outputs.json does not declare', async () => {
    const err = await validateConfig(ctx(), { dir: DEFAULT_CONF_DIR, rulesDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) => [p.file.replace(/^.*\.e2e-rules-[^/]+\//, ''), p.pointer, p.message]);
    expect(problems).toEqual([
      ['bad_outputs.ts', '/bad_outputs/outputs/1', 'rule "bad_outputs" sends to "slack:nowhere", which conf/outputs.json does not declare'],
      ['bad_outputs.ts', '/bad_outputs/outputs/2', 'rule "bad_outputs" names unknown output service "smoke-signals"'],
    ]);
    expect((err as ConfigError).message).toContain('hint: add it with `streamalert output set slack --descriptor nowhere`');
  });

  it('passes the bundled project: every rule output is declared', async () => {
    await expect(validateConfig(ctx(), { dir: DEFAULT_CONF_DIR, rulesDir: join(REPO_ROOT, 'rules') })).resolves.toBeUndefined();
  });

  it('skips rules when the rules folder does not exist (a conf directory on its own)', async () => {
    const dir = copyToTempDir(DEFAULT_CONF_DIR);
    await expect(validateConfig(ctx(), { dir })).resolves.toBeUndefined();
  });
});
