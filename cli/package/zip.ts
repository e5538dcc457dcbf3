/**
 * Deterministic zip archives: the same entries always give the same bytes (fixed timestamps,
 * sorted entries, fixed permissions, fixed compression level), hence the same SHA-256.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type archiverModule from 'archiver';

/** One file of an archive. */
export interface ZipEntry {
  /** Path inside the archive, with `/` separators. */
  readonly name: string;
  readonly data: string | Buffer;
}

/** 1980-01-01T00:00:00Z, the earliest date a zip (MS-DOS) timestamp can hold. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
/** rw-r--r--: readable by the Lambda runtime user, whatever the local umask. */
export const ZIP_FILE_MODE = 0o644;

/** Builds a zip of `entries` in memory, deterministically. */
export async function createDeterministicZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  // Loaded here, not at the top: archiver and its dependencies (lodash, readable-stream, glob: about 170 files)
  // cost every CLI command, such as `streamalert process`, a tenth of a second at start for nothing.
  const archiver = ((await import('archiver')) as unknown as { default: typeof archiverModule }).default;
  // UTC timestamps (forceLocalTime false) so that the bytes do not depend on the machine's time zone.
  const archive = archiver('zip', { zlib: { level: 9 }, forceLocalTime: false });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  archive.pipe(sink);
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    archive.append(typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data, {
      name: entry.name,
      date: ZIP_EPOCH,
      mode: ZIP_FILE_MODE,
    });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** SHA-256 of `data`, as hex (for file names and display) and base64 (Lambda's `CodeSha256`). */
export function sha256(data: Buffer): { readonly hex: string; readonly base64: string } {
  const digest = createHash('sha256').update(data).digest();
  return { hex: digest.toString('hex'), base64: digest.toString('base64') };
}
