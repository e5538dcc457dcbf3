/**
 * Loading Sigma rule files (`.yml`, `.yaml`): YAML documents parsed with `yaml`, each compiled or refused with
 * its reason. Used by `rule sigma check` and by the bundler, so both decide the same way.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Config } from '../../runtime/config';
import type { CompiledSigmaRule } from '../../runtime/rules/sigma';
import { errorMessage } from '../../runtime/errors';
import { compileSigmaRule } from './compile';
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
  readonly warnings: readonly string[];
  readonly rule?: CompiledSigmaRule;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Compiles every rule document of one file. */
export function loadSigmaFile(path: string, config: Config, project: string): SigmaLoadResult[] {
  const file = relative(project, path).split(sep).join('/');
  const stem = basename(path, extname(path));
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    return [{ file, document: 1, id: '', title: '', status: 'refused', reason: `cannot be read: ${errorMessage(err)}`, warnings: [] }];
  }
  const docs = parseAllDocuments(source, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, i): SigmaLoadResult => {
    const base = { file, document: i + 1 };
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : '';
      return { ...base, id: '', title: '', status: 'refused', reason: `not valid YAML: ${where}${e.message.split('\n')[0]}`, warnings: [] };
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const meta = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const head = { ...base, id: text(meta.id), title: text(meta.title) };
    try {
      const { rule, warnings } = compileSigmaRule(value, file, list.length > 1 && i > 0 ? `${stem}_${i + 1}` : stem, config);
      return { ...head, status: 'loaded', reason: '', warnings, rule };
    } catch (err) {
      if (!(err instanceof SigmaRefusedError)) throw err;
      return { ...head, status: 'refused', reason: err.message, warnings: [] };
    }
  });
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
