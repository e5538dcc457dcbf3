/** Reads JSON configuration files, turning syntax errors into problems that name the line and column. */
import { readFileSync } from 'node:fs';
import type { ConfigProblem } from '../errors';

export type ReadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: ConfigProblem };

/** Parses `text` as JSON; `file` only names it in the problem. */
export function parseJsonText(text: string, file: string): ReadResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
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
