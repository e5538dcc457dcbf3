/**
 * Compiled Sigma rules: the JSON form that `lambda package` writes into the bundle (YAML is parsed and checked
 * at package time, never at cold start). Every value here is plain JSON.
 */
import type { Severity } from '../types';
import type { CorrelationSpec } from '../correlation/types';

/** How one value of a Sigma field is compared with a record value. */
export type ValueOp =
  | 'eq'
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 'glob'
  | 're'
  | 'cidr'
  | 'exists'
  | 'null'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte';

/** One comparison. `value` is a string for text ops, a number for gt..lte, a boolean for `exists`. */
export interface ValueTest {
  readonly op: ValueOp;
  readonly value: string | number | boolean | null;
  /** Case-sensitive comparison (`|cased`; always for `re` without `i`). */
  readonly cased?: boolean;
  /** Regular expression flags (`re|i|m|s`). */
  readonly flags?: string;
  /** `fieldref`: `value` names another field whose value is compared (eq, contains, startswith, endswith). */
  readonly fieldref?: boolean;
}

/** A field and the values it must match: any of them, or all of them with `|all`. */
export interface FieldTest {
  /** The Sigma field name as written in the rule (resolved per log type, see {@link CompiledSigmaRule.fields}). */
  readonly field: string;
  readonly tests: readonly ValueTest[];
  readonly all: boolean;
}

/** A named search of the detection section. */
export type Selection =
  /** Maps: every field test of one map must hold; any map of the list (a list of maps is OR). */
  | { readonly kind: 'maps'; readonly maps: readonly (readonly FieldTest[])[] }
  /** Keywords: any (or all) of the values found in any string value of the record. */
  | { readonly kind: 'keywords'; readonly tests: readonly ValueTest[]; readonly all: boolean };

/** A condition tree over the selections. */
export type Condition =
  | { readonly op: 'and' | 'or'; readonly args: readonly Condition[] }
  | { readonly op: 'not'; readonly arg: Condition }
  | { readonly op: 'ref'; readonly name: string };

/** A Sigma rule as compiled for the bundle. */
export interface CompiledSigmaRule {
  /** Rule name: the Sigma `name`, else the file name without extension (letters, digits and `_`). */
  readonly name: string;
  /** Sigma `id` ('' when the rule has none). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** File the rule came from, relative to the project. */
  readonly file: string;
  readonly severity: Severity;
  /** ATT&CK technique ids from the tags (`attack.t1078.004` -> `T1078.004`). */
  readonly attack: readonly string[];
  /** The log types the logsource maps to. */
  readonly log_types: readonly string[];
  /** Per log type: Sigma field name -> record path (keys). */
  readonly fields: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Log types whose records are searched for field names case-insensitively where no key matches exactly. */
  readonly fold_case?: readonly string[];
  readonly selections: Readonly<Record<string, Selection>>;
  readonly condition: Condition;
  readonly outputs: readonly string[];
  readonly dedup?: readonly string[];
  readonly merge_by_keys?: readonly string[];
  readonly merge_window_mins?: number;
  readonly context?: Readonly<Record<string, unknown>>;
  readonly disabled?: boolean;
  readonly staged?: boolean;
}

/** A Sigma correlation rule as compiled for the bundle: its base rules' matches are its events. */
export interface CompiledSigmaCorrelation {
  readonly name: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly file: string;
  readonly severity: Severity;
  readonly attack: readonly string[];
  /** The log types of its base rules. */
  readonly log_types: readonly string[];
  readonly correlation: CorrelationSpec;
  readonly outputs: readonly string[];
  readonly context?: Readonly<Record<string, unknown>>;
  readonly disabled?: boolean;
  readonly staged?: boolean;
}
