/**
 * Field keys and values of a Sigma detection: `field|mod1|mod2` with a value or a list of values, turned into a
 * {@link FieldTest}. Every modifier of the Sigma v2 specification is either compiled exactly or refuses the rule
 * with the reason: a rule never silently changes its meaning.
 */
import ipaddr from 'ipaddr.js';
import type { FieldTest, ValueOp, ValueTest } from '../../runtime/rules/sigma';
import { refuse } from './errors';

const STRING_OPS = new Set(['contains', 'startswith', 'endswith']);
const COMPARE_OPS = new Set(['gt', 'gte', 'lt', 'lte']);
const UNSUPPORTED: Readonly<Record<string, string>> = {
  expand: 'placeholders (|expand) need values this project does not hold',
  utf16le: 'UTF-16 encodings (|utf16le) only make sense with |base64 on binary logs, which no bundled log type has',
  utf16be: 'UTF-16 encodings (|utf16be) only make sense with |base64 on binary logs, which no bundled log type has',
  utf16: 'UTF-16 encodings (|utf16) only make sense with |base64 on binary logs, which no bundled log type has',
  wide: 'UTF-16 encodings (|wide) only make sense with |base64 on binary logs, which no bundled log type has',
};
const KNOWN = new Set([
  ...STRING_OPS,
  ...COMPARE_OPS,
  'all', 're', 'i', 'm', 's', 'cidr', 'base64', 'base64offset', 'windash', 'exists', 'fieldref', 'cased',
]);
/** The dashes Windows command lines accept where `-` is written (`|windash`). */
const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** True when a Sigma string holds an unescaped `*` or `?`. */
export function hasWildcard(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\' && ['*', '?', '\\'].includes(value[i + 1] ?? '')) i += 1;
    else if (c === '*' || c === '?') return true;
  }
  return false;
}

/** A Sigma string without wildcards, its escapes (`\*`, `\?`, `\\`) undone. */
export function unescapeSigma(value: string): string {
  return value.replace(/\\([*?\\])/g, '$1');
}

/** The three base64 encodings of `value` at byte offsets 0, 1 and 2, trimmed to the stable part. */
export function base64Offsets(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const starts = [0, 2, 3];
  const ends = [0, -3, -2];
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset, 0x20), bytes]).toString('base64');
    const end = ends[(bytes.length + offset) % 3] as number;
    return encoded.slice(starts[offset], end === 0 ? undefined : end);
  });
}

function windashVariants(value: string): string[] {
  if (!/(^|\s)-/.test(value)) return [value];
  return DASHES.map((dash) => value.replace(/(^|\s)-/g, `$1${dash}`));
}

/** Splits `field|mod|mod` and checks every modifier. */
export function parseFieldKey(key: string): { field: string; modifiers: string[] } {
  const [field = '', ...modifiers] = key.split('|');
  for (const m of modifiers) {
    if (m in UNSUPPORTED) refuse(`field "${key}": modifier "${m}" is not supported: ${UNSUPPORTED[m]}`);
    if (!KNOWN.has(m)) refuse(`field "${key}": unknown modifier "${m}"`);
  }
  return { field, modifiers };
}

function textTest(op: ValueOp, raw: string, cased: boolean): ValueTest {
  if (!hasWildcard(raw)) return { op, value: unescapeSigma(raw), ...(cased ? { cased } : {}) };
  const pattern = op === 'contains' ? `*${raw}*` : op === 'startswith' ? `${raw}*` : op === 'endswith' ? `*${raw}` : raw;
  return { op: 'glob', value: pattern, ...(cased ? { cased } : {}) };
}

function regexTest(key: string, value: unknown, modifiers: readonly string[]): ValueTest {
  if (typeof value !== 'string') refuse(`field "${key}": |re needs a string, got ${JSON.stringify(value)}`);
  const flags = ['i', 'm', 's'].filter((f) => modifiers.includes(f)).join('');
  try {
    new RegExp(value, flags);
  } catch (err) {
    refuse(`field "${key}": regular expression ${JSON.stringify(value)} is not valid here (${(err as Error).message}); inline flags such as (?i) are written as |re|i`);
  }
  return { op: 're', value, ...(flags ? { flags } : {}) };
}

function singleTests(key: string, value: unknown, modifiers: readonly string[]): ValueTest[] {
  const has = (m: string) => modifiers.includes(m);
  const stringOp = modifiers.find((m) => STRING_OPS.has(m)) as ValueOp | undefined;
  const compare = modifiers.find((m) => COMPARE_OPS.has(m)) as ValueOp | undefined;
  const cased = has('cased');
  if (has('exists')) {
    if (typeof value !== 'boolean') refuse(`field "${key}": |exists needs true or false, got ${JSON.stringify(value)}`);
    return [{ op: 'exists', value }];
  }
  if (compare) {
    if (typeof value !== 'number') refuse(`field "${key}": |${compare} needs a number, got ${JSON.stringify(value)}`);
    return [{ op: compare, value }];
  }
  if (has('re')) return [regexTest(key, value, modifiers)];
  if (value === null) return [{ op: 'null', value: null }];
  if (has('cidr')) {
    if (typeof value !== 'string' || !ipaddr.isValidCIDR(value)) refuse(`field "${key}": |cidr needs a CIDR range, got ${JSON.stringify(value)}`);
    return [{ op: 'cidr', value }];
  }
  if (has('fieldref')) {
    if (typeof value !== 'string') refuse(`field "${key}": |fieldref needs a field name, got ${JSON.stringify(value)}`);
    return [{ op: stringOp ?? 'eq', value, fieldref: true, ...(cased ? { cased } : {}) }];
  }
  if (typeof value === 'number' || typeof value === 'boolean') return [{ op: stringOp ?? 'eq', value: String(value) }];
  if (typeof value !== 'string') refuse(`field "${key}": a value must be a string, number, boolean or null, got ${JSON.stringify(value)}`);
  let texts = [value];
  if (has('base64') || has('base64offset')) {
    if (hasWildcard(value)) refuse(`field "${key}": wildcards cannot be base64-encoded (${JSON.stringify(value)})`);
    texts = has('base64offset') ? base64Offsets(unescapeSigma(value)) : [Buffer.from(unescapeSigma(value), 'utf8').toString('base64')];
  }
  if (has('windash')) texts = texts.flatMap(windashVariants);
  return texts.map((t) => textTest(stringOp ?? 'eq', t, cased));
}

/**
 * The test of one detection entry `key: value`.
 * @throws SigmaRefusedError for unsupported or contradictory modifiers and bad values.
 */
export function fieldTest(key: string, value: unknown): FieldTest {
  const { field, modifiers } = parseFieldKey(key);
  if (field === '') refuse(`field "${key}": a field name is needed (keyword searches are written as a list)`);
  const ops = modifiers.filter((m) => STRING_OPS.has(m) || COMPARE_OPS.has(m) || ['re', 'cidr', 'exists'].includes(m));
  if (ops.length > 1) refuse(`field "${key}": modifiers ${ops.map((o) => `|${o}`).join(' and ')} cannot be combined`);
  if (modifiers.includes('base64offset') && !modifiers.includes('contains')) {
    refuse(`field "${key}": |base64offset is only meaningful with |contains`);
  }
  for (const flag of ['i', 'm', 's']) {
    if (modifiers.includes(flag) && !modifiers.includes('re')) refuse(`field "${key}": |${flag} applies to |re only`);
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) refuse(`field "${key}": an empty list of values matches nothing`);
  const tests = values.flatMap((v) => singleTests(key, v, modifiers));
  // Expanded encodings of one value (base64offset, windash) are alternatives even under |all.
  const all = modifiers.includes('all') && values.length > 1;
  if (all && tests.length !== values.length) refuse(`field "${key}": |all cannot be combined with |base64offset or |windash`);
  return { field, tests, all };
}

/** The tests of a keyword list (values searched in every string of the record). */
export function keywordTests(values: readonly unknown[]): ValueTest[] {
  return values.map((v) => {
    if (typeof v === 'number') return { op: 'contains', value: String(v) };
    if (typeof v !== 'string') refuse(`keyword ${JSON.stringify(v)} is not a string`);
    return textTest('contains', v, false);
  });
}
