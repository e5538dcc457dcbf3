/** Lookup tables kept as one JSON object in S3 (optionally gzip), read whole with GetObject. */
import { gunzipSync } from 'node:zlib';
import { getS3Object, type ObjectGetter } from '../classifier/payloads';
import type { S3LookupTable } from '../config/intel';
import { LookupTableFormatError } from './errors';
import type { LookupTableDriver, TableValues } from './types';

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Parses an object's bytes: gunzipped when configured or when they start with the gzip magic bytes. */
export function parseTableObject(bytes: Buffer, where: string, gzip: boolean): TableValues {
  let text: string;
  try {
    text = (gzip || (bytes[0] === 0x1f && bytes[1] === 0x8b) ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (err) {
    throw new LookupTableFormatError(where, `not valid gzip (${(err as Error).message})`);
  }
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new LookupTableFormatError(where, `not valid JSON (${(err as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LookupTableFormatError(where, `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as TableValues;
}

/** The driver of an S3-backed table. */
export function s3TableDriver(table: S3LookupTable, getObject: ObjectGetter = getS3Object): LookupTableDriver {
  const where = `s3://${table.bucket}/${table.key}`;
  return {
    describe: where,
    async load() {
      const body = await getObject(table.bucket, table.key);
      return parseTableObject(await readAll(body as AsyncIterable<Uint8Array>), where, table.compression === 'gzip');
    },
  };
}
