/**
 * Correlation rules: detections over several events of one group within a time span. Sigma correlation rules
 * (`event_count`, `value_count`, `temporal`, `temporal_ordered`) and the TypeScript `threshold` option compile to
 * one {@link CorrelationSpec}, decided by one engine over one state store.
 */

/** Sigma correlation types. */
export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

/** When a group's window fires: its count (events, or distinct values of `field`) compared with `count`. */
export interface CorrelationCondition {
  readonly op: 'gt' | 'gte' | 'eq';
  readonly count: number;
  /** `value_count`: the field whose distinct values are counted. */
  readonly field?: string;
}

/** A correlation as the engine runs it (plain JSON, embedded in the bundle for Sigma rules). */
export interface CorrelationSpec {
  readonly type: CorrelationType;
  /** Names of the rules whose matches are the events (in order, for `temporal_ordered`). */
  readonly rules: readonly string[];
  /** Field names whose values form the group ([] for one group). */
  readonly group_by: readonly string[];
  /**
   * Where each field (group-by and the counted field) is, per base rule and log type; a field missing here is
   * read as a dotted path of the record.
   */
  readonly paths?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>>>;
  readonly timespan_ms: number;
  readonly condition: CorrelationCondition;
  /** The base rules also alert on their own (Sigma `generate`). */
  readonly generate: boolean;
  /** Record field holding the event time (dotted); else the log type's known time field; else the arrival time. */
  readonly time_field?: string;
}

/**
 * The `threshold` option of a TypeScript rule: the rule alerts when it matched `count` times within `within` for
 * one group, instead of on every match.
 *
 * @example
 * ```ts
 * rule({ logs: ['cloudtrail:events'], threshold: { count: 10, within: '5m', by: ['sourceIPAddress'] } })(
 *   function console_login_failures(rec) {
 *     return rec.eventName === 'ConsoleLogin' && rec.responseElements?.ConsoleLogin === 'Failure';
 *   },
 * );
 * ```
 */
export interface ThresholdOptions {
  /** Matches needed within `within` (the alert fires at the `count`-th, then counting starts afresh). */
  readonly count: number;
  /** Time span: a number of seconds, or '30s', '5m', '1h', '1d'. */
  readonly within: string | number;
  /** Dotted record paths whose values form the group. @default [] (one group) */
  readonly by?: readonly string[];
  /** Count distinct values of this dotted path instead of matches (a value count). */
  readonly distinct?: string;
  /** Dotted path of the event time. @default the log type's known time field, else the arrival time */
  readonly time_field?: string;
}

/** One event of a group as the store keeps it. */
export interface CorrelationEvent {
  /** Record identity (hash of log type and record): a retried batch stores it once. */
  readonly id: string;
  /** Event time, epoch milliseconds. */
  readonly t: number;
  /** The base rule that matched. */
  readonly rule: string;
  /** `value_count`: the counted values (canonical JSON; each element when the field holds a list). */
  readonly values?: readonly string[];
  /** The record as JSON, when small enough to keep (see MAX_KEPT_RECORD_BYTES). */
  readonly record?: string;
}

/** The last firing of a group: events up to `through` are used up. */
export interface CorrelationMarker {
  readonly through: number;
  /** Id of the event that fired: the same event seen again (a retried batch) gives the same alert again. */
  readonly trigger: string;
}

/** A group's events in the window and its marker. */
export interface CorrelationState {
  readonly events: readonly CorrelationEvent[];
  readonly marker?: CorrelationMarker;
}

/** Correlation state, in memory (local runs) or in DynamoDB (deployed). */
export interface CorrelationStore {
  /** Adds an event to a group (idempotent by id) and returns the group's state with events from `windowStart`. */
  add(group: string, event: CorrelationEvent, windowStart: number, ttlSeconds: number): Promise<CorrelationState> | CorrelationState;
  /** Moves the group's marker from `expected` to `next`; false when another writer moved it first. */
  fire(group: string, expected: CorrelationMarker | undefined, next: CorrelationMarker, ttlSeconds: number): Promise<boolean> | boolean;
}
