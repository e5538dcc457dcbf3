/** `streamalert rule new <name> --log <type>`: a rule and its fixture from templates/rule/. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { displayPath, expandLogTypes, loadConfig, logFamily, type Config, type LogService } from '../../runtime/config';
import { ExitCode, StreamAlertError, UsageError } from '../../runtime/errors';
import { createClassifier } from '../../runtime/classifier';
import type { CommandContext } from '../context';
import { packageRoot } from '../package/paths';
import { matchField, sampleData, type MatchField } from './sample-event';

/** Options of {@link scaffoldRule}. */
export interface RuleNewOptions {
  readonly name: string;
  readonly log: string;
  /** Folder for the two files. @default rules/<log family> */
  readonly dir: string;
  readonly description?: string;
  /** Outputs the rule sends to (`service:descriptor`, declared in outputs.json). @default none (warned) */
  readonly outputs?: readonly string[];
}

const RULE_NAME = /^[a-z_][a-z0-9_]*$/;

/** The first data source (service, resource) that carries `logType`, if any. */
export function sourceFor(config: Config, logType: string): { service: LogService; resource: string } | undefined {
  const declared = Object.keys(config.logs);
  for (const cluster of Object.values(config.clusters)) {
    for (const [service, resources] of Object.entries(cluster.data_sources)) {
      for (const [resource, entries] of Object.entries(resources ?? {})) {
        if (expandLogTypes(entries, declared).logTypes.includes(logType)) return { service: service as LogService, resource };
      }
    }
  }
  return undefined;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (text, key: string) => values[key] ?? text);
}

/** User text inside a `/** ... *\/` comment: one line, and no `*\/` that would end the comment early. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '*\\/');
}

/** Text inside a single-quoted TypeScript string. */
export function singleQuoted(text: string): string {
  return text.replace(/[\\']/g, '\\$&').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Text inside a double-quoted JSON string. */
function jsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

const json = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n    ');

/** The scaffold rule's example condition: the match field equals its alerting value. */
function conditionOf(match: MatchField | undefined): string {
  if (match === undefined) return 'Object.keys(rec).length < 0';
  const access = /^[A-Za-z_$][\w$]*$/.test(match.field) ? `rec.${match.field}` : `rec['${singleQuoted(match.field)}']`;
  return `${access} === ${typeof match.alert === 'string' ? `'${singleQuoted(match.alert)}'` : String(match.alert)}`;
}

/** Why the scaffold's events do not classify as `logType` (none when they do), as the classifier says. */
function checkClassifies(config: Config, logType: string, events: readonly unknown[]): string[] {
  const classifier = createClassifier(config);
  return events.flatMap((data) => {
    const outcome = classifier.classify({ data, source: { service: 's3', resource: 'rule-new' } }, [logType]);
    return outcome.ok ? [] : [`it does not classify as ${logType}: ${outcome.unclassified.candidates[0]?.reason ?? outcome.unclassified.reason}`];
  });
}

/** Writes `<dir>/<name>.ts` and `<dir>/<name>.json`; refuses to overwrite. */
export function scaffoldRule(ctx: CommandContext, options: RuleNewOptions): number {
  if (!RULE_NAME.test(options.name)) {
    throw new UsageError(`rule name must be snake_case (letters, digits, _), got ${JSON.stringify(options.name)}`);
  }
  const config = loadConfig(ctx.globals.config);
  const schema = config.logs[options.log];
  if (!schema) {
    throw new UsageError(`unknown log type ${JSON.stringify(options.log)}`, `configured log types: ${Object.keys(config.logs).sort().join(', ')}`);
  }
  const ruleFile = join(options.dir, `${options.name}.ts`);
  const fixtureFile = join(options.dir, `${options.name}.json`);
  for (const file of [ruleFile, fixtureFile]) {
    if (existsSync(file)) {
      throw new StreamAlertError('FileExists', `${displayPath(file)} already exists; not overwriting it`, {
        source: 'user',
        exitCode: ExitCode.Usage,
        hint: 'pick another rule name, or remove the file first',
      });
    }
  }
  const outputs = options.outputs ?? [];
  const undeclared = outputs.filter((o) => {
    const [service = '', descriptor = ''] = o.split(':', 2);
    return !Object.prototype.hasOwnProperty.call(config.outputs[service] ?? {}, descriptor);
  });
  if (undeclared.length > 0) {
    const declared = Object.entries(config.outputs).flatMap(([service, d]) => Object.keys(d).map((name) => `${service}:${name}`));
    throw new UsageError(`--outputs: ${undeclared.join(', ')} not declared in outputs.json`, `declared outputs: ${declared.join(', ') || '(none)'}; add one with streamalert output set <service> --descriptor <name>`);
  }
  const source = sourceFor(config, options.log);
  if (!source) {
    ctx.io.warn(
      `no data source in ${displayPath(join(config.dir, 'variables.json'))} carries ${options.log}, so no rule processor ever reads it and the fixture's ` +
        `source is "TODO_source": add the log type (or its family "${logFamily(options.log)}") to a cluster's data_sources, then set the fixture's "service" and "source"`,
    );
  }
  if (outputs.length === 0) ctx.io.warn(`${options.name} sends to no output: its alerts go nowhere until you add one (--outputs service:descriptor, declared in outputs.json)`);
  const field = matchField(schema);
  const alerting = sampleData(schema, field === undefined ? {} : { [field.field]: field.alert });
  const quiet = sampleData(schema, field === undefined ? {} : { [field.field]: field.quiet });
  const notes = [...new Set([alerting.note, ...checkClassifies(config, options.log, [alerting.data, quiet.data])])].filter((n): n is string => n !== undefined);
  for (const note of notes) ctx.io.warn(`the fixture's events need shaping by hand: ${note}`);
  const templates = join(packageRoot(), 'templates', 'rule');
  let runtimeRules = relative(options.dir, join(packageRoot(), 'runtime', 'rules')).split(sep).join('/');
  if (!runtimeRules.startsWith('.')) runtimeRules = `./${runtimeRules}`;
  const values = {
    name: options.name,
    log: options.log,
    description: options.description ?? `TODO: what ${options.name} detects.`,
    runtime_rules: runtimeRules,
    service: source?.service ?? 'kinesis',
    source: source?.resource ?? 'TODO_source',
    outputs: outputs.map((o) => `'${singleQuoted(o)}'`).join(', '),
    condition: conditionOf(field),
    data: json(alerting.data),
    quiet_data: json(quiet.data),
  };
  mkdirSync(dirname(ruleFile), { recursive: true });
  // User text is escaped for where it lands: a doc comment, TypeScript strings, JSON strings.
  const inRule = { ...values, description: commentText(values.description), log: singleQuoted(values.log), runtime_rules: singleQuoted(values.runtime_rules) };
  const inFixture = { ...values, name: jsonText(values.name), log: jsonText(values.log), service: jsonText(values.service), source: jsonText(values.source) };
  writeFileSync(ruleFile, fill(readFileSync(join(templates, 'rule.ts.tmpl'), 'utf8'), inRule));
  writeFileSync(fixtureFile, fill(readFileSync(join(templates, 'fixture.json.tmpl'), 'utf8'), inFixture));
  ctx.io.info(`wrote ${displayPath(ruleFile)} and ${displayPath(fixtureFile)}`);
  ctx.io.info(`next: edit both, then run: streamalert lambda test ${displayPath(fixtureFile)}`);
  ctx.io.result({ rule: displayPath(ruleFile), fixture: displayPath(fixtureFile), family: logFamily(options.log) });
  return 0;
}
