/** The bundler test fixture: a stand-in entry and a small rules directory. */
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export const BUNDLE_FIXTURE_DIR = join(REPO_ROOT, 'tests', '_fixtures', 'bundle');
export const FIXTURE_ENTRY = join(BUNDLE_FIXTURE_DIR, 'entry.ts');
export const FIXTURE_RULES_DIR = join(BUNDLE_FIXTURE_DIR, 'rules');

/** Loads a CommonJS bundle from its source text, as Lambda would require `index.js`. */
export function loadBundle(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}
