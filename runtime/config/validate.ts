/**
 * JSON Schema validation of the configuration files (ajv), with errors turned into problems that name
 * the file, the JSON pointer, the bad value and a hint.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ConfigProblem } from '../errors';
import variablesSchema from './json-schemas/variables.schema.json';
import logSchemasSchema from './json-schemas/log-schemas.schema.json';
import outputsSchema from './json-schemas/outputs.schema.json';
import lookupTablesSchema from './json-schemas/lookup-tables.schema.json';
import threatIntelSchema from './json-schemas/threat-intel.schema.json';
import normalizedTypesSchema from './json-schemas/normalized-types.schema.json';
import scheduledQueriesSchema from './json-schemas/scheduled-queries.schema.json';
import sigmaSchema from './json-schemas/sigma.schema.json';

export type ConfigFileKind = 'variables' | 'logs' | 'outputs' | 'lookup_tables' | 'threat_intel' | 'normalized_types' | 'scheduled_queries' | 'sigma';

const SCHEMAS: Record<ConfigFileKind, object> = {
  variables: variablesSchema,
  logs: logSchemasSchema,
  outputs: outputsSchema,
  lookup_tables: lookupTablesSchema,
  threat_intel: threatIntelSchema,
  normalized_types: normalizedTypesSchema,
  scheduled_queries: scheduledQueriesSchema,
  sigma: sigmaSchema,
};

let compiled: Map<ConfigFileKind, ValidateFunction> | undefined;

function validatorFor(kind: ConfigFileKind): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    compiled = new Map(
      (Object.keys(SCHEMAS) as ConfigFileKind[]).map((k) => [k, ajv.compile(SCHEMAS[k])] as const),
    );
  }
  return compiled.get(kind)!;
}

/** Validates one parsed file against its JSON Schema; returns every problem found. */
export function validateFile(kind: ConfigFileKind, value: unknown, file: string): ConfigProblem[] {
  const validate = validatorFor(kind);
  if (validate(value)) return [];
  return simplifyErrors(validate.errors ?? []).map((e) => toProblem(e, value, file));
}

/**
 * `oneOf` failures make ajv report every branch. Keep the errors of the branch whose shape (type) fits
 * the value; when none fits, keep the single `oneOf` error.
 */
function simplifyErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // An `if` failure only repeats the errors of its `then`/`else` branch, which are kept.
  errors = errors.filter((e) => e.keyword !== 'if');
  const oneOfErrors = errors.filter((e) => e.keyword === 'oneOf');
  let kept = errors.filter((e) => e.keyword !== 'oneOf');
  for (const oneOf of oneOfErrors) {
    const prefix = `${oneOf.schemaPath.replace(/\/oneOf$/, '')}/oneOf/`;
    const branchErrors = kept.filter((e) => e.schemaPath.startsWith(prefix));
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of branchErrors) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const fitting = [...byBranch.values()].filter(
      (list) => !list.some((e) => e.keyword === 'type' && e.instancePath === oneOf.instancePath),
    );
    kept = kept.filter((e) => !e.schemaPath.startsWith(prefix));
    if (fitting.length === 1 && fitting[0].length > 0) kept.push(...fitting[0]);
    else kept.push(oneOf);
  }
  // Deduplicate (the same message can come from several $ref paths).
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${e.message}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Closest candidate by edit distance, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function describe(schema: unknown): string | undefined {
  if (schema && typeof schema === 'object' && 'description' in schema) {
    const text = (schema as { description?: unknown }).description;
    if (typeof text === 'string') return text.replace(/\s*@default .*$/, '') || undefined;
  }
  return undefined;
}

function toProblem(error: ErrorObject, root: unknown, file: string): ConfigProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).filter(
        (k) => k !== '$schema',
      );
      const guess = closest(key, known);
      return {
        file,
        pointer: `${error.instancePath}/${escapePointer(key)}`,
        message: `unknown key "${key}"`,
        hint: guess ? `did you mean "${guess}"?` : known.length ? `known keys: ${known.join(', ')}` : undefined,
      };
    }
    case 'required':
      return {
        file,
        pointer: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        message: `missing required key "${String(params.missingProperty)}"`,
      };
    case 'propertyNames': {
      const name = String(params.propertyName);
      return {
        file,
        pointer: `${error.instancePath}/${escapePointer(name)}`,
        message: `invalid name "${name}"`,
        hint: describe(error.parentSchema),
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const value = valueAt(root, error.instancePath);
      const guess = typeof value === 'string' ? closest(value, allowed.map((a) => JSON.parse(a) as string)) : undefined;
      return {
        file,
        pointer: error.instancePath,
        message: 'is not an allowed value',
        value,
        hint: guess ? `did you mean "${guess}"?` : `one of ${allowed.slice(0, 30).join(', ')}`,
      };
    }
    default:
      return {
        file,
        pointer: error.instancePath,
        message: error.message ?? error.keyword,
        value: valueAt(root, error.instancePath),
        hint: describe(error.parentSchema),
      };
  }
}
