/**
 * Evaluating a compiled Sigma detection on a record. Predicates are built once per rule and log type (at
 * module load), so a record costs only the comparisons: lower-cased constants, prebuilt regular expressions,
 * and field paths resolved for the log type.
 */
import { inCidrs } from '../helpers/ip';
import type { CompiledSigmaRule, Condition, FieldTest, Selection, ValueTest } from './types';

type Rec = Readonly<Record<string, unknown>>;
/** A test of one field value (a primitive, never an array). */
type ValuePredicate = (value: unknown, record: Rec) => boolean;
type Resolve = (field: string) => readonly string[];
type RecordPredicate = (record: Rec) => boolean;

const MAX_KEYWORD_DEPTH = 32;

/**
 * The value at `path`. A list met before the end of the path is walked element by element (Sigma fields such as
 * `requestParameters.ipPermissions.items.ipRanges.items.cidrIp` name keys inside lists): the values found are
 * returned as a list, which the tests match when any element does. `fold` also finds keys differing in case.
 */
function lookupPath(record: unknown, path: readonly string[], fold: boolean): unknown {
  let current = record;
  for (let i = 0; i < path.length; i += 1) {
    if (Array.isArray(current)) {
      const rest = path.slice(i);
      const found = current.map((element) => lookupPath(element, rest, fold)).flat().filter((v) => v !== undefined);
      return found.length > 0 ? found : undefined;
    }
    if (current === null || typeof current !== 'object') return undefined;
    const object = current as Rec;
    const key = path[i] as string;
    if (Object.prototype.hasOwnProperty.call(object, key) || !fold) {
      current = object[key];
      continue;
    }
    const lower = key.toLowerCase();
    const match = Object.keys(object).find((k) => k.toLowerCase() === lower);
    current = match === undefined ? undefined : object[match];
  }
  return current;
}

function valueAt(record: unknown, path: readonly string[]): unknown {
  return lookupPath(record, path, false);
}

/** Like {@link valueAt}, but a key missing exactly is looked up case-insensitively. */
function valueAtFolded(record: unknown, path: readonly string[]): unknown {
  return lookupPath(record, path, true);
}

type Lookup = (record: unknown, path: readonly string[]) => unknown;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A regular expression for a Sigma wildcard pattern (`*`, `?`, escaped as `\*`, `\?`, `\\`), anchored. */
export function globRegExp(pattern: string, cased: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    const next = pattern[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      source += `\\${next}`;
      i += 1;
    } else if (c === '*') {
      source += '.*';
    } else if (c === '?') {
      source += '.';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, cased ? 's' : 'is');
}

function stringCompare(op: 'eq' | 'contains' | 'startswith' | 'endswith', expected: string, cased: boolean): (actual: string) => boolean {
  const want = cased ? expected : expected.toLowerCase();
  const fold = cased ? (s: string) => s : (s: string) => s.toLowerCase();
  switch (op) {
    case 'eq':
      return (s) => fold(s) === want;
    case 'contains':
      return (s) => fold(s).includes(want);
    case 'startswith':
      return (s) => fold(s).startsWith(want);
    case 'endswith':
      return (s) => fold(s).endsWith(want);
  }
}

function fieldrefPredicate(test: ValueTest, resolve: Resolve, lookup: Lookup): ValuePredicate {
  const path = resolve(String(test.value));
  const op = test.op as 'eq' | 'contains' | 'startswith' | 'endswith';
  const cased = test.cased === true;
  return (value, record) => {
    const actual = text(value);
    const other = text(lookup(record, path));
    return actual !== undefined && other !== undefined && stringCompare(op, other, cased)(actual);
  };
}

/** The predicate of one value test (applied to each element of an array value). */
export function valuePredicate(test: ValueTest, resolve: Resolve, lookup: Lookup = valueAt): ValuePredicate {
  if (test.fieldref) return fieldrefPredicate(test, resolve, lookup);
  const cased = test.cased === true;
  switch (test.op) {
    case 'eq':
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const compare = stringCompare(test.op, String(test.value), cased);
      return (value) => {
        const actual = text(value);
        return actual !== undefined && compare(actual);
      };
    }
    case 'glob': {
      const re = globRegExp(String(test.value), cased);
      return (value) => {
        const actual = text(value);
        return actual !== undefined && re.test(actual);
      };
    }
    case 're': {
      const re = new RegExp(String(test.value), test.flags ?? '');
      return (value) => {
        const actual = text(value);
        return actual !== undefined && re.test(actual);
      };
    }
    case 'cidr': {
      const ranges = [String(test.value)];
      return (value) => inCidrs(value, ranges);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const limit = Number(test.value);
      const op = test.op;
      return (value) => {
        const n = number(value);
        if (n === undefined) return false;
        return op === 'gt' ? n > limit : op === 'gte' ? n >= limit : op === 'lt' ? n < limit : n <= limit;
      };
    }
    case 'exists':
    case 'null':
      // Decided on the whole field value in fieldPredicate.
      return () => false;
  }
}

/** The predicate of one field test: any value (or all with `|all`) matches the field or one of its elements. */
function fieldPredicate(test: FieldTest, resolve: Resolve, lookup: Lookup): RecordPredicate {
  const path = resolve(test.field);
  const parts = test.tests.map((t): RecordPredicate => {
    if (t.op === 'exists') {
      const want = t.value === true;
      return (record) => (lookup(record, path) !== undefined) === want;
    }
    if (t.op === 'null') return (record) => lookup(record, path) == null;
    const match = valuePredicate(t, resolve, lookup);
    return (record) => {
      const value = lookup(record, path);
      if (Array.isArray(value)) return value.some((v) => match(v, record));
      return match(value, record);
    };
  });
  if (parts.length === 1) return parts[0] as RecordPredicate;
  return test.all ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
}

/** True when any string (or number) value anywhere in `value` passes `match`. */
function anyText(value: unknown, match: (s: string) => boolean, depth: number): boolean {
  if (depth > MAX_KEYWORD_DEPTH) return false;
  if (Array.isArray(value)) return value.some((v) => anyText(v, match, depth + 1));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => anyText(v, match, depth + 1));
  const s = text(value);
  return s !== undefined && match(s);
}

function selectionPredicate(selection: Selection, resolve: Resolve, lookup: Lookup): RecordPredicate {
  if (selection.kind === 'keywords') {
    const tests = selection.tests.map((t) => valuePredicate(t, resolve, lookup));
    const one = (record: Rec, p: ValuePredicate) => anyText(record, (s) => p(s, record), 0);
    return selection.all ? (r) => tests.every((p) => one(r, p)) : (r) => tests.some((p) => one(r, p));
  }
  const maps = selection.maps.map((fields) => {
    const preds = fields.map((f) => fieldPredicate(f, resolve, lookup));
    return (r: Rec) => preds.every((p) => p(r));
  });
  return maps.length === 1 ? (maps[0] as RecordPredicate) : (r) => maps.some((m) => m(r));
}

function conditionPredicate(condition: Condition, selections: ReadonlyMap<string, RecordPredicate>): RecordPredicate {
  switch (condition.op) {
    case 'ref': {
      const found = selections.get(condition.name);
      return found ?? (() => false);
    }
    case 'not': {
      const inner = conditionPredicate(condition.arg, selections);
      return (r) => !inner(r);
    }
    case 'and': {
      const args = condition.args.map((a) => conditionPredicate(a, selections));
      return (r) => args.every((a) => a(r));
    }
    case 'or': {
      const args = condition.args.map((a) => conditionPredicate(a, selections));
      return (r) => args.some((a) => a(r));
    }
  }
}

/** The record predicate of a compiled rule for one of its log types. */
export function detectionPredicate(rule: CompiledSigmaRule, logType: string): RecordPredicate {
  const paths = rule.fields[logType] ?? {};
  const resolve = (field: string): readonly string[] => paths[field] ?? field.split('.');
  const lookup = rule.fold_case?.includes(logType) ? valueAtFolded : valueAt;
  const selections = new Map(Object.entries(rule.selections).map(([name, s]) => [name, selectionPredicate(s, resolve, lookup)] as const));
  return conditionPredicate(rule.condition, selections);
}
