/** A failed step of a deploy or rollback, carrying the step name and the AWS error. */
import { ExitCode, StreamAlertError } from '../../runtime/errors';
import { describeAwsError } from '../aws';

/** One step of one function failed; caught per function and reported in the summary. */
export class StepError<S extends string = string> extends StreamAlertError {
  readonly step: S;
  readonly functionName: string;
  /** The error alone, without function and step. */
  readonly detail: string;

  constructor(functionName: string, step: S, detail: string, cause?: unknown) {
    super('DeployStepFailed', `${functionName}: ${step}: ${detail}`, { source: 'aws', exitCode: ExitCode.Runtime, cause });
    this.step = step;
    this.functionName = functionName;
    this.detail = detail;
  }
}

/**
 * Runs one step, turning any error into a {@link StepError} naming the function, step and AWS error.
 * Credential errors pass through untouched: every function would fail the same way.
 */
export async function step<S extends string, T>(
  functionName: string,
  name: S,
  work: () => Promise<T>,
  isFatal: (err: unknown) => boolean,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StepError || isFatal(err)) throw err;
    throw new StepError(functionName, name, describeAwsError(err), err);
  }
}
