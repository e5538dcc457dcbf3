/** An in-memory dead-letter writer for the tests: keeps each object's key and its gunzipped JSON lines. */
import { gunzipSync } from 'node:zlib';
import type { DeadLetterEntry, DeadLetterWriter } from '../../../../runtime/dead-letter';

/** One object written. */
export interface WrittenObject {
  readonly key: string;
  readonly entries: DeadLetterEntry[];
}

/** A writer that keeps what it is given; `fail` makes every put throw that error. */
export function memoryWriter(fail?: Error): DeadLetterWriter & { readonly objects: WrittenObject[] } {
  const objects: WrittenObject[] = [];
  return {
    destination: 's3://memory',
    objects,
    async put(key, body) {
      if (fail) throw fail;
      const text = gunzipSync(body).toString('utf8');
      objects.push({ key, entries: text.trimEnd().split('\n').map((line) => JSON.parse(line) as DeadLetterEntry) });
    },
  };
}
