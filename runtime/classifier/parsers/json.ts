/**
 * The `json` parser: the record is a JSON object, or holds records selected by `json_path` (optionally each
 * an embedded JSON string, `embedded_json`), or holds one record as JSON text inside the value of
 * `json_regex_key`. `envelope_keys` are read from the top level and attached to each record.
 */
import type { LogSchema } from '../../config/types';
import { compileJsonPath } from '../json-path';
import { describeKind, isMiss, miss, Miss, MISS } from '../miss';
import { errorMessage } from '../../errors';
import { parseJsonExact } from '../../json';
import { hasOwn, isFalsy, isPlainObject, pythonStr } from '../values';
import { findJsonBlob } from './json-blob';
import { checkRecord, collect, compileChecker, extractEnvelope, type ParseFn, type RecordChecker } from './parser';

const NONE: readonly never[] = [];

function parseEmbedded(value: unknown, explain: boolean): unknown {
  if (typeof value !== 'string') return miss(explain, () => `embedded_json: selected value is ${describeKind(value)}, not JSON text`);
  try {
    const parsed: unknown = parseJsonExact(value);
    return isPlainObject(parsed) ? parsed : miss(explain, () => `embedded_json: selected text holds ${describeKind(parsed)}, not a JSON object`);
  } catch (err) {
    return explain ? new Miss(`embedded_json: selected text is not valid JSON (${errorMessage(err)})`) : MISS;
  }
}

function regexKeyRecord(data: unknown, key: string, explain: boolean): unknown {
  if (!isPlainObject(data) || !hasOwn(data, key) || isFalsy(data[key])) {
    return miss(explain, () => `json_regex_key: the record has no value at key "${key}"`);
  }
  const blob = findJsonBlob(pythonStr(data[key]));
  if (blob === undefined) return miss(explain, () => `json_regex_key: no JSON object found in the value of "${key}"`);
  try {
    const parsed: unknown = parseJsonExact(blob);
    return isPlainObject(parsed) ? parsed : miss(explain, () => `json_regex_key: the JSON in "${key}" is ${describeKind(parsed)}, not an object`);
  } catch (err) {
    return explain ? new Miss(`json_regex_key: the JSON in "${key}" is not valid (${errorMessage(err)})`) : MISS;
  }
}

/**
 * Top-level keys any matching payload must have (required envelope keys, the head of `json_path`, the
 * `json_regex_key`, or a few required record keys): one look-up each rejects most wrong schemas before any work.
 */
function gateKeys(checker: RecordChecker, jsonPath: string | undefined, regexKey: string | undefined): readonly string[] {
  const keys = [...(checker.envelope?.requiredKeys ?? [])];
  const head = jsonPath ? /^\$?\.?([A-Za-z_][A-Za-z0-9_]*)(?:[.[]|$)/.exec(jsonPath) : null;
  if (head) keys.push(head[1]);
  if (regexKey) keys.push(regexKey);
  if (!jsonPath && !regexKey) keys.push(...checker.spec.requiredKeys.slice(0, 2));
  return keys;
}

function hasGateKeys(data: unknown, keys: readonly string[]): boolean {
  if (keys.length === 0) return true;
  if (!isPlainObject(data)) return false;
  for (const key of keys) if (!hasOwn(data, key)) return false;
  return true;
}

/** Compiles the json parser of `log`. */
export function compileJsonParser(log: LogSchema): ParseFn {
  const checker = compileChecker(log);
  const conf = log.configuration;
  const path = conf.json_path ? compileJsonPath(conf.json_path, { file: log.file, pointer: `/${log.name}/configuration/json_path` }) : undefined;
  const embedded = conf.embedded_json === true;
  const regexKey = conf.json_regex_key;
  const gate = gateKeys(checker, conf.json_path, regexKey);

  return (ctx, explain) => {
    const json = ctx.json();
    if (!json.ok) return miss(explain, () => json.reason);
    const data = json.value;
    if (!explain && !hasGateKeys(data, gate)) return MISS;
    const envelope = extractEnvelope(checker, data, explain);
    if (isMiss(envelope)) return envelope;
    if (!path && !regexKey) {
      // The common case, kept free of allocations when the schema does not match.
      const record = checkRecord(checker, data, envelope, explain);
      return isMiss(record) ? record : { records: [record], rejected: NONE, headers: 0 };
    }
    const check = (value: unknown, explainRecord: boolean) => checkRecord(checker, value, envelope, explainRecord);
    if (path) {
      let selected: unknown;
      try {
        selected = path(data);
      } catch (err) {
        return miss(explain, () => `json_path ${JSON.stringify(conf.json_path)} failed: ${errorMessage(err)}`);
      }
      if (isFalsy(selected)) return miss(explain, () => `json_path ${JSON.stringify(conf.json_path)} selected nothing`);
      const values = Array.isArray(selected) ? selected : [selected];
      if (!embedded) return collect(values, check, explain);
      return collect(
        values,
        (value, explainRecord) => {
          const record = parseEmbedded(value, explainRecord);
          return isMiss(record) ? record : check(record, explainRecord);
        },
        explain,
      );
    }
    const record = regexKeyRecord(data, regexKey as string, explain);
    if (isMiss(record)) return record;
    return collect([record], check, explain);
  };
}
