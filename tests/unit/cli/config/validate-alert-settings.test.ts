import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  join(rulesDir, 'slow_digest.ts'),
  [
    "import { rule } from '../runtime/rules';",
    '/** Merges for longer than the alerts table keeps an alert. */',
    "rule({ logs: ['cloudtrail:events'], outputs: ['slack:security-alerts'], merge_by_keys: ['userName'], merge_window_mins: 50000 })(",
    '  function slow_digest() {',
    '    return true;',
    '  },',
    ');',
    '',
  ].join('\n'),
);

const ctx = () => ({ globals: { config: '', json: false, debug: false, color: false }, io: createIo({ stderr: new PassThrough(), stdout: new PassThrough(), color: false }) });

/** The bundled conf/ with `global` settings replaced and `aws-firehose` left out of outputs.json. */
function confWith(global: Record<string, unknown>): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const variables = JSON.parse(readFileSync(join(dir, 'variables.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  variables.global = { ...variables.global, ...global };
  writeFileSync(join(dir, 'variables.json'), JSON.stringify(variables));
  const outputs = JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8')) as Record<string, unknown>;
  delete outputs['aws-firehose'];
  writeFileSync(join(dir, 'outputs.json'), JSON.stringify(outputs));
  return dir;
}

describe('config validate: alert settings that cannot work', () => {
  it('refuses each with its JSON pointer and value: output timeout, max age and merge window past the TTL, staging without its output', async () => {
    const dir = confWith({
      alerts: { ttl_days: 30, merger: { max_age_minutes: 43_200 }, processor: { timeout: 60, output_timeout_seconds: 60 } },
      rule_staging: { enabled: true },
    });
    const err = await validateConfig(ctx(), { dir, rulesDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) => [p.file.replace(/^.*[/\\]/, ''), p.pointer, p.value]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['variables.json', '/global/alerts/processor/output_timeout_seconds', 60],
        ['variables.json', '/global/alerts/merger/max_age_minutes', 43_200],
        ['variables.json', '/global/rule_staging/enabled', true],
        ['slow_digest.ts', '/slow_digest/merge_window_mins', 50_000],
      ]),
    );
    expect(problems).toHaveLength(4);
    const message = (err as ConfigError).message;
    expect(message).toContain("not less than the alert processor's timeout (60 s)");
    expect(message).toContain('would vanish without a dead letter');
    expect(message).toContain('aws-firehose:alerts only, which outputs.json does not declare');
  });

  it('accepts settings just inside each limit', async () => {
    const dir = confWith({ alerts: { ttl_days: 30, merger: { max_age_minutes: 43_199 }, processor: { timeout: 60, output_timeout_seconds: 59 } } });
    await expect(validateConfig(ctx(), { dir })).resolves.toBeUndefined();
  });
});
