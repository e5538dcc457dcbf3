/**
 * Types of the rule-author API: rule options, rule definitions, matchers, and the alert a rule produces.
 */
import type { ClassifiedRecord, RecordSource } from '../classifier/types';
import type { AlertPublishers, PublisherSpec } from '../publishers/types';
import type { CorrelationSpec, ThresholdOptions } from './correlation/types';

/**
 * Log type name -> record type. Empty here; `streamalert types generate` writes `rules/types.generated.ts`,
 * which augments this interface for every configured log type, so `rule<'cloudtrail:events'>(...)` knows the
 * record's fields.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LogTypes {}

/** Any classified record, when its log type has no generated type. */
export type AnyRecord = Readonly<Record<string, unknown>>;

/** The record type of a log type: the generated one when known, else {@link AnyRecord}. */
export type RecordOf<L extends string> = L extends keyof LogTypes ? LogTypes[L] : AnyRecord;

/** Alert severity, from least to most urgent. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** A rule or matcher body: true means "this record matches". Second argument: the classified record. */
export type RuleFunction<R = AnyRecord> = (record: R, event: ClassifiedRecord) => boolean;

/** A named, reusable predicate that rules list in `matchers`; its name is the function's name. */
export type Matcher<R = AnyRecord> = RuleFunction<R>;

/** Computes extra outputs for one record (`dynamic_outputs`). */
export type DynamicOutput<R = AnyRecord> = (record: R) => string | readonly string[] | null | undefined;

/** Options of {@link rule}. Every option is optional; a rule with neither `logs` nor `datatypes` never runs. */
export interface RuleOptions<R = AnyRecord> {
  /** Log types the rule runs on ('cloudtrail:events'); a bare family ('cloudtrail') means all of its types. */
  readonly logs?: readonly string[];
  /**
   * Normalized types the rule reads ('sourceAddress'): it runs on any record that has at least one of them.
   * (StreamAlert ran such rules on every record; a rule that reads only these types decides the same.)
   */
  readonly datatypes?: readonly string[];
  /** Static outputs ('slack:security'). */
  readonly outputs?: readonly string[];
  /** Functions that add outputs for one record; an exception is logged and adds nothing. */
  readonly dynamic_outputs?: readonly DynamicOutput<R>[];
  /** Matchers that must all pass before the rule runs (declare them with `matcher()`, typed by their own record). */
  readonly matchers?: readonly Matcher<never>[];
  /** Keys that must exist (and be non-empty maps) with these subkeys, or the rule is skipped for the record. */
  readonly req_subkeys?: Readonly<Record<string, readonly string[]>>;
  /** Alerts with equal values at these keys are merged by the alert merger. */
  readonly merge_by_keys?: readonly string[];
  /** Merge window, in minutes. @default 0 (no merging) */
  readonly merge_window_mins?: number;
  /** Free-form context carried with every alert (for outputs and publishers). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** @default 'medium' */
  readonly severity?: Severity;
  /** Alert title: a string or a function of the record. @default the rule name */
  readonly title?: string | ((record: R) => string);
  /**
   * Record keys (dotted paths) whose values identify an alert. When set, `alert_id` hashes the rule name,
   * log type and these values only, so re-sent copies of an event that differ elsewhere page once.
   * @default the whole record
   */
  readonly dedup?: readonly string[];
  /**
   * Publishers that reshape what outputs receive: a list for every output, or per `service` /
   * `service:descriptor` (service ones run first). Declare them with `publisher(name, fn)`; a registered
   * name (a string) works too. @default the default publisher (the whole alert)
   */
  readonly publishers?: PublisherSpec;
  /**
   * MITRE ATT&CK technique ids the rule detects ('T1562.008'), carried on every alert (`attack`) and
   * counted by `streamalert rule coverage`.
   */
  readonly attack?: readonly string[];
  /**
   * Alert only when the rule matched `count` times within `within` for one group (`by`), or saw `count` distinct
   * values of `distinct`: a correlation whose state lives in DynamoDB in AWS and in memory locally.
   */
  readonly threshold?: ThresholdOptions;
  /** A Sigma correlation rule (set by the compiled rule; it matches no record itself). */
  readonly correlation?: CorrelationSpec;
  /** Overrides the description taken from the rule's doc comment. */
  readonly description?: string;
  /** Keep the rule in the code but off. Same as wrapping it with `disable(...)`. */
  readonly disabled?: boolean;
  /**
   * Rule staging (`global.rule_staging.enabled`): `false` registers the rule as promoted on its first deploy,
   * so its alerts reach its outputs at once. @default true (a new rule is staged)
   */
  readonly staged?: boolean;
}

/** A registered rule. */
export interface RuleDefinition {
  readonly name: string;
  readonly description: string;
  /** Rule file, as given at bundle time ('' when unknown). */
  readonly file: string;
  readonly options: RuleOptions<never>;
  readonly fn: RuleFunction<never>;
  readonly disabled: boolean;
}

/** Where an alert's record came from. */
export interface AlertLogSource {
  readonly service: RecordSource['service'];
  readonly resource: string;
}

/** An alert: one rule matched one record. */
export interface Alert {
  /** Deterministic: the same rule, log type and record (or dedup values) always give the same id. */
  readonly alert_id: string;
  readonly rule_name: string;
  readonly rule_description: string;
  readonly severity: Severity;
  /**
   * True when the rule declared its severity. Paging outputs page a rule without one at `critical`, as
   * StreamAlert always did, so a ported rule keeps waking people. Absent on alerts stored before it existed.
   */
  readonly severity_declared?: boolean;
  readonly title: string;
  readonly log_type: string;
  /** Parser of the log type (`json`, `csv`, `kv`, `syslog`, `spaced`): StreamAlert's `log_type` in publications. */
  readonly parser?: string;
  readonly log_source: AlertLogSource;
  readonly cluster: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly outputs: readonly string[];
  readonly context: Readonly<Record<string, unknown>>;
  readonly merge_by_keys: readonly string[];
  readonly merge_window_mins: number;
  /** Names of the publishers per output, as the rule declared them. */
  readonly publishers?: AlertPublishers;
  /** ATT&CK technique ids of the rule (absent when it names none). */
  readonly attack?: readonly string[];
  /** ISO-8601 time the alert was created. */
  readonly created: string;
  /** The rule was staged: the alert goes to the staging output only (set by the rule processor's staging sink). */
  readonly staged?: boolean;
}
