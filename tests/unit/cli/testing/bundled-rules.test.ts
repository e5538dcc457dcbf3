/**
 * The rules as the Lambda bundle carries them: built with the deploy bundler (minified, keepNames) and
 * loaded, so rule names, doc-comment descriptions and load-time errors are checked where they matter.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundledFunction } from '../../../../cli/testing/bundled-function';
import { generateRecordTypes } from '../../../../cli/testing/record-types';
import { loadConfig } from '../../../../runtime/config';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';

// Inside the repository (git-ignored .build/) so rule files can import the runtime by relative path.
const base = join(REPO_ROOT, '.build');
mkdirSync(base, { recursive: true });
const root = mkdtempSync(join(base, 'bundled-rules-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const config = loadConfig(DEFAULT_CONF_DIR);

function rulesDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name, 'rules');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const IMPORT = "import { rule, disable } from '../../../../runtime/rules';\n";

describe('rules in the bundle', () => {
  it('keeps function names as rule names and carries doc-comment descriptions, minified', async () => {
    const dir = rulesDir('names', {
      'a.ts': `${IMPORT}
/** Catch logins from unauthorized subnets */
rule({ logs: ['duo:authentication'] })(function login_from_bad_subnet(rec) {
  return rec.ip === '1.2.3.4';
});

/**
 * Second rule,
 * on two lines.
 */
export const b = rule({ logs: ['duo:authentication'], description: undefined }, function second_rule() {
  return false;
});

disable(rule({ logs: ['duo:authentication'] })(function switched_off() { return true; }));
`,
    });
    const bundle = await loadBundledFunction({ config, cluster: 'corp', rulesDir: dir, typecheck: false });
    const rules = bundle.loadRules().map((r) => ({ name: r.name, description: r.description, file: r.file, disabled: r.disabled }));
    expect(rules).toEqual([
      { name: 'login_from_bad_subnet', description: 'Catch logins from unauthorized subnets', file: expect.stringMatching(/names\/rules\/a\.ts$/), disabled: false },
      { name: 'second_rule', description: 'Second rule,\non two lines.', file: expect.stringMatching(/a\.ts$/), disabled: false },
      { name: 'switched_off', description: '', file: expect.stringMatching(/a\.ts$/), disabled: true },
    ]);
  });

  it('bundles the third-party libraries a rule imports', async () => {
    const dir = rulesDir('third-party', {
      'jp.ts': `import { search } from 'jmespath';
import { rule } from '../../../../runtime/rules';
rule({ logs: ['duo:authentication'] })(function uses_jmespath(rec) {
  return search(rec, 'location.country') === 'FR';
});
`,
    });
    const bundle = await loadBundledFunction({ config, cluster: 'corp', rulesDir: dir, typecheck: false });
    const engine = bundle.createRulesEngine({ rules: bundle.loadRules(), cluster: 'corp' });
    const event = { log_type: 'duo:authentication', record: { location: { country: 'FR' } }, normalized: {}, source: { service: 'streamalert_app' as const, resource: 'app' } };
    expect(engine.evaluate(event).map((a) => a.rule_name)).toEqual(['uses_jmespath']);
  });

  it('fails to load when two rule files define one rule name, naming both files', async () => {
    const body = (up: string) => `import { rule } from '${up}../../../../runtime/rules';\nrule({ logs: ['ghe:general'] })(function same_name() { return true; });\n`;
    const dir = rulesDir('dupes', { 'one.ts': body(''), 'nested/two.ts': body('../') });
    await expect(loadBundledFunction({ config, cluster: 'corp', rulesDir: dir, typecheck: false })).rejects.toThrow(
      /rule 'same_name' is defined twice: in .*dupes\/rules\/nested\/two\.ts and in .*dupes\/rules\/one\.ts/,
    );
  });

  it('stops with a type error before bundling when a rule misspells a field', async () => {
    const dir = rulesDir('typo', {
      'types.generated.d.ts': generateRecordTypes(config, '../../../../runtime/rules/types'),
      'typo.ts': `import { rule } from '../../../../runtime/rules';\nrule<'duo:authentication'>({ logs: ['duo:authentication'] })(function typo_rule(rec) { return rec.resul === 'x'; });\n`,
    });
    await expect(loadBundledFunction({ config, cluster: 'corp', rulesDir: dir, typecheck: true })).rejects.toThrow(/resul/);
  });
});
