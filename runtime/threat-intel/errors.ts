/** Errors of threat intel. */
import { StreamAlertError } from '../errors';

/** The IOC table could not be read or written. */
export class IocTableError extends StreamAlertError {
  constructor(message: string, cause?: unknown) {
    super('IocTable', message, { source: 'aws', cause });
  }
}

/** A threat feed could not be read (HTTP status, bad body, missing credentials). */
export class ThreatFeedError extends StreamAlertError {
  /** True when trying again may help (5xx, 429, network). */
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, cause?: unknown) {
    super('ThreatFeed', message, { source: 'aws', cause });
    this.retryable = retryable;
  }
}
