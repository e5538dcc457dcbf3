/** Errors of the rules feature. */
import { ExitCode, StreamAlertError } from '../errors';

/** A rule is defined wrongly (no name, two rules with one name, a bad option). Found at load time. */
export class RuleDefinitionError extends StreamAlertError {
  constructor(message: string, hint?: string) {
    super('RuleDefinition', message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}

/** The Python exception a StreamAlert rule would have raised on the same record. */
export type PythonErrorKind = 'KeyError' | 'TypeError' | 'AttributeError' | 'ValueError' | 'IndexError';

/**
 * A rule or matcher read a record that does not have the shape it expects: where StreamAlert's Python rule
 * raised (a missing key, an attribute of `None`, ...), the ported rule throws this. The engine counts it as
 * no match, as StreamAlert did, and logs it at debug level only: it describes the record, not a broken rule.
 */
export class RecordShapeError extends StreamAlertError {
  /** The Python exception StreamAlert would have raised. */
  readonly pythonError: PythonErrorKind;

  constructor(pythonError: PythonErrorKind, message: string) {
    super('RecordShape', `${pythonError}: ${message}`, { source: 'user', exitCode: ExitCode.Runtime });
    this.pythonError = pythonError;
  }
}

/** True for a {@link RecordShapeError}, also when it comes from another copy of this module (rule bundles). */
export function isRecordShapeError(err: unknown): err is RecordShapeError {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'RecordShape';
}
