/**
 * JSON text that cannot overflow the stack: V8's `JSON.stringify` recurses and throws a RangeError on a value
 * nested a few thousand levels deep (a hostile record parses fine: `JSON.parse` does not recurse). These
 * functions walk the value with an explicit stack instead, so one record can never fail a batch here.
 */

type Frame =
  | { readonly kind: 'array'; readonly value: readonly unknown[]; index: number }
  | { readonly kind: 'object'; readonly value: Readonly<Record<string, unknown>>; readonly keys: readonly string[]; index: number; wrote: boolean };

/**
 * `JSON.stringify(value)` for JSON-like values (what `JSON.parse` returns, plus `undefined` and `toJSON`
 * holders such as Date), whatever their depth; `'null'` where `JSON.stringify` would return undefined.
 * The fast native path is tried first; the iterative walk only runs when it overflows.
 */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return walk(value, false);
  }
}

/** JSON with object keys sorted at every level (equal values give equal text), at any depth. */
export function canonicalJson(value: unknown): string {
  return walk(value, true);
}

/** A scalar's JSON text, or undefined for a container (or a value JSON leaves out). */
function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    default:
      return undefined;
  }
}

function prepare(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function walk(root: unknown, sorted: boolean): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (input: unknown): void => {
    const value = prepare(input);
    const text = scalar(value);
    if (text !== undefined) {
      out.push(text);
    } else if (Array.isArray(value)) {
      out.push('[');
      stack.push({ kind: 'array', value, index: 0 });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (sorted) keys.sort();
      out.push('{');
      stack.push({ kind: 'object', value: value as Record<string, unknown>, keys, index: 0, wrote: false });
    } else {
      out.push('null');
    }
  };
  open(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.kind === 'array') {
      if (frame.index >= frame.value.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (frame.index > 0) out.push(',');
      const item = frame.value[frame.index++];
      if (isSkipped(item)) out.push('null');
      else open(item);
      continue;
    }
    if (frame.index >= frame.keys.length) {
      out.push('}');
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.index++];
    const item = prepare(frame.value[key]);
    if (isSkipped(item)) continue;
    if (frame.wrote) out.push(',');
    frame.wrote = true;
    out.push(JSON.stringify(key), ':');
    open(item);
  }
  return out.join('');
}
