/** Where the bundler finds the runtime entry and the rules, and where packages are written. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath, type FunctionKind } from '../../runtime/config';
import { NotBuiltError } from '../../runtime/errors';

/**
 * The directory of this package (the one holding `runtime/`), found by walking up from this file:
 * the same answer from `cli/package/` under ts-jest and from `dist/` once the CLI is bundled.
 */
export function packageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'runtime'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return join(__dirname, '..', '..');
    dir = parent;
  }
}

/** The rule processor's bundle entry. */
export function ruleProcessorEntry(root: string = packageRoot()): string {
  return handlerEntry('rule', root);
}

/** Handler file of each kind of function, under runtime/handlers/. */
const ENTRY_FILES: Readonly<Record<FunctionKind, string>> = {
  rule: 'rule-processor-entry.ts',
  alert: 'alert-processor-entry.ts',
  merger: 'alert-merger-entry.ts',
  threat_intel_downloader: 'threat-intel-downloader-entry.ts',
  rule_promotion: 'rule-promotion-entry.ts',
  apps: 'app-entry.ts',
  scheduled_queries: 'scheduled-queries-entry.ts',
};

/** The bundle entry of one kind of function. */
export function handlerEntry(kind: FunctionKind, root: string = packageRoot()): string {
  return join(root, 'runtime', 'handlers', ENTRY_FILES[kind]);
}

/** Default rules directory: `<project>/rules`, the project being the working directory. */
export function defaultRulesDir(project: string = process.cwd()): string {
  return join(project, 'rules');
}

/** Default output directory for packages: `<project>/.build` (git-ignored). */
export function defaultOutDir(project: string = process.cwd()): string {
  return join(project, '.build');
}

/**
 * Fails plainly when the handler to bundle does not exist yet.
 * @throws NotBuiltError
 */
export function assertEntryExists(entry: string): void {
  if (!existsSync(entry)) throw new NotBuiltError(`the function handler ${displayPath(entry)}`);
}
