/**
 * Lazy modules: a runtime module named `*.lazy.ts` that is loaded with a dynamic `import()` becomes a
 * file of its own in the zip, required only when that `import()` runs. The AWS SDK clients sit behind
 * such modules, so a cold start that never reads S3 does not parse half a megabyte of SDK code.
 */
import { basename } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const LAZY_SUFFIX = /\.lazy(\.ts)?$/;

/** Name of a lazy module's file in the zip: `s3-sdk.lazy.ts` -> `s3-sdk.lazy.js`. */
export function lazyChunkName(path: string): string {
  return `${basename(path).replace(/\.ts$/, '')}.js`;
}

/** Collects the lazy modules a build imports, and leaves them out of it as `./<name>.lazy.js`. */
export function lazyModulesPlugin(found: Map<string, string>): Plugin {
  return {
    name: 'streamalert-lazy-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: LAZY_SUFFIX }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'lazy-resolve') return undefined;
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'lazy-resolve',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const name = lazyChunkName(resolved.path);
        found.set(name, resolved.path);
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/** Bundles each lazy module on its own with the main build's settings (tree-shaken to what it exports). */
export async function buildLazyChunks(
  found: ReadonlyMap<string, string>,
  base: BuildOptions,
): Promise<Record<string, string>> {
  const chunks: Record<string, string> = {};
  for (const [name, path] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    const result = await build({ ...base, entryPoints: [path], outfile: undefined, outdir: undefined, write: false, sourcemap: false, plugins: [] });
    chunks[name] = result.outputFiles[0].text;
  }
  return chunks;
}
