/** Types of the bundler and packager. */
import type { Config, FunctionTarget } from '../../runtime/config';

/** Options of `buildFunctionBundle`. */
export interface BundleOptions {
  readonly config: Config;
  /** Cluster whose function is bundled (its name is embedded with the configuration); `global` for the alert functions. */
  readonly cluster: string;
  /** How error messages name the function. @default `the function of cluster "<cluster>"` */
  readonly label?: string;
  /** Rule files' directory. @default `<cwd>/rules` */
  readonly rulesDir?: string;
  /** @default true */
  readonly minify?: boolean;
  /** Produce a source map (returned as `map`, not inlined). @default false */
  readonly sourcemap?: boolean;
  /** Type check the entry, runtime and rules first. @default true */
  readonly typecheck?: boolean;
  /** The handler to bundle. @default runtime/handlers/rule-processor-entry.ts */
  readonly entry?: string;
  /** Project directory: tsconfig.json and the base of paths embedded in the bundle. @default cwd */
  readonly project?: string;
}

/** A bundled handler: one CommonJS file exporting `handler`. */
export interface FunctionBundle {
  /** The bundle (`index.js` in the zip). */
  readonly code: string;
  /**
   * Lazy modules (`*.lazy.ts` loaded with `import()`, such as the AWS SDK clients): file name -> code,
   * to sit beside `index.js`, required only when first used.
   */
  readonly chunks: Readonly<Record<string, string>>;
  /** Its source map, when asked for. */
  readonly map?: string;
  /** Rule files included, relative to the rules directory. */
  readonly ruleFiles: readonly string[];
  /** esbuild warnings, formatted. */
  readonly warnings: readonly string[];
}

/** One packaged function. */
export interface FunctionPackage {
  readonly target: FunctionTarget;
  /** Path of the zip written. */
  readonly zipPath: string;
  /** Zip size in bytes. */
  readonly size: number;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;
  /** SHA-256 of the zip, base64: what Lambda reports as `CodeSha256`. */
  readonly codeSha256: string;
  /** Path of the source map kept beside the zip, when one was produced. */
  readonly mapPath?: string;
  readonly ruleFiles: readonly string[];
  /** esbuild warnings, formatted. */
  readonly warnings: readonly string[];
}
