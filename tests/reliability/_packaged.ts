/**
 * The rule processor exactly as `lambda package` zips it: the zip is built with packageFunctions, its files
 * are written to a folder, and its own index.js is loaded.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFunctions } from '../../cli/package';
import type { Config } from '../../runtime/config';
import { functionTargets } from '../../runtime/config/names';
import { REPO_ROOT } from '../_helpers/paths';
import { makeTempDir } from '../_helpers/temp-dir';
import { readZip } from '../_helpers/zip-read';

/** A packaged handler: (event, context) => result, or a rejection when a retry is intended. */
export type PackagedHandler = (event: unknown, context?: unknown) => Promise<{ counts: Record<string, unknown>; batchItemFailures: { itemIdentifier: string }[] }>;

/** What the zip's index.js exports. */
export interface PackagedEntry {
  readonly handler: PackagedHandler;
  createHandler(overrides: Record<string, unknown>): PackagedHandler;
}

/** Packages `cluster` of `config` with the rules of `rulesDir` and loads the zip's index.js. */
export async function loadPackagedRuleProcessor(config: Config, cluster: string, rulesDir: string): Promise<{ entry: PackagedEntry; zipPath: string }> {
  const target = functionTargets(config).find((t) => t.cluster === cluster);
  if (target === undefined) throw new Error(`no function for cluster ${cluster}`);
  const outDir = makeTempDir();
  const [pkg] = await packageFunctions({ config, targets: [target], rulesDir, outDir, project: REPO_ROOT });
  const dir = join(outDir, 'unzipped');
  mkdirSync(dir);
  for (const [name, data] of readZip(readFileSync(pkg.zipPath))) writeFileSync(join(dir, name), data);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(join(dir, 'index.js')) as PackagedEntry;
  return { entry, zipPath: pkg.zipPath };
}
