/** Reads JSON configuration files, turning syntax errors into problems that name the line and column. */
import { readFileSync } from 'node:fs';
import type { ConfigProblem } from '../errors';
import { jsonErrorOffset } from './json-error-offset';

export type ReadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: ConfigProblem };

/** Parses `text` as JSON; `file` only names it in the problem. */
export function parseJsonText(text: string, file: string): ReadResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    // Node names the position in some messages only; the scan finds it for the others.
    const offset = position ? Number(position[1]) : jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const where = ` at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '')}`,
        hint: 'fix the syntax (a trailing comma or a missing quote is the usual cause)',
      },
    };
  }
}

/** Reads and parses one JSON file. */
export function readJsonFile(path: string, displayName: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: {
        file: displayName,
        pointer: '',
        message: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`,
      },
    };
  }
  return parseJsonText(text, displayName);
}
