/**
 * Loading Sigma rule files (`.yml`, `.yaml`): YAML documents parsed with `yaml`, each compiled or refused with
 * its reason. Used by `rule sigma check` and by the bundler, so both decide the same way.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Config } from '../../runtime/config';
import type { CompiledSigmaCorrelation, CompiledSigmaRule } from '../../runtime/rules/sigma';
import { errorMessage } from '../../runtime/errors';
import { compileSigmaRule, type CompileResult } from './compile';
import { compileSigmaCorrelation, isCorrelationDoc, knownRules } from './correlation';
import { SigmaRefusedError } from './errors';

/** True for a Sigma rule file name. */
export function isSigmaFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** The outcome of one rule document. */
export interface SigmaLoadResult {
  /** File, relative to the project (forward slashes). */
  readonly file: string;
  /** 1-based document number in the file. */
  readonly document: number;
  readonly id: string;
  readonly title: string;
  readonly status: 'loaded' | 'refused';
  /** Why it was refused ('' when loaded). */
  readonly reason: string;
  /** Refused only because the configuration has none of its log types (packaging leaves it out with a warning). */
  readonly unmapped?: boolean;
  readonly warnings: readonly string[];
  /** A detection rule, when loaded. */
  readonly rule?: CompiledSigmaRule;
  /** A correlation rule, when loaded. */
  readonly correlation?: CompiledSigmaCorrelation;
  /** The detection rule's compile result (with its field mappings). */
  readonly compiled?: CompileResult;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

interface Parsed {
  readonly base: { readonly file: string; readonly document: number };
  readonly stem: string;
  readonly value?: unknown;
  readonly refused?: SigmaLoadResult;
}

/** The YAML documents of one file (a document that is not YAML is refused with line and column). */
function parseFile(path: string, project: string): Parsed[] {
  const file = relative(project, path).split(sep).join('/');
  const stem = basename(path, extname(path));
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    return [{ base: { file, document: 1 }, stem, refused: { file, document: 1, id: '', title: '', status: 'refused', reason: `cannot be read: ${errorMessage(err)}`, warnings: [] } }];
  }
  const docs = parseAllDocuments(source, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, i): Parsed => {
    const base = { file, document: i + 1 };
    const docStem = list.length > 1 && i > 0 ? `${stem}_${i + 1}` : stem;
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : '';
      return { base, stem: docStem, refused: { ...base, id: '', title: '', status: 'refused', reason: `not valid YAML: ${where}${e.message.split('\n')[0]}`, warnings: [] } };
    }
    return { base, stem: docStem, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  });
}

function attempt(p: Parsed, compile: (value: unknown) => Partial<SigmaLoadResult>): SigmaLoadResult {
  const meta = p.value !== null && typeof p.value === 'object' ? (p.value as Record<string, unknown>) : {};
  const head = { ...p.base, id: text(meta.id), title: text(meta.title) };
  try {
    return { ...head, status: 'loaded', reason: '', warnings: [], ...compile(p.value) };
  } catch (err) {
    if (!(err instanceof SigmaRefusedError)) throw err;
    return { ...head, status: 'refused', reason: err.message, warnings: [], ...(err.kind === 'unmapped' ? { unmapped: true } : {}) };
  }
}

/**
 * Compiles every rule document of the given files together: detection rules first, then correlation rules,
 * which may name detection rules of any of the files.
 */
export function loadSigmaFiles(paths: readonly string[], config: Config, project: string): SigmaLoadResult[] {
  const parsed = paths.flatMap((path) => parseFile(path, project));
  const results = new Map<Parsed, SigmaLoadResult>();
  for (const p of parsed) {
    if (p.refused) results.set(p, p.refused);
    else if (!isCorrelationDoc(p.value)) {
      results.set(
        p,
        attempt(p, (value) => {
          const compiled = compileSigmaRule(value, p.base.file, p.stem, config);
          return { rule: compiled.rule, warnings: compiled.warnings, compiled };
        }),
      );
    }
  }
  const known = knownRules([...results.values()]);
  // Rules left out for this configuration: a correlation over them is left out too.
  const unmapped = new Set([...results.values()].filter((r) => r.unmapped).flatMap((r) => [r.id, sigmaNameOf(r)]).filter((n) => n !== ''));
  for (const p of parsed) {
    if (results.has(p)) continue;
    results.set(
      p,
      attempt(p, (value) => {
        const { rule, warnings } = compileSigmaCorrelation(value, p.base.file, p.stem, config, known, unmapped);
        return { correlation: rule, warnings };
      }),
    );
  }
  return parsed.map((p) => results.get(p)!);
}

/** The rule name a refused document would have had (its Sigma name, else its file's stem). */
function sigmaNameOf(r: SigmaLoadResult): string {
  return r.rule?.name ?? r.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
}

/** Compiles every rule document of one file. */
export function loadSigmaFile(path: string, config: Config, project: string): SigmaLoadResult[] {
  return loadSigmaFiles([path], config, project);
}

/** Every Sigma file under the given files and folders (recursively, in name order). */
export function sigmaFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) walk(path);
      } else if (isSigmaFile(name)) {
        found.push(path);
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else found.push(path);
  }
  return found;
}
