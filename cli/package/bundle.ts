/** Bundles one function's handler with esbuild into a single CommonJS file. */
import { join, relative, sep } from 'node:path';
import { build, type BuildFailure, type BuildOptions, type Message } from 'esbuild';
import { BundleError } from './errors';
import { assertEntryExists, defaultRulesDir, packageRoot, ruleProcessorEntry } from './paths';
import { typeCheck } from './typecheck';
import type { BundleOptions, FunctionBundle } from './types';
import { buildLazyChunks, lazyModulesPlugin } from './lazy-modules';
import { ruleFiles, virtualModulesPlugin } from './virtual-modules';
import { ruleSourcePlugin } from '../testing/rule-source';
import { sigmaPlugin } from '../sigma/plugin';

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  return `${where}${message.text}`;
}

function isBuildFailure(err: unknown): err is BuildFailure {
  return typeof err === 'object' && err !== null && Array.isArray((err as BuildFailure).errors);
}

/**
 * Bundles the rule processor of `cluster` (configuration, rules, runtime and third-party code in one
 * file), after type checking it. `lambda package`, `lambda deploy` and `lambda test` all run this, so
 * what is tested is what is deployed.
 *
 * @throws TypeCheckError when the entry, runtime or rules do not type check.
 * @throws BundleError when esbuild fails (a missing import, a syntax error...).
 */
export async function buildFunctionBundle(options: BundleOptions): Promise<FunctionBundle> {
  const project = options.project ?? process.cwd();
  const rulesDir = options.rulesDir ?? defaultRulesDir(project);
  const entry = options.entry ?? ruleProcessorEntry();
  assertEntryExists(entry);
  if (options.typecheck !== false) {
    await typeCheck({ entries: [entry], rulesDir, runtimeDir: join(packageRoot(), 'runtime'), project });
  }
  const base = {
    absWorkingDir: project,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ES module builds first, so that AWS SDK v3 clients are tree-shaken.
    mainFields: ['module', 'main'],
    minify: options.minify !== false,
    // Rule names come from function names: they must survive minification.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
  } satisfies BuildOptions;
  const lazy = new Map<string, string>();
  let result;
  let chunks: Record<string, string>;
  try {
    result = await build({
      ...base,
      entryPoints: [entry],
      // Never written: the packager zips the output in memory. The path only anchors source map paths.
      outfile: join(project, '.build', 'bundle', 'index.js'),
      write: false,
      sourcemap: options.sourcemap === true ? 'external' : false,
      plugins: [
        virtualModulesPlugin({ config: options.config, cluster: options.cluster, rulesDir, project }),
        lazyModulesPlugin(lazy),
        // Carries each rule's doc comment (its description) and file into the bundle.
        ruleSourcePlugin({ rulesDir, registryModule: join(packageRoot(), 'runtime', 'rules', 'registry.ts'), baseDir: project }),
        // Sigma rules (.yml) are compiled here, so the bundle carries JSON and never parses YAML at cold start.
        sigmaPlugin({ rulesDir, config: options.config, project, registerModule: join(packageRoot(), 'runtime', 'rules', 'sigma', 'register.ts') }),
      ],
    });
    chunks = await buildLazyChunks(lazy, base);
  } catch (err) {
    const messages = isBuildFailure(err) ? err.errors.map(formatMessage) : [String(err)];
    throw new BundleError(options.label ?? `the function of cluster "${options.cluster}"`, messages, err);
  }
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'))?.text;
  return {
    code,
    chunks,
    map,
    ruleFiles: ruleFiles(rulesDir).map((f) => relative(rulesDir, f).split(sep).join('/')),
    warnings: result.warnings.map(formatMessage),
  };
}
