/** Where the installed package lives (the CLI runs from dist/ when built, from cli/ under jest). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The directory holding this project's package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'streamalert-ts') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('streamalert-ts package root not found above ' + __dirname);
    dir = parent;
  }
}

/** The JSON Schemas of the configuration files, shipped with the package. */
export function jsonSchemasDir(): string {
  return join(packageRoot(), 'runtime', 'config', 'json-schemas');
}
