/** The `detection` section of a Sigma rule: named selections and the condition over them. */
import type { Condition, Selection } from '../../runtime/rules/sigma';
import { parseCondition } from './condition';
import { refuse } from './errors';
import { fieldTest, keywordTests } from './values';

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileSelection(name: string, value: unknown): Selection {
  if (isMap(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) refuse(`selection "${name}" is empty`);
    return { kind: 'maps', maps: [entries.map(([key, v]) => fieldTest(key, v))] };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) refuse(`selection "${name}" is an empty list`);
    if (value.every(isMap)) return { kind: 'maps', maps: value.map((m) => Object.entries(m).map(([key, v]) => fieldTest(key, v))) };
    if (value.some(isMap)) refuse(`selection "${name}" mixes keywords and field maps in one list`);
    return { kind: 'keywords', tests: keywordTests(value), all: false };
  }
  if (typeof value === 'string' || typeof value === 'number') return { kind: 'keywords', tests: keywordTests([value]), all: false };
  return refuse(`selection "${name}" must be a map, a list of maps or a list of keywords, got ${JSON.stringify(value)}`);
}

/** The compiled detection. @throws SigmaRefusedError */
export function compileDetection(detection: unknown): { selections: Record<string, Selection>; condition: Condition } {
  if (!isMap(detection)) refuse('the rule has no detection section');
  const { condition, timeframe, ...named } = detection;
  if (timeframe !== undefined) refuse('"timeframe" belongs to Sigma v1 aggregations: write a correlation rule instead');
  const selections: Record<string, Selection> = {};
  for (const [name, value] of Object.entries(named)) selections[name] = compileSelection(name, value);
  const names = Object.keys(selections);
  if (condition === undefined) refuse('the detection has no condition');
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || !conditions.every((c) => typeof c === 'string')) {
    refuse(`the condition must be a string, got ${JSON.stringify(condition)}`);
  }
  // A list of conditions (Sigma v1) means any of them.
  const parsed = (conditions as string[]).map((c) => parseCondition(c, names));
  return { selections, condition: parsed.length === 1 ? (parsed[0] as Condition) : { op: 'or', args: parsed } };
}

/** Every field name the selections read (for checks against the schemas). */
export function fieldsOf(selections: Readonly<Record<string, Selection>>): string[] {
  const found = new Set<string>();
  for (const selection of Object.values(selections)) {
    if (selection.kind !== 'maps') continue;
    for (const map of selection.maps) {
      for (const test of map) {
        found.add(test.field);
        for (const t of test.tests) if (t.fieldref) found.add(String(t.value));
      }
    }
  }
  return [...found];
}
