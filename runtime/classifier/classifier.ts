/**
 * The classifier: tries a raw record against candidate log types (by priority, exact schemas before tolerant
 * ones, then declaration order) and returns the records of the first schema that matches, or an unclassified
 * record saying, for every candidate, why it did not match. It never throws on bad data.
 *
 * When the first match is a tolerant schema (`extra_keys: "keep"`), the other tolerant candidates of the same
 * priority are tried too and the most specific one wins: the one leaving the fewest undeclared keys (ties go to
 * declaration order). A record fitting two tolerant types thus lands on the one that describes more of it.
 */
import type { Config } from '../config/types';
import { errorMessage } from '../errors';
import { compileLog, rankOf, tryOrder, type CompiledLog } from './compile';
import { isMiss } from './miss';
import type { ParsedPayload } from './parsers/parser';
import { renderRawData } from './raw-data';
import { RecordContext } from './record-context';
import type { CandidateFailure, ClassifiedRecord, ClassifyOutcome, RawRecord, RecordSource, UnclassifiedRecord } from './types';

/** Classifies raw records against the log types of one configuration. */
export interface Classifier {
  /**
   * Tries `candidates` (log type names; order decided by priority, then declaration) and returns the first
   * match. Unknown names are reported as failed candidates, never thrown.
   */
  classify(raw: RawRecord, candidates: readonly string[]): ClassifyOutcome;
  /** Every declared log type name, in declaration order. */
  readonly logTypes: readonly string[];
}

interface Plan {
  readonly logs: readonly CompiledLog[];
  readonly unknown: readonly string[];
}

function unclassified(raw: RawRecord, reason: string, candidates: readonly CandidateFailure[]): ClassifyOutcome {
  const { text, bytes } = renderRawData(raw.data);
  const record: UnclassifiedRecord = { data: text, data_bytes: bytes, source: raw.source, candidates, reason };
  return { ok: false, unclassified: record };
}

function rejectedRecord(value: unknown, reason: string, source: RecordSource, logType: string): UnclassifiedRecord {
  const { text, bytes } = renderRawData(value);
  return { data: text, data_bytes: bytes, source, candidates: [{ log_type: logType, reason }], reason };
}

function isBlank(data: unknown): boolean {
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
    }
    return true;
  }
  if (data instanceof Uint8Array) return data.byteLength === 0;
  return data === undefined || data === null;
}

function success(log: CompiledLog, parsed: ParsedPayload, raw: RawRecord): ClassifyOutcome {
  const records: ClassifiedRecord[] = parsed.records.map((record) => ({
    log_type: log.name,
    ...(log.parser === undefined ? {} : { parser: log.parser }),
    record,
    normalized: log.normalize(record),
    source: raw.source,
  }));
  const outcome: { ok: true; records: ClassifiedRecord[]; log_type: string; skipped_headers?: number; rejected?: UnclassifiedRecord[] } = {
    ok: true,
    records,
    log_type: log.name,
  };
  if (parsed.headers > 0) outcome.skipped_headers = parsed.headers;
  if (parsed.rejected.length > 0) {
    outcome.rejected = parsed.rejected.map((r) => rejectedRecord(r.value, r.reason, raw.source, log.name));
  }
  return outcome;
}

/**
 * Among the tolerant candidates of the same priority as `logs[first]` (which matched as `parsed`), the match
 * with the fewest undeclared keys; the earliest on a tie.
 */
function mostSpecific(logs: readonly CompiledLog[], first: number, parsed: ParsedPayload, ctx: RecordContext): { log: CompiledLog; parsed: ParsedPayload } {
  let best = { log: logs[first], parsed, extra: logs[first].extraKeys(parsed.records) };
  const rank = rankOf(logs[first]);
  for (let j = first + 1; j < logs.length && best.extra > 0 && rankOf(logs[j]) === rank; j++) {
    const other = logs[j].parse(ctx, false);
    if (isMiss(other)) continue;
    const extra = logs[j].extraKeys(other.records);
    if (extra < best.extra) best = { log: logs[j], parsed: other, extra };
  }
  return best;
}

/** Compiles every log type of `config` once. @throws ConfigError when a schema cannot be compiled. */
export function createClassifier(config: Pick<Config, 'logs'>): Classifier {
  const compiled = Object.values(config.logs).map((log, index) => compileLog(log, index));
  const byName = new Map(compiled.map((log) => [log.name, log]));
  // Callers pass the same candidate list for every record of a source: look it up by identity first.
  const plansByList = new WeakMap<readonly string[], Plan>();
  const plansByKey = new Map<string, Plan>();

  const planFor = (candidates: readonly string[]): Plan => {
    let plan = plansByList.get(candidates);
    if (plan) return plan;
    const key = candidates.join('\u0000');
    plan = plansByKey.get(key);
    if (!plan) {
      const known = [...new Set(candidates)].flatMap((name) => byName.get(name) ?? []);
      plan = { logs: tryOrder(known), unknown: candidates.filter((name) => !byName.has(name)) };
      if (plansByKey.size < 1000) plansByKey.set(key, plan);
    }
    plansByList.set(candidates, plan);
    return plan;
  };

  const classify = (raw: RawRecord, candidates: readonly string[]): ClassifyOutcome => {
    if (isBlank(raw.data)) return unclassified(raw, 'empty record', []);
    const plan = planFor(candidates);
    const ctx = new RecordContext(raw.data);
    const text = typeof raw.data === 'string' ? undefined : ctx.text();
    if (text && !text.ok && raw.data instanceof Uint8Array) return unclassified(raw, text.reason, []);
    const logs = plan.logs;
    for (let i = 0; i < logs.length; i++) {
      const parsed = logs[i].parse(ctx, false);
      if (isMiss(parsed)) continue;
      if (!logs[i].keepExtra) return success(logs[i], parsed, raw);
      const best = mostSpecific(logs, i, parsed, ctx);
      return success(best.log, best.parsed, raw);
    }
    const failures: CandidateFailure[] = plan.logs.map((log) => {
      const parsed = log.parse(ctx, true);
      return { log_type: log.name, reason: isMiss(parsed) ? parsed.reason : 'matched on the second try' };
    });
    for (const name of plan.unknown) failures.push({ log_type: name, reason: 'not a declared log type' });
    const reason =
      candidates.length === 0
        ? 'no candidate log types for this source'
        : `matched none of the ${failures.length} candidate log types`;
    return unclassified(raw, reason, failures);
  };

  return {
    logTypes: compiled.map((log) => log.name),
    classify(raw, candidates) {
      try {
        return classify(raw, candidates);
      } catch (err) {
        // A bug of ours must not stop the batch: keep the record, say what happened.
        return unclassified(raw, `internal error while classifying: ${errorMessage(err)}`, []);
      }
    },
  };
}
