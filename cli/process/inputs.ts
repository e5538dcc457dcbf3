/** The inputs of `streamalert process`: local files (plain or gzip) and `-` for stdin, checked before reading. */
import { createReadStream, statSync } from 'node:fs';
import { displayPath } from '../../runtime/config';
import { errorMessage } from '../../runtime/errors';

/** One input ready to read, or why it cannot be read. */
export type Input =
  | { readonly ok: true; readonly name: string; readonly path?: string; readonly size?: number; readonly open: () => AsyncIterable<Uint8Array | string> }
  | { readonly ok: false; readonly name: string; readonly reason: string };

/** Checks that a path is a readable file (or `-`, read from `stdin`). */
export function openInput(path: string, stdin: AsyncIterable<Uint8Array | string>): Input {
  if (path === '-') return { ok: true, name: 'stdin', open: () => stdin };
  const name = displayPath(path);
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, name, reason: `${name}: not a file` };
    return { ok: true, name, path, size: stat.size, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, name, reason: code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot be read (${errorMessage(err)})` };
  }
}

/** Passes a body through, counting the bytes read (for the progress line). */
export async function* countBytes(body: AsyncIterable<Uint8Array | string>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of body) {
    onBytes(chunk.length);
    yield chunk;
  }
}
