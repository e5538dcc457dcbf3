/**
 * `lambda test`: runs each test event through the deployed rule processor code of the cluster that reads its
 * source (bundle built with the deploy bundler, loaded in this process), with S3 objects in memory.
 */
import type { ClassifiedRecord, UnclassifiedRecord } from '../../runtime/classifier/types';
import { createClassifier } from '../../runtime/classifier';
import type { Config } from '../../runtime/config';
import { errorMessage, UsageError } from '../../runtime/errors';
import { closest } from '../../runtime/config/validate';
import { silentLogger, type Logger } from '../../runtime/logger';
import type { RuleDefinition, RulesEngine } from '../../runtime/rules';
import { createThreatIntel, memoryIocSource, type Ioc } from '../../runtime/threat-intel';
import { createCapturingAlertSink } from '../../runtime/alerts/sink';
import { createMemoryCorrelationStore, type CorrelationStore } from '../../runtime/rules/correlation';
import { checkPublications, publicationsOf } from './publisher-tests';
import { loadBundledFunction, type BundleExports } from './bundled-function';
import { captureDeadLetters } from './captured-dead-letters';
import { judge, type Observed } from './compare';
import { buildLambdaEvent } from './events';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { overrideRecord } from './override-record';
import { sourceFor } from './scaffold';
import { ruleOutputProblems } from '../config/rule-outputs';
import type { FixtureProblem, LoadedFixtures, TestEvent, TestResult, TestRunSummary } from './types';

/** Options of {@link runTests}. */
export interface RunTestsOptions {
  readonly config: Config;
  readonly rulesDir: string;
  readonly fixtures: LoadedFixtures;
  /** Type check rules before bundling. @default true */
  readonly typecheck?: boolean;
  /** Called after each test (progress). */
  readonly onResult?: (result: TestResult) => void;
  /** Rules named by any fixture, before filtering, for "rules without a test event". @default none listed */
  readonly namedRules?: ReadonlySet<string>;
  /** Loads a cluster's function. @default loadBundledFunction */
  readonly load?: typeof loadBundledFunction;
  /**
   * Run only these rules (`--rules`, as StreamAlert's `--test-rules`), with the base rules the named correlation
   * rules need; the other rules do not run, so they neither fire nor count as missing. @default every rule
   */
  readonly onlyRules?: readonly string[];
  /** Receives the bundler's warnings (each cluster's bundle gives the same ones). @default none */
  readonly onWarning?: (message: string) => void;
}

/** The rules to run: all, or the named ones and the base rules of named correlations. */
export function selectRules(rules: readonly RuleDefinition[], only: readonly string[] | undefined): RuleDefinition[] {
  if (only === undefined || only.length === 0) return [...rules];
  const known = rules.map((r) => r.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const near = unknown.map((name) => closest(name, known)).filter((n): n is string => n !== undefined);
    throw new UsageError(`--rules names no rule: ${unknown.join(', ')}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`);
  }
  const names = new Set(only);
  for (const r of rules) if (names.has(r.name)) for (const base of r.options.correlation?.rules ?? []) names.add(base);
  return rules.filter((r) => names.has(r.name));
}

interface LoadedCluster {
  readonly name: string;
  readonly bundle: BundleExports;
  readonly rules: readonly RuleDefinition[];
  readonly store: MemoryStore;
  readonly run: (event: TestEvent, lambdaEvent: unknown) => Promise<Observed>;
}

/** The cluster whose data_sources list the event's source. */
function clusterFor(config: Config, event: TestEvent): string | undefined {
  return Object.values(config.clusters).find((c) => c.data_sources[event.service]?.[event.source] !== undefined)?.name;
}

async function loadCluster(options: RunTestsOptions, name: string, typecheck: boolean, correlationStore: CorrelationStore): Promise<LoadedCluster> {
  const load = options.load ?? loadBundledFunction;
  const bundle = await load({ config: options.config, cluster: name, rulesDir: options.rulesDir, typecheck, onWarning: options.onWarning });
  const rules = selectRules(bundle.loadRules(), options.onlyRules);
  const store: MemoryStore = createMemoryStore();
  const seen = { logTypes: [] as string[] };
  // Alerts reach lambda test the way they reach the table in Lambda: through the handler's alert sink.
  const captured = createCapturingAlertSink();
  const correlation = { store: correlationStore, immediate: true };
  let engine: RulesEngine = bundle.createRulesEngine({ rules, cluster: name, correlation });
  const evaluator = {
    evaluate(record: ClassifiedRecord) {
      const alerts = engine.evaluate(record);
      seen.logTypes.push(record.log_type);
      return alerts;
    },
  };
  const deadLetters = captureDeadLetters();
  // Indicators of the event being run (its test_fixtures.threat_intel), matched as the deployed function would.
  let iocs: readonly Ioc[] = [];
  const enrich = fixtureThreatIntel(options.config, () => iocs);
  const handler = bundle.createHandler({ getObject: store.getObject, evaluator, logger: silentLogger, enrich, deadLetter: deadLetters, alerts: captured });
  let id = 0;
  const run = async (event: TestEvent, lambdaEvent: unknown): Promise<Observed> => {
    const ruleErrors: string[] = [];
    // One correlation store for the whole run: a threshold fixture's events are separate test events, in order.
    engine = bundle.createRulesEngine({ rules, cluster: name, lookupTables: event.lookupTables, logger: ruleErrorLogger(ruleErrors), correlation });
    seen.logTypes = [];
    captured.clear();
    iocs = event.threatIntel ?? [];
    id += 1;
    deadLetters.take();
    try {
      await handler(lambdaEvent, { functionName: `streamalert-test-${name}`, awsRequestId: `test-${id}`, getRemainingTimeInMillis: () => 60_000 });
    } catch (err) {
      return { cluster: name, logTypes: [], alertRules: [], problems: [], error: `the rule processor failed: ${errorMessage(err)}` };
    }
    const problems = deadLetters.take().map((entry) => (entry.kind === 'unclassified' ? whyUnclassified(entry, event.log) : entry.reason));
    const alerts = captured.alerts;
    const publications = alerts.map((alert) => publicationsOf(alert, bundle.composePublication));
    const publisherFailures = event.publisherTests ? checkPublications(publications, event.publisherTests) : [];
    return { cluster: name, logTypes: [...seen.logTypes], alertRules: alerts.map((a) => a.rule_name), problems, ruleErrors, publications, publisherFailures };
  };
  return { name, bundle, rules, store, run };
}

/**
 * Threat intel over a fixture's indicators, with the configuration's `normalized_ioc_types` and exclusions.
 * It runs even when threat_intel.json is disabled: an event that mocks indicators asks for them.
 */
function fixtureThreatIntel(config: Config, current: () => readonly Ioc[]): (records: readonly ClassifiedRecord[]) => Promise<void> {
  return async (records) => {
    const iocs = current();
    if (iocs.length === 0) return;
    await createThreatIntel({ config: config.threat_intel, source: memoryIocSource(iocs), logger: silentLogger })(records);
  };
}

/** A logger that keeps the engine's error lines ("rule X: matcher 'm' threw ...") for the report. */
function ruleErrorLogger(into: string[]): Logger {
  return {
    ...silentLogger,
    error: (message, fields) => into.push(`rule ${String(fields?.rule)}: ${message}: ${String(fields?.error)}`),
  };
}

/** Why a record was not classified, with the expected log type's own failure when it was a candidate. */
function whyUnclassified(record: Pick<UnclassifiedRecord, 'reason' | 'candidates'>, expected: string | undefined): string {
  const own = record.candidates.find((c) => c.log_type === expected);
  if (own) return `${record.reason}; as ${own.log_type}: ${own.reason}`;
  const tried = record.candidates.map((c) => c.log_type).join(', ');
  return tried === '' ? record.reason : `${record.reason} (tried ${tried})`;
}

/**
 * Why the data of a test event that classified as another log type does not fit the expected one, as the
 * classifier says when it tries that type alone (a flat CloudTrail event: json_path "Records[*]" selected nothing).
 */
function whyNotExpected(config: Config, logType: string, data: unknown): string[] {
  if (config.logs[logType] === undefined) return [];
  const lines = typeof data === 'string' ? data.split('\n').filter((l) => l.trim() !== '') : [data];
  const classifier = createClassifier(config);
  for (const line of lines) {
    const outcome = classifier.classify({ data: line, source: { service: 's3', resource: 'lambda-test' } }, [logType]);
    if (!outcome.ok) return [outcome.unclassified.candidates[0]?.reason ?? outcome.unclassified.reason];
  }
  return [];
}

function dataOf(config: Config, event: TestEvent): unknown {
  if (event.data !== undefined) return event.data;
  // As StreamAlert's harness: the defaults are the envelope's when the schema has one (the record is inside it).
  const log = event.log !== undefined ? config.logs[event.log] : undefined;
  return overrideRecord(log?.configuration.envelope_keys ?? log?.schema ?? {}, event.overrideRecord ?? {});
}

/** Runs every test event and summarises. */
export async function runTests(options: RunTestsOptions): Promise<TestRunSummary> {
  const { config, fixtures } = options;
  const clusters = new Map<string, LoadedCluster>();
  const results: TestResult[] = [];
  let counter = 0;
  const clusterNames = [...new Set(fixtures.events.map((e) => clusterFor(config, e)).filter((c): c is string => c !== undefined))];
  // Rules are the same in every cluster's bundle: load at least one so rules without tests are listed.
  if (clusterNames.length === 0 && Object.keys(config.clusters)[0] !== undefined) clusterNames.push(Object.keys(config.clusters)[0] as string);
  // Correlation state is shared by every cluster, as the deployed functions share the correlation table.
  const correlationStore = createMemoryCorrelationStore();
  for (const [i, name] of clusterNames.entries()) clusters.set(name, await loadCluster(options, name, options.typecheck !== false && i === 0, correlationStore));
  const rules = [...clusters.values()][0]?.rules ?? [];
  const disabled = new Set(rules.filter((r) => r.disabled).map((r) => r.name));

  for (const event of fixtures.events) {
    const name = clusterFor(config, event);
    const cluster = name === undefined ? undefined : clusters.get(name);
    let observed: Observed;
    if (!cluster) {
      const carried = event.log === undefined || config.logs[event.log] === undefined || sourceFor(config, event.log) !== undefined;
      const hint = carried ? '' : `; no data source carries ${event.log}: add it to a cluster's data_sources in variables.json, then name that source in the fixture`;
      observed = { logTypes: [], alertRules: [], problems: [], error: `source "${event.source}" is not in the ${event.service} data_sources of any cluster${hint}` };
    } else {
      counter += 1;
      const c = config.clusters[cluster.name];
      const lambdaEvent = buildLambdaEvent(
        { service: event.service, source: event.source, data: dataOf(config, event), compress: event.compress, id: counter, account: config.account.id, region: c?.region ?? config.account.region, now: new Date() },
        cluster.store,
      );
      observed = await cluster.run(event, lambdaEvent);
      if (event.log !== undefined && observed.logTypes.some((l) => l !== event.log)) {
        observed = { ...observed, problems: [...observed.problems, ...whyNotExpected(config, event.log, dataOf(config, event))] };
      }
    }
    const result = judge(event, observed, disabled, { rules: rules.map((r) => r.name), logTypes: Object.keys(config.logs) });
    results.push(result);
    options.onResult?.(result);
  }
  return { ...summarise(fixtures, results, rules, options.namedRules), outputWarnings: outputWarnings(config, rules) };
}

/** Rules that alert nowhere: no outputs (nor dynamic ones), or outputs that outputs.json does not declare. */
function outputWarnings(config: Config, rules: readonly RuleDefinition[]): string[] {
  const enabled = rules.filter((r) => !r.disabled);
  const silent = enabled
    .filter((r) => (r.options.outputs ?? []).length === 0 && (r.options.dynamic_outputs ?? []).length === 0)
    .map((r) => `rule ${r.name} has no outputs: its alerts go nowhere (add outputs: ['service:descriptor'])`);
  const undeclared = ruleOutputProblems(config, enabled, 'outputs.json').map((p) => `${p.message}${p.hint === undefined ? '' : ` (${p.hint})`}`);
  return [...silent, ...undeclared];
}

function summarise(
  fixtures: LoadedFixtures,
  results: readonly TestResult[],
  rules: readonly RuleDefinition[],
  namedRules?: ReadonlySet<string>,
): TestRunSummary {
  // A base rule that only feeds correlations is tested by the correlations' test events.
  const feeds = (r: RuleDefinition) => rules.some((c) => namedRules?.has(c.name) && c.options.correlation?.rules.includes(r.name));
  const untested = namedRules ? rules.filter((r) => !r.disabled && !namedRules.has(r.name) && !feeds(r)).map((r) => r.name).sort() : [];
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  const loadErrors = fixtures.problems.filter((p: FixtureProblem) => p.level === 'error').length;
  return {
    files: fixtures.files,
    results,
    problems: fixtures.problems,
    passed,
    failed,
    rulesWithoutTests: untested,
    disabledRules: rules.filter((r) => r.disabled).map((r) => r.name).sort(),
    exitCode: results.length > 0 && failed === 0 && loadErrors === 0 ? 0 : 4,
  };
}
