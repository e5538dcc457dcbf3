/**
 * The acceptance test of the classifier: every StreamAlert v3.5.0 test event of the corpus classifies as its
 * declared `log` type, using the schemas and the cluster `data_sources` of the corpus configuration imported
 * with `streamalert config import`. Candidates come from the event's `service` and `source`, exactly as the
 * rule processor gets them; no sample is special-cased.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createClassifier } from '../../runtime/classifier';
import { expandLogTypes, loadConfig, type Config, type FieldType, type LogService } from '../../runtime/config';
import { importCorpusSample } from '../_helpers/corpus-import';
import { CORPUS_DIR } from '../_helpers/paths';

interface TestEvent {
  readonly log: string;
  readonly service: LogService;
  readonly source: string;
  readonly description?: string;
  readonly data?: unknown;
  readonly override_record?: Record<string, unknown>;
}

const EVENTS_DIR = join(CORPUS_DIR, 'events', 'v3.5.0');

function eventFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return eventFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** StreamAlert's default value of a type (its test harness builds `override_record` events on these). */
function defaultOf(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object') return {};
  return { string: '', integer: 0, float: 0, boolean: false, ipaddress: '' }[type as string];
}

/** The data an event sends: `data`, or the defaults of the schema (or envelope) overridden by `override_record`. */
function eventData(event: TestEvent, config: Config): unknown {
  if (!event.override_record) return event.data;
  const log = config.logs[event.log];
  if (!log) return event.override_record;
  const schema = log.configuration.envelope_keys ?? log.schema;
  return { ...Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, defaultOf(type)])), ...event.override_record };
}

/** The log types a source carries, from the data sources of every cluster that declares it. */
function candidatesFor(config: Config, service: LogService, resource: string): string[] | undefined {
  const entries = Object.values(config.clusters).flatMap((cluster) => cluster.data_sources[service]?.[resource] ?? []);
  if (entries.length === 0) return undefined;
  return expandLogTypes(entries, Object.keys(config.logs)).logTypes;
}

describe('StreamAlert v3.5.0 test events', () => {
  const { dir } = importCorpusSample('v3.5.0');
  const config = loadConfig(dir);
  const classifier = createClassifier(config);
  const events = eventFiles(EVENTS_DIR).flatMap((file) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const list = Array.isArray(parsed) ? (parsed as TestEvent[]) : [];
    return list.filter((e) => typeof e.log === 'string').map((event, i) => ({ name: `${relative(EVENTS_DIR, file)}[${i}]`, event }));
  });

  it('are found in the corpus', () => {
    expect(events.length).toBeGreaterThan(50);
  });

  it('each classify as their declared log type with the candidates of their data source', () => {
    const mismatches = events.flatMap(({ name, event }) => {
      const candidates = candidatesFor(config, event.service, event.source);
      if (!candidates) return [`${name}: no cluster declares ${event.service} source "${event.source}"`];
      const outcome = classifier.classify(
        { data: eventData(event, config), source: { service: event.service, resource: event.source } },
        candidates,
      );
      if (outcome.ok && outcome.log_type === event.log && outcome.records.length > 0) return [];
      const why = outcome.ok
        ? `classified as ${outcome.log_type} (${outcome.records.length} records)`
        : (outcome.unclassified.candidates.find((c) => c.log_type === event.log)?.reason ??
          `${event.log} is not a candidate of the source (${candidates.join(', ')})`);
      return [`${name} "${event.description ?? ''}": want ${event.log}, ${why}`];
    });
    expect(mismatches).toEqual([]);
  });
});

describe.each(['v3.5.0-unit-conf', '1.4.0', '1.3.0'])('the imported StreamAlert %s sample configuration', (sample) => {
  it('compiles into a classifier with every log type', () => {
    const config = loadConfig(importCorpusSample(sample).dir);
    const classifier = createClassifier(config);
    expect(classifier.logTypes).toEqual(Object.keys(config.logs));
    expect(classifier.logTypes.length).toBeGreaterThan(5);
  });
});
