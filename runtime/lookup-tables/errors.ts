/** Errors of the lookup tables feature. */
import { StreamAlertError } from '../errors';

/** A backing store returned something that is not a table (not a JSON object, bad gzip...). */
export class LookupTableFormatError extends StreamAlertError {
  constructor(where: string, reason: string) {
    super('LookupTableFormat', `${where}: ${reason}`, { source: 'user', hint: 'an S3-backed table is one JSON object of key -> value' });
  }
}
