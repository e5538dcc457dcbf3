/**
 * Compiling Sigma correlation rules (`correlation:` documents): `event_count`, `value_count`, `temporal` and
 * `temporal_ordered` with `group-by`, `timespan`, `condition`, `aliases` and `generate`. Base rules are found among
 * every Sigma rule loaded with it (by name or id); a name that is no Sigma rule may be a TypeScript rule, which
 * the registry checks when the rules load.
 */
import type { Config } from '../../runtime/config';
import type { CompiledSigmaCorrelation, CompiledSigmaRule } from '../../runtime/rules/sigma';
import type { CorrelationCondition, CorrelationSpec, CorrelationType } from '../../runtime/rules/correlation';
import { spanMillis } from '../../runtime/rules/correlation';
import type { Severity } from '../../runtime/rules';
import { attackIds, customOptions, LEVELS, sigmaRuleName, stringList, type CompileResult } from './compile';
import { refuse, refuseUnmapped } from './errors';
import { resolveField } from './fields';

const TYPES = new Set<CorrelationType>(['event_count', 'value_count', 'temporal', 'temporal_ordered']);
const OPS = ['gt', 'gte', 'eq', 'lt', 'lte', 'neq'] as const;

type Doc = Record<string, unknown>;

function isMap(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True for a correlation rule document. */
export function isCorrelationDoc(doc: unknown): boolean {
  return isMap(doc) && doc.correlation !== undefined;
}

function condition(type: CorrelationType, raw: unknown): CorrelationCondition {
  if (type === 'temporal' || type === 'temporal_ordered') return { op: 'gte', count: 1 };
  if (!isMap(raw)) refuse(`a ${type} correlation needs a condition such as {gte: 10}, got ${JSON.stringify(raw)}`);
  const ops = OPS.filter((op) => raw[op] !== undefined);
  if (ops.length !== 1) refuse(`the condition must hold exactly one of ${OPS.join(', ')}, got ${JSON.stringify(raw)}`);
  const op = ops[0] as (typeof OPS)[number];
  if (op === 'lt' || op === 'lte' || op === 'neq') {
    refuse(`condition "${op}" fires on missing events, which needs a check at the end of every window: not supported (use gt, gte or eq)`);
  }
  const count = raw[op];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) refuse(`condition ${op} needs a whole number >= 1, got ${JSON.stringify(count)}`);
  const field = raw.field;
  if (type === 'value_count' && typeof field !== 'string') refuse('a value_count correlation names the counted field in condition.field');
  if (type === 'event_count' && field !== undefined) refuse('condition.field belongs to value_count correlations');
  return { op, count, ...(typeof field === 'string' ? { field } : {}) };
}

/**
 * Compiles one correlation document against the detection rules loaded with it (by name and by id).
 * @throws SigmaRefusedError with the reason
 */
export function compileSigmaCorrelation(
  doc: unknown,
  file: string,
  fileStem: string,
  config: Config,
  known: ReadonlyMap<string, CompileResult>,
  unmapped: ReadonlySet<string> = new Set(),
): { rule: CompiledSigmaCorrelation; warnings: string[] } {
  if (!isMap(doc) || !isMap(doc.correlation)) refuse('a correlation rule has a "correlation" map');
  const c = doc.correlation;
  if (typeof doc.title !== 'string' || doc.title.trim() === '') refuse('the rule has no title');
  if (doc.detection !== undefined) refuse('a correlation rule has no detection of its own: its events are the matches of its base rules');
  const type = c.type as CorrelationType;
  if (!TYPES.has(type)) refuse(`correlation type ${JSON.stringify(c.type)} is not one of ${[...TYPES].join(', ')}`);
  const refs = stringList(c.rules, 'correlation.rules') ?? refuse('correlation.rules names no rule');
  if (refs.length === 0) refuse('correlation.rules names no rule');
  if ((type === 'temporal' || type === 'temporal_ordered') && refs.length < 2) refuse(`a ${type} correlation needs at least two rules`);
  const span = typeof c.timespan === 'string' || typeof c.timespan === 'number' ? spanMillis(c.timespan) : undefined;
  if (span === undefined) refuse(`correlation.timespan must be like 30s, 5m, 1h or 1d, got ${JSON.stringify(c.timespan)}`);
  const groupBy = stringList(c['group-by'], 'correlation.group-by') ?? [];
  const cond = condition(type, c.condition);
  const aliases = c.aliases === undefined ? {} : isMap(c.aliases) ? c.aliases : refuse('correlation.aliases must be a map');

  const missing = refs.filter((ref) => unmapped.has(ref));
  if (missing.length > 0) refuseUnmapped(`its base rules ${missing.join(', ')} are left out: this configuration has none of their log types`);
  const bases = refs.map((ref) => ({ ref, found: known.get(ref) }));
  const warnings: string[] = [];
  const paths: Record<string, Record<string, Record<string, string[]>>> = {};
  const logTypes = new Set<string>();
  const fields = [...groupBy, ...(cond.field !== undefined ? [cond.field] : [])];
  for (const { ref, found } of bases) {
    if (found === undefined) {
      warnings.push(`base rule "${ref}" is no Sigma rule loaded with this one: it must be a TypeScript rule (fields read as dotted paths)`);
      continue;
    }
    const name = found.rule.name;
    paths[name] = {};
    for (const logType of found.rule.log_types) {
      logTypes.add(logType);
      const mapping = found.mappings.get(logType) ?? {};
      const byField: Record<string, string[]> = {};
      for (const field of fields) {
        const alias = aliases[field];
        const actual = isMap(alias) ? alias[ref] ?? alias[name] : undefined;
        if (alias !== undefined && typeof actual !== 'string') refuse(`alias "${field}" names no field for rule "${ref}"`);
        const resolved = resolveField(typeof actual === 'string' ? actual : field, config.logs[logType]!, mapping);
        if (resolved.impossible) refuse(`group-by field "${field}" cannot be in ${logType} records (rule "${ref}"): ${resolved.problem}`);
        if (resolved.problem) warnings.push(resolved.problem);
        byField[field] = resolved.path;
      }
      paths[name][logType] = byField;
    }
  }
  const custom = customOptions(doc);
  const level = doc.level === undefined ? 'medium' : String(doc.level).toLowerCase();
  if (!(level in LEVELS)) refuse(`level "${String(doc.level)}" is not a Sigma level`);
  const generate = (c.generate ?? doc.generate) === true;
  const spec: CorrelationSpec = {
    type,
    // Base rules by name where known (ids are resolved by the registry for the others).
    rules: bases.map(({ ref, found }) => found?.rule.name ?? ref),
    group_by: groupBy,
    paths,
    timespan_ms: span,
    condition: cond,
    generate,
  };
  const rule: CompiledSigmaCorrelation = {
    name: sigmaRuleName(doc, fileStem),
    id: typeof doc.id === 'string' ? doc.id : '',
    title: doc.title.trim(),
    description: typeof doc.description === 'string' ? doc.description.trim() : '',
    file,
    severity: (custom.severity !== undefined ? String(custom.severity) : LEVELS[level]) as Severity,
    attack: attackIds(stringList(doc.tags, 'tags') ?? []),
    log_types: [...logTypes],
    correlation: spec,
    outputs: stringList(custom.outputs, 'streamalert.outputs') ?? [...config.sigma.outputs],
    ...(isMap(custom.context) ? { context: custom.context } : {}),
    ...(custom.disabled !== undefined ? { disabled: custom.disabled === true } : {}),
    ...(custom.staged !== undefined ? { staged: custom.staged === true } : {}),
  };
  return { rule, warnings };
}

/** The detection rules by the names and ids correlation rules may use. */
export function knownRules(results: readonly { rule?: CompiledSigmaRule; compiled?: CompileResult }[]): Map<string, CompileResult> {
  const known = new Map<string, CompileResult>();
  for (const r of results) {
    if (r.compiled === undefined) continue;
    known.set(r.compiled.rule.name, r.compiled);
    if (r.compiled.rule.id !== '') known.set(r.compiled.rule.id, r.compiled);
  }
  return known;
}
