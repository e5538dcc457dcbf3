/**
 * Lambda events for test fixtures, built from the JSON templates in `templates/events/`: the data travels
 * exactly as in AWS (Kinesis base64, optionally gzip; S3 as an object in the in-memory store, read back by the
 * S3 reader; SNS message; SQS body; StreamAlert app logs).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../package/paths';
import type { MemoryStore } from './memory-store';

/** Where templates live: `templates/events/<service>.json` of this package. */
export function templatesDir(): string {
  return join(packageRoot(), 'templates', 'events');
}

const cache = new Map<string, unknown>();

function template(service: string): unknown {
  let found = cache.get(service);
  if (found === undefined) {
    found = JSON.parse(readFileSync(join(templatesDir(), `${service}.json`), 'utf8')) as unknown;
    cache.set(service, found);
  }
  return found;
}

/** Fills `{{name}}` placeholders: a string that is only a placeholder takes the value itself (any type). */
export function fillTemplate(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(value);
    if (whole?.[1] !== undefined && whole[1] in values) return values[whole[1]];
    return value.replace(/\{\{(\w+)\}\}/g, (text, name: string) => (name in values ? String(values[name]) : text));
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, values)]));
  }
  return value;
}

/** What one test event needs to become a Lambda event. */
export interface EventInput {
  readonly service: string;
  readonly source: string;
  /** The record: text is sent as is, anything else as JSON. */
  readonly data: unknown;
  readonly compress: boolean;
  /** Unique per test: S3 key part and sequence number. */
  readonly id: number;
  readonly account: string;
  readonly region: string;
  readonly now: Date;
}

/** The Lambda event for one test event. S3 data is put in `store`. */
export function buildLambdaEvent(input: EventInput, store: MemoryStore): unknown {
  const text = typeof input.data === 'string' ? input.data : JSON.stringify(input.data);
  const bytes = Buffer.from(text, 'utf8');
  const sequence = String(49_000_000_000 + input.id);
  const common = {
    source: input.source,
    account: input.account,
    region: input.region,
    sequence,
    epoch_seconds: Math.floor(input.now.getTime() / 1000),
    epoch_millis: String(input.now.getTime()),
    iso_time: input.now.toISOString(),
  };
  switch (input.service) {
    case 'kinesis': {
      const payload = input.compress ? gzipSync(bytes) : bytes;
      return { Records: [fillTemplate(template('kinesis'), { ...common, data_base64: payload.toString('base64') })] };
    }
    case 's3': {
      const key = `streamalert-test/${input.id}/data${input.compress ? '.json.gz' : '.json'}`;
      const body = input.compress ? gzipSync(bytes) : bytes;
      store.put(input.source, key, body);
      const etag = createHash('md5').update(body).digest('hex');
      return { Records: [fillTemplate(template('s3'), { ...common, key, size: body.length, etag })] };
    }
    case 'sns':
      return { Records: [fillTemplate(template('sns'), { ...common, data: text })] };
    case 'sqs':
      return { Records: [fillTemplate(template('sqs'), { ...common, data: text, md5: createHash('md5').update(bytes).digest('hex') })] };
    default:
      return fillTemplate(template('streamalert_app'), { ...common, logs: [input.data] });
  }
}
