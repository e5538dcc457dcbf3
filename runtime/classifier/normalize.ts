/**
 * `normalization` (StreamAlert v3): for each normalized type (such as `source_address`), the values found at
 * each configured path of a classified record, when its optional condition holds. Values are collected as
 * StreamAlert does: a list contributes its items, anything else its text (Python `str()`); empty values
 * (null, '', 0, false, {}, []) are not found. Results are de-duplicated, in order of discovery.
 *
 * Conditions compare the lower-cased text of the value at `condition.path`: `is`, `is_not`, `in`, `not_in`,
 * `contains`, `not_contains` (the first one present applies, as in StreamAlert). Unlike StreamAlert, the
 * configured side is lower-cased too, so `"is": "ConsoleLogin"` matches.
 */
import type { NormalizedPath, ParserConfiguration } from '../config/types';
import type { NormalizedValues } from './types';
import { isFalsy, isPlainObject, pythonStr } from './values';

type Condition = NonNullable<NormalizedPath['condition']>;
type Test = (text: string) => boolean;

interface CompiledPath {
  readonly path: readonly string[];
  readonly condition?: { readonly path: readonly string[]; readonly test: Test };
}

/** Normalizes classified records of one log type. */
export type Normalizer = (record: Readonly<Record<string, unknown>>) => NormalizedValues;

const lower = (value: unknown) => pythonStr(value).toLowerCase();

function compileTest(condition: Condition): Test {
  if (condition.is !== undefined) {
    const is = lower(condition.is);
    return (text) => text === is;
  }
  if (condition.is_not !== undefined) {
    const isNot = lower(condition.is_not);
    return (text) => text !== isNot;
  }
  if (condition.in !== undefined) {
    const set = new Set(condition.in.map(lower));
    return (text) => set.has(text);
  }
  if (condition.not_in !== undefined) {
    const set = new Set(condition.not_in.map(lower));
    return (text) => !set.has(text);
  }
  if (condition.contains !== undefined) {
    const part = condition.contains.toLowerCase();
    return (text) => text.includes(part);
  }
  if (condition.not_contains !== undefined) {
    const part = condition.not_contains.toLowerCase();
    return (text) => !text.includes(part);
  }
  return () => false;
}

/** The value at `path`, or undefined when absent or empty (StreamAlert's `_find_value`). */
export function valueAt(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const key of path) {
    if (!isPlainObject(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
    if (isFalsy(value)) return undefined;
  }
  return path.length === 0 ? undefined : value;
}

const EMPTY: NormalizedValues = Object.freeze({});

/** Compiles the `normalization` of a log type (an empty result when it has none). */
export function compileNormalization(conf: ParserConfiguration): Normalizer {
  const types = Object.entries(conf.normalization ?? {}).map(([type, paths]) => ({
    type,
    paths: paths.map(
      (p): CompiledPath => ({
        path: p.path,
        condition: p.condition ? { path: p.condition.path, test: compileTest(p.condition) } : undefined,
      }),
    ),
  }));
  if (types.length === 0) return () => EMPTY;
  return (record) => {
    const out: Record<string, unknown[]> = {};
    for (const { type, paths } of types) {
      const found = new Set<unknown>();
      for (const { path, condition } of paths) {
        if (condition) {
          const tested = valueAt(record, condition.path);
          if (tested === undefined || !condition.test(lower(tested))) continue;
        }
        const value = valueAt(record, path);
        if (value === undefined) continue;
        if (Array.isArray(value)) value.forEach((v) => found.add(v));
        else found.add(pythonStr(value));
      }
      if (found.size > 0) out[type] = [...found];
    }
    return out;
  };
}
