/**
 * Compiling one Sigma rule document into the JSON the bundle carries: metadata, logsource -> log types, fields
 * resolved per log type, detection. A rule that cannot be compiled exactly is refused with the reason.
 */
import type { Config, SigmaLogTypeMapping } from '../../runtime/config';
import type { CompiledSigmaRule } from '../../runtime/rules/sigma';
import type { Severity } from '../../runtime/rules';
import { compileDetection, fieldsOf } from './detection';
import { refuse, refuseUnmapped } from './errors';
import { resolveField } from './fields';
import { logsourceMappings, mapLogsource, type RuleLogsource } from './logsources';

export const LEVELS: Readonly<Record<string, Severity>> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};
const REFUSED_STATUS = new Set(['deprecated', 'unsupported']);
/** Keys of the rule's `streamalert` custom attribute. */
const CUSTOM_KEYS = new Set(['outputs', 'dedup', 'merge_by_keys', 'merge_window_mins', 'context', 'disabled', 'staged', 'severity']);

/** A compiled rule and what was noticed while compiling it. */
export interface CompileResult {
  readonly rule: CompiledSigmaRule;
  readonly warnings: readonly string[];
  /** How fields are found per log type (for correlation rules that group by this rule's fields). */
  readonly mappings: ReadonlyMap<string, SigmaLogTypeMapping>;
}

type Doc = Record<string, unknown>;

function isMap(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list of strings, or undefined when absent. @throws SigmaRefusedError when it is something else */
export function stringList(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) refuse(`${what} must be a list of strings, got ${JSON.stringify(value)}`);
  return value as string[];
}

/** The rule name: Sigma `name`, else the file name, as a rule name (letters, digits, `_`). */
export function sigmaRuleName(doc: Doc, fileStem: string): string {
  const raw = typeof doc.name === 'string' && doc.name !== '' ? doc.name : fileStem;
  const name = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `sigma_${name}` : name || 'sigma_rule';
}

/** ATT&CK technique ids from Sigma tags (`attack.t1078.004` -> `T1078.004`). */
export function attackIds(tags: readonly string[]): string[] {
  const ids = tags.map((t) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)?.[1]?.toUpperCase()).filter((t): t is string => t !== undefined);
  return [...new Set(ids)];
}

/** The `streamalert` custom attribute (checked). */
export function customOptions(doc: Doc): Doc {
  const custom = doc.streamalert;
  if (custom === undefined) return {};
  if (!isMap(custom)) refuse(`the "streamalert" attribute must be a map, got ${JSON.stringify(custom)}`);
  for (const key of Object.keys(custom)) {
    if (!CUSTOM_KEYS.has(key)) refuse(`the "streamalert" attribute has an unknown key "${key}" (known: ${[...CUSTOM_KEYS].join(', ')})`);
  }
  return custom;
}

function ruleLogsource(doc: Doc): RuleLogsource {
  const source = doc.logsource;
  if (!isMap(source)) refuse('the rule has no logsource');
  const out: RuleLogsource = {};
  for (const key of ['product', 'service', 'category'] as const) {
    if (source[key] !== undefined) out[key] = String(source[key]);
  }
  if (Object.keys(out).length === 0) refuse('the logsource names no product, service or category');
  return out;
}

function describeLogsource(source: RuleLogsource): string {
  return Object.entries(source).map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** Compiles one rule document. @throws SigmaRefusedError with the reason. */
export function compileSigmaRule(doc: unknown, file: string, fileStem: string, config: Config): CompileResult {
  if (!isMap(doc)) refuse('a Sigma rule is a YAML map');
  if (doc.action !== undefined) refuse(`"action: ${String(doc.action)}" (Sigma v1 rule collections) is not supported: write each rule whole`);
  if (typeof doc.title !== 'string' || doc.title.trim() === '') refuse('the rule has no title');
  const status = typeof doc.status === 'string' ? doc.status.toLowerCase() : '';
  if (REFUSED_STATUS.has(status)) refuse(`status "${status}": the rule's authors say it should not be used`);
  const level = doc.level === undefined ? 'medium' : String(doc.level).toLowerCase();
  if (!(level in LEVELS)) refuse(`level "${String(doc.level)}" is not a Sigma level (informational, low, medium, high, critical)`);
  const custom = customOptions(doc);
  const source = ruleLogsource(doc);
  const { selections, condition } = compileDetection(doc.detection);
  const warnings: string[] = [];

  const mapped = mapLogsource(source, logsourceMappings(config.sigma));
  const configured = [...mapped].filter(([logType]) => config.logs[logType] !== undefined);
  if (configured.length === 0) {
    refuseUnmapped(
      `logsource (${describeLogsource(source)}) maps to no configured log type` +
        (mapped.size > 0 ? ` (it maps to ${[...mapped.keys()].join(', ')}, not declared in conf/schemas)` : '; map it in conf/sigma.json "logsources"'),
    );
  }
  const fields: Record<string, Record<string, string[]>> = {};
  const foldCase: string[] = [];
  const logTypes: string[] = [];
  const impossible: string[] = [];
  for (const [logType, mapping] of configured as [string, SigmaLogTypeMapping][]) {
    const schema = config.logs[logType]!;
    const paths: Record<string, string[]> = {};
    const ruledOut: string[] = [];
    for (const field of fieldsOf(selections)) {
      const resolved = resolveField(field, schema, mapping);
      paths[field] = resolved.path;
      if (resolved.impossible) ruledOut.push(resolved.problem);
      else if (resolved.problem) warnings.push(`${resolved.problem}; it matches only records that add it`);
    }
    if (ruledOut.length > 0) {
      impossible.push(...ruledOut);
      continue;
    }
    fields[logType] = paths;
    logTypes.push(logType);
    if (mapping.fold_case) foldCase.push(logType);
  }
  if (logTypes.length === 0) refuseUnmapped(`no record of its log types can match: ${impossible.join('; ')}`);
  if (impossible.length > 0) warnings.push(`left out log types whose schema rules a field out: ${impossible.join('; ')}`);

  const tags = stringList(doc.tags, 'tags') ?? [];
  const outputs = stringList(custom.outputs, 'streamalert.outputs') ?? [...config.sigma.outputs];
  const severity = custom.severity !== undefined ? String(custom.severity) : LEVELS[level];
  const rule: CompiledSigmaRule = {
    name: sigmaRuleName(doc, fileStem),
    id: typeof doc.id === 'string' ? doc.id : '',
    title: doc.title.trim(),
    description: typeof doc.description === 'string' ? doc.description.trim() : '',
    file,
    severity: severity as Severity,
    attack: attackIds(tags),
    log_types: logTypes,
    fields,
    ...(foldCase.length > 0 ? { fold_case: foldCase } : {}),
    selections,
    condition,
    outputs,
    ...(custom.dedup !== undefined ? { dedup: stringList(custom.dedup, 'streamalert.dedup') } : {}),
    ...(custom.merge_by_keys !== undefined ? { merge_by_keys: stringList(custom.merge_by_keys, 'streamalert.merge_by_keys') } : {}),
    ...(custom.merge_window_mins !== undefined ? { merge_window_mins: Number(custom.merge_window_mins) } : {}),
    ...(isMap(custom.context) ? { context: custom.context } : {}),
    ...(custom.disabled !== undefined ? { disabled: custom.disabled === true } : {}),
    ...(custom.staged !== undefined ? { staged: custom.staged === true } : {}),
  };
  return { rule, warnings, mappings: new Map(configured.filter(([t]) => logTypes.includes(t))) };
}
