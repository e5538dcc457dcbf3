import type { Ioc } from '../../runtime/threat-intel';
import type { AlertPublications, PublisherTests } from './publisher-tests';

/** Types of `streamalert lambda test`: fixtures, test events, results. */
import type { LogService } from '../../runtime/config';

/** Fixture file formats: StreamAlert v3 (a JSON list) and 1.x (`{"records": [...]}`). */
export type FixtureFormat = 'v3' | '1.x';

/** Table name -> key -> value, from a v3 event's `test_fixtures.lookup_tables`. */
export type FixtureLookupTables = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** One test event, in one shape whatever the fixture format. */
export interface TestEvent {
  /** Fixture file, as shown to the user. */
  readonly file: string;
  /** Position in the file's list (0-based). */
  readonly index: number;
  readonly format: FixtureFormat;
  readonly description: string;
  /** Expected log type; absent for 1.x records without `log`. */
  readonly log?: string;
  readonly service: LogService;
  readonly source: string;
  /** The event's `data` (time helpers filled in); absent when `override_record` is used. */
  readonly data?: unknown;
  /** v3 `override_record`: fields over a record of the schema's default values. */
  readonly overrideRecord?: Readonly<Record<string, unknown>>;
  /** Rules expected to fire (v3 `trigger_rules`, 1.x `trigger_rules` when present). */
  readonly expectedRules?: readonly string[];
  /** 1.x `trigger` without `trigger_rules`: whether any alert is expected. */
  readonly expectTrigger?: boolean;
  /** 1.x `trigger_count`: how many alerts. */
  readonly triggerCount?: number;
  readonly classifyOnly: boolean;
  /** 1.x `compress`: Kinesis data gzip-compressed. */
  readonly compress: boolean;
  readonly lookupTables: FixtureLookupTables;
  /** `test_fixtures.threat_intel`: the indicators the IOC table holds for this event (StreamAlert's mock). */
  readonly threatIntel?: readonly Ioc[];
  /** v3 `publisher_tests`: checks on what each output would receive after the publishers. */
  readonly publisherTests?: PublisherTests;
}

/** A fixture file (or one event in it) that could not be read. Errors fail the run; warnings do not. */
export interface FixtureProblem {
  readonly file: string;
  readonly index?: number;
  readonly level: 'error' | 'warn';
  readonly reason: string;
}

/** Result of loading fixture paths. */
export interface LoadedFixtures {
  /** Fixture files read (display paths), in order. */
  readonly files: readonly string[];
  readonly events: readonly TestEvent[];
  readonly problems: readonly FixtureProblem[];
}

/** The outcome of one test event. */
export interface TestResult {
  readonly file: string;
  readonly index: number;
  readonly description: string;
  readonly service: string;
  readonly source: string;
  readonly cluster?: string;
  readonly passed: boolean;
  readonly expectedLog?: string;
  /** Log types the records of the event classified as (one per record). */
  readonly actualLogs: readonly string[];
  /** Expected rules, without the disabled ones. */
  readonly expectedRules: readonly string[];
  readonly actualRules: readonly string[];
  readonly missingRules: readonly string[];
  readonly unexpectedRules: readonly string[];
  /** Expected rules that are disabled (left out of the comparison). */
  readonly disabledRules: readonly string[];
  readonly classifyOnly: boolean;
  /** Why the test failed, in one line per reason. */
  readonly reasons: readonly string[];
  readonly alerts: number;
  /** What every output of each alert would receive after its publishers (nothing is sent). */
  readonly publications?: readonly AlertPublications[];
}

/** The whole run. */
export interface TestRunSummary {
  readonly files: readonly string[];
  readonly results: readonly TestResult[];
  readonly problems: readonly FixtureProblem[];
  readonly passed: number;
  readonly failed: number;
  /** Enabled rules that no test event names. */
  readonly rulesWithoutTests: readonly string[];
  readonly disabledRules: readonly string[];
  /**
   * Enabled rules whose alerts go nowhere: no outputs at all, or an output outputs.json does not declare
   * (warnings: the tests still pass, `config validate` refuses the undeclared ones).
   */
  readonly outputWarnings?: readonly string[];
  /** 0 when at least one test ran and all passed (and no fixture failed to load), else 4. */
  readonly exitCode: 0 | 4;
}
