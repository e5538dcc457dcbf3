/**
 * Every StreamAlert v3.5.0 test event of the corpus, wrapped in a real Lambda event of its service
 * (Kinesis base64 gzip, an S3 notification with a gzip object, an SNS message, a StreamAlert app payload),
 * goes through the deployed rule processor of the cluster that declares its source and classifies as its
 * declared log type: the payload readers add nothing and lose nothing on the way to the classifier.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig, type Config, type FieldType, type LogService } from '../../../../runtime/config';
import { createRuleProcessor, type RuleProcessor } from '../../../../runtime/handlers';
import { silentLogger } from '../../../../runtime/logger';
import { importCorpusSample } from '../../../_helpers/corpus-import';
import { CORPUS_DIR } from '../../../_helpers/paths';
import { kinesisEvent, memoryGetter, s3Notification, snsEvent } from '../classifier/payloads/_events';

interface TestEvent {
  readonly log: string;
  readonly service: LogService;
  readonly source: string;
  readonly data?: unknown;
  readonly override_record?: Record<string, unknown>;
}

function eventFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return eventFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function defaultOf(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object') return {};
  return { string: '', integer: 0, float: 0, boolean: false, ipaddress: '' }[type as string];
}

/** The event's data as StreamAlert's test harness builds it (`override_record` over the schema defaults). */
function eventData(event: TestEvent, config: Config): unknown {
  if (!event.override_record) return event.data;
  const log = config.logs[event.log];
  const schema = log?.configuration.envelope_keys ?? log?.schema ?? {};
  return { ...Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, defaultOf(type)])), ...event.override_record };
}

/** A Lambda event carrying `data` from the source, and the objects an S3 notification names. */
function lambdaEvent(event: TestEvent, data: unknown): { event: unknown; objects: Record<string, Buffer> } {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  switch (event.service) {
    case 'kinesis':
      return { event: kinesisEvent(event.source, gzipSync(text)), objects: {} };
    case 's3':
      return { event: s3Notification(event.source, 'test/object+1.gz'), objects: { [`${event.source}/test/object 1.gz`]: gzipSync(`${text}\n`) } };
    case 'sns':
      return { event: snsEvent(event.source, text), objects: {} };
    default:
      return { event: { streamalert_app: event.source, logs: [data] }, objects: {} };
  }
}

describe('StreamAlert v3.5.0 test events through the rule processor', () => {
  const config = loadConfig(importCorpusSample('v3.5.0').dir);
  const events = eventFiles(join(CORPUS_DIR, 'events', 'v3.5.0')).flatMap((file) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (Array.isArray(parsed) ? (parsed as TestEvent[]) : []).filter((e) => typeof e.log === 'string').map((event, i) => ({ name: `${file.slice(CORPUS_DIR.length + 1)}[${i}]`, event }));
  });

  it('each classify as their declared log type after being read from their service', async () => {
    expect(events.length).toBeGreaterThan(50);
    const processors = new Map<string, RuleProcessor>();
    let objects: Record<string, Buffer> = {};
    const getObject = memoryGetter(new Proxy({}, { get: (_t, key: string) => objects[key] }));
    const mismatches: string[] = [];
    const services = new Set<string>();
    for (const { name, event } of events) {
      const cluster = Object.values(config.clusters).find((c) => c.data_sources[event.service]?.[event.source] !== undefined)?.name;
      if (cluster === undefined) {
        mismatches.push(`${name}: no cluster declares ${event.service} ${event.source}`);
        continue;
      }
      const built = lambdaEvent(event, eventData(event, config));
      objects = built.objects;
      let handle = processors.get(cluster);
      if (!handle) {
        handle = createRuleProcessor({ config, cluster, getObject, logger: silentLogger });
        processors.set(cluster, handle);
      }
      const result = await handle(built.event);
      services.add(event.service);
      const types = Object.keys(result.counts.classified);
      if (types.length !== 1 || types[0] !== event.log || result.counts.failed_reads > 0) {
        mismatches.push(`${name} (${event.service}): want ${event.log}, got ${JSON.stringify(result.counts)} ${result.unclassified[0]?.reason ?? ''} ${result.failed_reads[0]?.reason ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect([...services].sort()).toEqual(['kinesis', 's3', 'sns', 'streamalert_app']);
  });
});
