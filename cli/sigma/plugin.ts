/**
 * The esbuild plugin that turns each Sigma rule file under the rules folder into a module registering its
 * compiled rules: YAML is parsed and checked here, at package time, so the bundle carries only JSON. A refused
 * rule is a build error naming the file and the reason; warnings (a field the schema does not declare) are
 * build warnings, which `lambda package` prints.
 */
import { resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import type { Config } from '../../runtime/config';
import { loadSigmaFiles, sigmaFiles, type SigmaLoadResult } from './load';

/** Options of {@link sigmaPlugin}. */
export interface SigmaPluginOptions {
  readonly rulesDir: string;
  readonly config: Config;
  /** Base for the file names carried in the bundle. */
  readonly project: string;
  /** Path of runtime/rules/sigma/register.ts (the bundle's own registry). */
  readonly registerModule: string;
}

/** esbuild plugin compiling `.yml`/`.yaml` rule files. */
export function sigmaPlugin(options: SigmaPluginOptions): Plugin {
  const rulesDir = resolve(options.rulesDir) + sep;
  return {
    name: 'streamalert-sigma',
    setup(build) {
      // Every Sigma file of the folder is compiled together (correlations name rules of other files), once per build.
      let byFile: Map<string, SigmaLoadResult[]> | undefined;
      build.onStart(() => {
        byFile = undefined;
      });
      const resultsOf = (path: string): SigmaLoadResult[] => {
        if (byFile === undefined) {
          const files = sigmaFiles([options.rulesDir]);
          const all = loadSigmaFiles(files, options.config, options.project);
          byFile = new Map(files.map((f) => [resolve(f), [] as SigmaLoadResult[]]));
          for (const r of all) byFile.get(resolve(options.project, r.file))?.push(r);
        }
        return byFile.get(resolve(path)) ?? [];
      };
      build.onLoad({ filter: /\.ya?ml$/ }, (args) => {
        if (!args.path.startsWith(rulesDir)) return undefined;
        const results = resultsOf(args.path);
        const refused = results.filter((r) => r.status === 'refused' && !r.unmapped);
        const warnings = [
          ...results.flatMap((r) => r.warnings.map((w) => ({ text: `${r.file}: ${r.rule?.name ?? r.correlation?.name ?? ''}: ${w}` }))),
          // A rule for a log source this configuration does not collect is left out, and said so.
          ...results.filter((r) => r.unmapped).map((r) => ({ text: `${r.file}: Sigma rule left out: ${r.reason}` })),
        ];
        if (refused.length > 0) {
          return {
            errors: refused.map((r) => ({
              text: `${r.file}${results.length > 1 ? ` (document ${r.document})` : ''}: Sigma rule refused: ${r.reason} (see streamalert rule sigma check)`,
            })),
            warnings,
          };
        }
        const calls = results
          .filter((r) => r.status === 'loaded')
          .map((r) => (r.rule ? `registerSigmaRule(${JSON.stringify(r.rule)});` : `registerSigmaCorrelation(${JSON.stringify(r.correlation)});`));
        const contents = [`import { registerSigmaCorrelation, registerSigmaRule } from ${JSON.stringify(options.registerModule)};`, ...calls, ''].join('\n');
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
