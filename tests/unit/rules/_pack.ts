/** Loads the bundled rule pack (every rule file under rules/) into the registry, for tests of the rules themselves. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRulesEngine, loadRules, type RuleDefinition } from '../../../runtime/rules';
import { REPO_ROOT } from '../../_helpers/paths';
import { classified } from '../runtime/rules/_records';

function ruleFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === '_lib' ? [] : ruleFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.startsWith('_') ? [path] : [];
    });
}

let loaded: RuleDefinition[] | undefined;

/** Every rule of the pack (files are imported once per test file). */
export function packRules(): RuleDefinition[] {
  if (!loaded) {
    // Rule files register their rules when imported, as in the bundle; the list is only known at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of ruleFiles(join(REPO_ROOT, 'rules'))) require(file);
    loaded = loadRules();
  }
  return loaded;
}

/** The names of the enabled pack rules that alert on `record` of `logType` (normalized values optional). */
export function firing(logType: string, record: Record<string, unknown>, normalized: Record<string, unknown[]> = {}): string[] {
  const engine = createRulesEngine({ rules: packRules(), cluster: 'prod' });
  return engine.evaluate(classified(logType, record, normalized)).map((a) => a.rule_name).sort();
}
