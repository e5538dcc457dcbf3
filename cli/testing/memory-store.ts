/** An in-memory S3 for `lambda test`: fixtures' data is stored as objects and read back by the S3 reader. */
import { Readable } from 'node:stream';
import type { ObjectGetter } from '../../runtime/classifier/payloads';
import { StreamAlertError } from '../../runtime/errors';

/** Objects by bucket and key, and the getter the rule processor reads them with. */
export interface MemoryStore {
  put(bucket: string, key: string, body: Buffer): void;
  readonly getObject: ObjectGetter;
}

/** Creates an empty in-memory object store. */
export function createMemoryStore(): MemoryStore {
  const objects = new Map<string, Buffer>();
  const id = (bucket: string, key: string): string => `${bucket}\u0000${key}`;
  return {
    put: (bucket, key, body) => {
      objects.set(id(bucket, key), body);
    },
    getObject: async (bucket, key) => {
      const body = objects.get(id(bucket, key));
      if (!body) throw new StreamAlertError('NoSuchKey', `s3://${bucket}/${key}: no such object in the test store`);
      return Readable.from([body]);
    },
  };
}
