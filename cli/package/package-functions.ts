/**
 * Packages functions: type check once, bundle each, load each in a fresh Node process (init + a no-op event),
 * zip deterministically, write to the output directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, FunctionTarget } from '../../runtime/config';
import { buildFunctionBundle } from './bundle';
import { assertEntryExists, defaultOutDir, defaultRulesDir, handlerEntry, packageRoot } from './paths';
import { smokeLoadBundle } from './smoke-load';
import { typeCheck } from './typecheck';
import type { FunctionPackage } from './types';
import { createDeterministicZip, sha256, type ZipEntry } from './zip';

/** Options of {@link packageFunctions}. */
export interface PackageFunctionsOptions {
  readonly config: Config;
  readonly targets: readonly FunctionTarget[];
  /** @default `<project>/rules` */
  readonly rulesDir?: string;
  /** @default `<project>/.build` */
  readonly outDir?: string;
  /** @default cwd */
  readonly project?: string;
  /** Put the source map in the zip too (it is always kept beside it). @default false */
  readonly includeSourcemap?: boolean;
  /** The handler to bundle for every target (tests of the packager). @default each kind's runtime/handlers/ entry */
  readonly entry?: string;
  /** Called before each function is bundled. */
  readonly onProgress?: (target: FunctionTarget, step: string) => void;
}

/**
 * Packages every target into `<outDir>/<function>.zip` (with `index.js` at the root, for the
 * `index.handler` handler) and keeps the source map as `<outDir>/<function>.js.map`.
 * Nothing is written unless every function type checks and bundles.
 */
export async function packageFunctions(options: PackageFunctionsOptions): Promise<FunctionPackage[]> {
  const project = options.project ?? process.cwd();
  const rulesDir = options.rulesDir ?? defaultRulesDir(project);
  const outDir = options.outDir ?? defaultOutDir(project);
  const entryOf = (target: FunctionTarget): string => options.entry ?? handlerEntry(target.kind);
  if (options.targets.length === 0) return [];
  // One type check for every handler selected (rule processor, alert processor, alert merger).
  const handlers = [...new Set(options.targets.map(entryOf))];
  handlers.forEach(assertEntryExists);
  options.onProgress?.(options.targets[0], 'type check');
  await typeCheck({ entries: handlers, rulesDir, runtimeDir: join(packageRoot(), 'runtime'), project });

  const built: { target: FunctionTarget; zip: Buffer; map?: string; ruleFiles: readonly string[]; warnings: readonly string[] }[] = [];
  for (const target of options.targets) {
    options.onProgress?.(target, 'bundle');
    const bundle = await buildFunctionBundle({
      config: options.config,
      cluster: target.cluster,
      rulesDir,
      project,
      entry: entryOf(target),
      label: target.name,
      minify: true,
      sourcemap: true,
      typecheck: false,
    });
    const entries: ZipEntry[] = [
      { name: 'index.js', data: bundle.code },
      ...Object.entries(bundle.chunks).map(([name, data]) => ({ name, data })),
    ];
    if (options.includeSourcemap && bundle.map !== undefined) {
      entries[0] = { name: 'index.js', data: `${bundle.code}//# sourceMappingURL=index.js.map\n` };
      entries.push({ name: 'index.js.map', data: bundle.map });
    }
    options.onProgress?.(target, 'load');
    smokeLoadBundle(target.name, entries, { invoke: target.kind === 'rule' });
    options.onProgress?.(target, 'zip');
    built.push({ target, zip: await createDeterministicZip(entries), map: bundle.map, ruleFiles: bundle.ruleFiles, warnings: bundle.warnings });
  }

  mkdirSync(outDir, { recursive: true });
  return built.map(({ target, zip, map, ruleFiles, warnings }) => {
    const zipPath = join(outDir, `${target.name}.zip`);
    writeFileSync(zipPath, zip);
    let mapPath: string | undefined;
    if (map !== undefined) {
      mapPath = join(outDir, `${target.name}.js.map`);
      writeFileSync(mapPath, map);
    }
    const hash = sha256(zip);
    return { target, zipPath, size: zip.length, sha256: hash.hex, codeSha256: hash.base64, mapPath, ruleFiles, warnings };
  });
}
