/**
 * `json_path` expressions (JMESPath). The common shapes (`Records[*]`, `logEvents[*].message`, `[*]`, `a.b[0]`)
 * are evaluated by a small compiled evaluator that gives the same results as JMESPath; anything else goes to
 * the `jmespath` library. Every expression is validated with the library when the classifier is created.
 */
import jmespath from 'jmespath';
import { ConfigError } from '../errors';
import { isPlainObject } from './values';

type Step = { readonly field: string } | { readonly index: number } | { readonly project: true };

/** Evaluates a compiled expression; returns JMESPath's result (null when nothing is there). */
export type JsonPath = (data: unknown) => unknown;

const SIMPLE = /^(?:[A-Za-z_][A-Za-z0-9_]*|\[(?:\*|-?\d+)\])(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:\*|-?\d+)\])*$/;
const TOKEN = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\*|-?\d+)\]/g;

function parseSimple(expression: string): Step[] | undefined {
  if (!SIMPLE.test(expression)) return undefined;
  const steps: Step[] = [];
  for (const m of expression.matchAll(TOKEN)) {
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] === '*') steps.push({ project: true });
    else steps.push({ index: Number(m[2]) });
  }
  return steps;
}

function evaluate(steps: readonly Step[], from: number, data: unknown): unknown {
  let value = data;
  for (let i = from; i < steps.length; i++) {
    if (value === null || value === undefined) return null;
    const step = steps[i];
    if ('field' in step) {
      value = isPlainObject(value) ? (Object.prototype.hasOwnProperty.call(value, step.field) ? value[step.field] : null) : null;
    } else if ('index' in step) {
      if (!Array.isArray(value)) return null;
      const at = step.index < 0 ? value.length + step.index : step.index;
      value = at >= 0 && at < value.length ? value[at] : null;
    } else {
      if (!Array.isArray(value)) return null;
      const out: unknown[] = [];
      for (const item of value) {
        const r = evaluate(steps, i + 1, item);
        if (r !== null && r !== undefined) out.push(r);
      }
      return out;
    }
  }
  return value === undefined ? null : value;
}

/** Compiles a `json_path`; throws a ConfigError naming `origin` when the expression is not valid JMESPath. */
export function compileJsonPath(written: string, origin: { readonly file: string; readonly pointer: string }): JsonPath {
  // StreamAlert 1.x used JSONPath (`$.profiles[*].controls[*]`); its root `$` has no JMESPath meaning: drop it.
  const expression = /^\$(?:\.|\[)/.test(written) ? written.slice(written[1] === '.' ? 2 : 1) : written;
  try {
    jmespath.search({}, expression);
  } catch (err) {
    throw new ConfigError([
      { ...origin, message: `is not a valid JMESPath expression (${err instanceof Error ? err.message : String(err)})`, value: written },
    ]);
  }
  const steps = parseSimple(expression);
  if (steps) return (data) => evaluate(steps, 0, data);
  return (data) => jmespath.search(data as never, expression) as unknown;
}
