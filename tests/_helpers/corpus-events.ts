/** The StreamAlert v3.5.0 test events of the corpus, read in place, and the data each one sends. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { overrideRecord } from '../../cli/testing/override-record';
import type { Config, LogService } from '../../runtime/config';
import { CORPUS_DIR } from './paths';

/** One StreamAlert v3 test event (the fields these tests read). */
export interface CorpusEvent {
  readonly log: string;
  readonly service: LogService;
  readonly source: string;
  readonly description?: string;
  readonly data?: unknown;
  readonly override_record?: Record<string, unknown>;
}

/** The folder of the v3.5.0 test events. */
export const CORPUS_EVENTS_DIR = join(CORPUS_DIR, 'events', 'v3.5.0');

/** Every `.json` file under `dir`, recursively, in a stable order. */
export function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

/** Every event (with a `log`) of every file under `dir`, named `<file relative to the events folder>[<index>]`. */
export function corpusEvents(dir = CORPUS_EVENTS_DIR): { readonly name: string; readonly event: CorpusEvent }[] {
  return jsonFilesUnder(dir).flatMap((file) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const list = Array.isArray(parsed) ? (parsed as CorpusEvent[]) : [];
    return list
      .filter((event) => typeof event.log === 'string')
      .map((event, i) => ({ name: `${relative(CORPUS_EVENTS_DIR, file)}[${i}]`, event }));
  });
}

/**
 * The data an event sends: its `data`, or, as StreamAlert's test harness builds it, the defaults of the
 * log type's envelope (or schema) with `override_record` over them.
 */
export function corpusEventData(event: CorpusEvent, config: Config): unknown {
  if (!event.override_record) return event.data;
  const log = config.logs[event.log];
  if (!log) return event.override_record;
  return overrideRecord(log.configuration.envelope_keys ?? log.schema, event.override_record);
}
