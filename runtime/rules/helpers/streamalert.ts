/**
 * StreamAlert's rule helpers (`rules/helpers/base.py`, `streamalert/shared/utils.py`) with their exact
 * behaviour, for rules ported from StreamAlert and for new ones.
 */
import { RecordShapeError } from '../errors';
import { isDict, jsonLoads } from './python';

/** StreamAlert kept normalization results in the record under this key; searches skip it. */
const NORMALIZATION_KEY = 'streamalert_normalization';

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);

/**
 * Every value stored under `key` anywhere in nested objects and lists, breadth first (StreamAlert's
 * `get_keys`). `maxMatches` > 0 stops after that many. A string searches nothing; a number, boolean or null
 * raises, as in StreamAlert.
 *
 * @example
 * ```ts
 * getKeys(rec.detail.requestParameters, 'cidrIp').includes('0.0.0.0/0')
 * ```
 */
export function getKeys(data: unknown, key: string, maxMatches = -1): unknown[] {
  if (typeof data === 'string') return [];
  if (data === null || data === undefined || typeof data !== 'object') {
    throw new RecordShapeError('TypeError', `'${data === null || data === undefined ? 'NoneType' : typeof data}' object is not iterable`);
  }
  const queue: unknown[] = [data];
  const results: unknown[] = [];
  for (let i = 0; i < queue.length; i += 1) {
    const current = queue[i];
    if (Array.isArray(current)) {
      for (const value of current) if (isContainer(value)) queue.push(value);
      continue;
    }
    const obj = current as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      results.push(obj[key] ?? null);
      if (maxMatches > 0 && results.length === maxMatches) return results;
    }
    for (const [name, value] of Object.entries(obj)) {
      if (name !== NORMALIZATION_KEY && isContainer(value)) queue.push(value);
    }
  }
  return results;
}

/**
 * True when any string value anywhere in `data` (objects and lists searched recursively) contains one of
 * `needles` (StreamAlert's `data_has_value_from_substring_list`). A number or `true` among the values
 * raises, as in StreamAlert.
 *
 * @example
 * ```ts
 * dataHasValueFromSubstringList(rec.requestParameters, ['http://acs.amazonaws.com/groups/global/AllUsers'])
 * ```
 */
export function dataHasValueFromSubstringList(data: unknown, needles: Iterable<string>): boolean {
  if (Array.isArray(data)) return data.some((value) => dataHasValueFromSubstringList(value, needles));
  if (isDict(data)) return Object.values(data).some((value) => dataHasValueFromSubstringList(value, needles));
  if (data === null || data === undefined || data === false || data === 0 || data === '') return false;
  if (typeof data !== 'string') throw new RecordShapeError('TypeError', `argument of type '${typeof data}' is not iterable`);
  for (const needle of needles) if (data.includes(needle)) return true;
  return false;
}

/**
 * The JSON in `text`, or `{}` when it is not valid JSON (StreamAlert's `safe_json_loads`). Like the
 * original, a value that is not a string raises.
 *
 * @example
 * ```ts
 * py.get(safeJsonLoads(rec.description), 'valid_secs') === null
 * ```
 */
export function safeJsonLoads(text: unknown): unknown {
  try {
    return jsonLoads(text);
  } catch (err) {
    if (err instanceof RecordShapeError && err.pythonError === 'ValueError') return {};
    throw err;
  }
}
