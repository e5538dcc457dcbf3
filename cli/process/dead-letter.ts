/**
 * `streamalert process --dead-letter`: the lines of a dead-letter object (written by the rule processor under
 * `dead-letter/<cluster>/` of the data bucket) become the raw records they kept, each with its original source,
 * so that they are classified again once the schema is fixed.
 */
import type { ReadIssue } from '../../runtime/classifier/payloads';
import { createSourceResolver, UnknownSourceError, type SourceResolver } from '../../runtime/classifier/sources';
import { LOG_SERVICES, type Config, type LogService } from '../../runtime/config';
import type { RawRecord, RecordSource } from '../../runtime/classifier';
import type { Candidates } from '../../runtime/handlers';

/**
 * Turns the records read from a dead-letter object (one JSON line each) into the records they kept. A line
 * that is not a dead letter is reported as an error; a failed read (which kept no record) as a skip.
 */
export function replayRecords(lines: readonly RawRecord[], name: string, report: (issue: ReadIssue) => void): RawRecord[] {
  const out: RawRecord[] = [];
  for (const line of lines) {
    const where = `${name} ${line.source.location ?? ''}`.trimEnd();
    const entry = parseEntry(line.data);
    if (typeof entry === 'string') {
      report({ level: 'error', code: 'Malformed', reason: `${where}: not a dead-letter line: ${entry}`, source: line.source });
    } else if (entry.kind === 'failed_read') {
      report({ level: 'warn', code: 'Skipped', reason: `${where}: a failed read kept no record to replay (${entry.reason})`, source: entry.source });
    } else {
      out.push({ data: entry.data, source: entry.source });
    }
  }
  return out;
}

/** Candidates of a replayed record: the log types of its original source, in its original cluster when it has one. */
export function replayCandidates(config: Config, cluster?: string): (source: RecordSource) => Candidates {
  const resolvers = new Map<string | undefined, SourceResolver>();
  return (source) => {
    const target = cluster ?? (source.cluster !== undefined && config.clusters[source.cluster] !== undefined ? source.cluster : undefined);
    let resolve = resolvers.get(target);
    if (resolve === undefined) resolvers.set(target, (resolve = createSourceResolver(config, target)));
    const found = resolve(source);
    return found instanceof UnknownSourceError ? { ok: false, reason: found.message } : { ok: true, logTypes: found.logTypes, cluster: found.cluster };
  };
}

type Entry = { readonly kind: 'unclassified'; readonly data: unknown; readonly source: RecordSource } | { readonly kind: 'failed_read'; readonly reason: string; readonly source?: RecordSource };

/** The entry of one line, or why it is not one. */
function parseEntry(data: unknown): Entry | string {
  let value: unknown;
  try {
    value = typeof data === 'string' ? JSON.parse(data) : data;
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const entry = value as Record<string, unknown>;
  if (entry.kind === 'failed_read') return { kind: 'failed_read', reason: String(entry.reason), source: isSource(entry.source) ? entry.source : undefined };
  // A Firehose refusal holds a classified record's line, not a raw record: it is re-sent to Firehose, not replayed here.
  if (entry.kind === 'firehose_failed') return { kind: 'failed_read', reason: `a record Firehose refused (${String(entry.code)}) is re-sent to its stream, not replayed`, source: undefined };
  // A record that failed after being read is replayed like an unclassified one.
  if (entry.kind !== 'unclassified' && entry.kind !== 'failed_record') {
    return `"kind" must be "unclassified", "failed_record", "failed_read" or "firehose_failed", got ${JSON.stringify(entry.kind)}`;
  }
  if (!isSource(entry.source)) return `"source" must be {"service": one of ${LOG_SERVICES.join(', ')}, "resource": "..."}, got ${JSON.stringify(entry.source)}`;
  if (entry.data === undefined || entry.data === null) return '"data" is missing';
  const raw = entry.encoding === 'base64' && typeof entry.data === 'string' ? Buffer.from(entry.data, 'base64') : entry.data;
  return { kind: 'unclassified', data: raw, source: entry.source };
}

function isSource(value: unknown): value is RecordSource {
  if (typeof value !== 'object' || value === null) return false;
  const source = value as Record<string, unknown>;
  return (LOG_SERVICES as readonly string[]).includes(source.service as LogService) && typeof source.resource === 'string' && source.resource !== '';
}
