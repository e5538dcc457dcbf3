/**
 * Writes one invocation's dead letters as gzip JSON-lines objects under the cluster's prefix (one object per
 * part: the rule processor flushes a part whenever the collector fills up), and logs what happened. A failed
 * write is logged at ERROR and thrown ({@link DeadLetterWriteError}): the rule processor lets it fail the
 * invocation, so that Lambda retries the batch instead of losing what could not be kept.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { deadLetterPrefix } from '../config/names';
import { StreamAlertError, errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { DeadLetterCollector } from './collector';
import type { DeadLetterWriter } from './types';

/** What {@link flushDeadLetters} did, for the batch summary line. */
export interface DeadLetterReport {
  /** `s3://bucket/key` of the object written (absent when nothing was kept or the write failed). */
  readonly object?: string;
  readonly entries: number;
  readonly dropped_from_dead_letter: number;
  readonly written: boolean;
}

/** Options of {@link flushDeadLetters}. */
export interface FlushOptions {
  readonly writer: DeadLetterWriter;
  readonly collector: DeadLetterCollector;
  readonly cluster: string;
  readonly logger: Logger;
  /** Fields of every log line (cluster, request id). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Names the object; a random UUID when absent. */
  readonly requestId?: string;
  /** @default new Date() */
  readonly now?: Date;
  /** Part number of this object within the invocation (0: the first, named without a suffix). @default 0 */
  readonly part?: number;
}

/** A dead-letter object could not be written: the invocation fails, so that Lambda retries it. */
export class DeadLetterWriteError extends StreamAlertError {
  constructor(object: string, cause: string) {
    super('DeadLetterWriteFailed', `dead letter ${object} not written: ${cause}`, { source: 'aws' });
  }
}

/**
 * Key of one dead-letter object: `dead-letter/<cluster>/dt=YYYY-MM-DD/<time>-<request id>.json.gz`, the time in
 * ISO 8601 basic format (`20260102T030405.678Z`): no colons, so the downloaded file name is valid everywhere.
 */
export function deadLetterKey(cluster: string, now: Date, id: string): string {
  const iso = now.toISOString();
  const time = iso.replace(/[-:]/g, '');
  return `${deadLetterPrefix(cluster)}dt=${iso.slice(0, 10)}/${time}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json.gz`;
}

/** Writes the collected dead letters, if any; returns undefined when there was nothing to keep. */
export async function flushDeadLetters(options: FlushOptions): Promise<DeadLetterReport | undefined> {
  const { collector, writer, logger, fields } = options;
  const lines = collector.lines();
  const dropped = collector.dropped();
  if (lines.length === 0 && dropped === 0) return undefined;
  if (dropped > 0) {
    logger.error('dead letter full: records not kept in S3 (they are in their own log lines)', {
      ...fields,
      dropped_from_dead_letter: dropped,
      kept: lines.length,
      kept_bytes: collector.bytes(),
    });
  }
  if (lines.length === 0) return { entries: 0, dropped_from_dead_letter: dropped, written: false };
  const id = options.requestId ?? randomUUID();
  const key = deadLetterKey(options.cluster, options.now ?? new Date(), options.part ? `${id}-${options.part}` : id);
  const object = `${writer.destination}/${key}`;
  try {
    const body = await gzipLines(lines);
    await writer.put(key, body);
    return { object, entries: lines.length, dropped_from_dead_letter: dropped, written: true };
  } catch (err) {
    // The S3 error's name (AccessDenied, NoSuchBucket, KMS.DisabledException...) says what to fix.
    const error = err instanceof Error && err.name !== 'Error' ? `${err.name}: ${err.message}` : errorMessage(err);
    logger.error('dead letter not written: failing the invocation so that Lambda retries it', {
      ...fields,
      object,
      error,
      entries: lines.length,
      dropped_from_dead_letter: dropped,
    });
    throw new DeadLetterWriteError(object, error);
  }
}

/** Gzips the lines without joining them first (no second copy of up to 64 MiB of text). */
async function gzipLines(lines: readonly string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const gzip = Readable.from(withNewlines(lines)).pipe(createGzip());
  for await (const chunk of gzip) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function* withNewlines(lines: readonly string[]): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
