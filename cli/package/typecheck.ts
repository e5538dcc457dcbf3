/**
 * The type check that runs before anything is bundled or uploaded: the bundle entry, the runtime it
 * imports and every rule file, with the project's tsconfig.json (strict defaults without one).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as TS from 'typescript';
import { displayPath } from '../../runtime/config';
import { TypeCheckError } from './errors';
import { ruleFiles } from './virtual-modules';

/** Options of {@link typeCheck}. */
export interface TypeCheckOptions {
  /** Entry files (the function handlers). */
  readonly entries: readonly string[];
  readonly rulesDir: string;
  /** Directory of the runtime whose ambient declarations (`*.d.ts`) are included. */
  readonly runtimeDir: string;
  /** Where to look for tsconfig.json. */
  readonly project: string;
}

function declarationFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : declarationFiles(path);
      return name.endsWith('.d.ts') ? [path] : [];
    });
}

function compilerOptions(ts: typeof TS, project: string): TS.CompilerOptions {
  const defaults: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const file = ts.findConfigFile(project, (path) => ts.sys.fileExists(path));
  if (!file || dirname(file) !== project) return { ...defaults, noEmit: true };
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, dirname(file));
  return { ...parsed.options, noEmit: true };
}

/** Formats one diagnostic as `file(line,col): error TSnnnn: message`. */
function formatDiagnostic(ts: typeof TS, diagnostic: TS.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${displayPath(diagnostic.file.fileName)}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
}

/** Checks that passed in this process, by inputs (rule files with their modification times). */
const passed = new Set<string>();

function cacheKey(options: TypeCheckOptions): string {
  const rules = ruleFiles(options.rulesDir).map((file) => [file, statSync(file).mtimeMs]);
  return JSON.stringify([options.entries, options.rulesDir, options.runtimeDir, options.project, rules]);
}

/**
 * Type checks the entries, the runtime's declarations and the rules. A check that passed is not
 * repeated in the same process for the same inputs (`lambda test` bundles once per cluster).
 * @throws TypeCheckError listing every error found.
 */
export async function typeCheck(options: TypeCheckOptions): Promise<void> {
  const key = cacheKey(options);
  if (passed.has(key)) return;
  await runTypeCheck(options);
  passed.add(key);
}

async function runTypeCheck(options: TypeCheckOptions): Promise<void> {
  const ts = (await import('typescript')).default;
  const rootNames = [
    ...options.entries,
    ...declarationFiles(options.runtimeDir),
    ...ruleFiles(options.rulesDir).filter((file) => file.endsWith('.ts')),
    ...declarationFiles(options.rulesDir),
  ];
  const program = ts.createProgram({ rootNames: [...new Set(rootNames)], options: compilerOptions(ts, options.project) });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => formatDiagnostic(ts, d));
  if (errors.length > 0) throw new TypeCheckError(errors);
}
