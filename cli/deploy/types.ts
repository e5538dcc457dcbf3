/** Results of `lambda deploy` and `lambda rollback`, per function. */

/** Steps of a deploy, in order; a failure names the step it happened in. */
export type DeployStep = 'read' | 'upload' | 'update' | 'wait' | 'publish' | 'alias';
/** Steps of a rollback. */
export type RollbackStep = 'read' | 'list' | 'choose' | 'alias';

/** A failure of one function: which step, and the AWS error. */
export interface StepFailure<S extends string> {
  readonly step: S;
  readonly message: string;
}

/** Reports progress: one call per function and step. */
export type StepReporter = (functionName: string, step: string, detail?: string) => void;

/** What happened to one function in a deploy. */
export interface DeployOutcome {
  readonly function: string;
  readonly cluster: string;
  readonly region: string;
  /** `planned` in a dry run; `unchanged` when the alias already runs this code. */
  readonly status: 'deployed' | 'unchanged' | 'planned' | 'failed';
  /** SHA-256 of the package, hex. */
  readonly sha256: string;
  readonly bucket: string;
  readonly key: string;
  /** Version the alias pointed at before (still points at, unless deployed). */
  readonly oldVersion?: string;
  readonly newVersion?: string;
  /** False when the package was already in the bucket. */
  readonly uploaded?: boolean;
  readonly error?: StepFailure<DeployStep>;
}

/** What happened to one function in a rollback. */
export interface RollbackOutcome {
  readonly function: string;
  readonly cluster: string;
  readonly region: string;
  readonly status: 'rolled back' | 'failed';
  readonly fromVersion?: string;
  readonly toVersion?: string;
  readonly error?: StepFailure<RollbackStep>;
}
