/**
 * The `kv` parser: `key<separator>value` pairs separated by `delimiter` (defaults '=' and ' ').
 * The keys found must be the schema's keys (optional ones may be absent); a key seen twice takes, as in
 * StreamAlert, the name of the schema key at that position.
 */
import type { LogSchema } from '../../config/types';
import { isMiss, miss } from '../miss';
import type { Result } from '../types';
import { hasOwn, setKey } from '../values';
import { readKv, type KvPair } from './kv-reader';
import { checkRecord, compileChecker, type ParseFn } from './parser';

/** Compiles the kv parser of `log`. */
export function compileKvParser(log: LogSchema): ParseFn {
  const checker = compileChecker(log);
  const delimiter = log.configuration.delimiter || ' ';
  const separator = log.configuration.separator || '=';
  const memoKey = `kv\u0000${delimiter}\u0000${separator}`;
  const keys = checker.spec.fields.map((f) => f.key);

  const toMap = (pairs: Result<KvPair[]>): Result<Record<string, string>> => {
    if (!pairs.ok) return pairs;
    if (pairs.value.length === 0) return { ok: false, reason: 'no key/value pairs found' };
    const map: Record<string, string> = {};
    pairs.value.forEach(({ key, value }, index) => {
      const name = hasOwn(map, key) && index < keys.length ? keys[index] : key;
      setKey(map, name, value);
    });
    return { ok: true, value: map };
  };

  return (ctx, explain) => {
    const text = ctx.text();
    if (!text.ok) return miss(explain, () => `the kv parser needs text: ${text.reason}`);
    // The pairs are shared by every kv schema with the same delimiter and separator; the map is per schema.
    const parsed = toMap(ctx.memo(memoKey, () => readKv(text.value, delimiter, separator)));
    if (!parsed.ok) return miss(explain, () => parsed.reason);
    const record = checkRecord(checker, parsed.value, undefined, explain);
    return isMiss(record) ? record : { records: [record], rejected: [], headers: 0 };
  };
}
