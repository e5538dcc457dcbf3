/**
 * Stand-in for runtime/handlers/rule-processor-entry.ts in bundler tests: reads the two virtual
 * modules and reports what it found, so a test can run the bundle and check what was embedded.
 */
interface VirtualConfig {
  readonly default: { readonly config: { readonly dir: string; readonly account: { readonly prefix: string } }; readonly cluster: string };
}
interface VirtualRules {
  readonly default: readonly Readonly<Record<string, unknown>>[];
  readonly files: readonly string[];
}

// require() rather than import: these modules exist only inside the bundle, so tsc has no types for them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const embedded = (require('streamalert:config') as VirtualConfig).default;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rules = require('streamalert:rules') as VirtualRules;

/** What the fixture handler returns. */
export interface FixtureResult {
  readonly cluster: string;
  readonly prefix: string;
  readonly configDir: string;
  readonly files: readonly string[];
  readonly ruleNames: readonly string[];
}

export async function handler(): Promise<FixtureResult> {
  const ruleNames = rules.default.flatMap((mod) =>
    Object.values(mod)
      .filter((value): value is (...args: never[]) => unknown => typeof value === 'function')
      .map((fn) => fn.name),
  );
  return {
    cluster: embedded.cluster,
    prefix: embedded.config.account.prefix,
    configDir: embedded.config.dir,
    files: rules.files,
    ruleNames,
  };
}
