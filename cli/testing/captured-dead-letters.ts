/**
 * What `lambda test` learns about records that were not classified: the rule processor returns only counts,
 * so the test run plugs an in-memory dead-letter writer into the bundle and reads back what it kept
 * (the same entries an S3 dead-letter object holds in Lambda).
 */
import { gunzipSync } from 'node:zlib';
import type { DeadLetterEntry, DeadLetterWriter } from '../../runtime/dead-letter/types';

/** A dead-letter writer that keeps the entries of every object written, until `take()`. */
export interface CapturedDeadLetters extends DeadLetterWriter {
  /** The entries written since the last call, oldest first. */
  take(): DeadLetterEntry[];
}

/** Creates the capturing writer. */
export function captureDeadLetters(): CapturedDeadLetters {
  let entries: DeadLetterEntry[] = [];
  return {
    destination: 'memory://lambda-test',
    async put(_key, body) {
      const text = gunzipSync(body).toString('utf8');
      for (const line of text.split('\n')) if (line !== '') entries.push(JSON.parse(line) as DeadLetterEntry);
    },
    take() {
      const taken = entries;
      entries = [];
      return taken;
    },
  };
}
