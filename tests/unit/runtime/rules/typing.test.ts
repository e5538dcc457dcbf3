/**
 * Typed records: with rules/types.generated.d.ts (from `streamalert types generate`), `rule<'log:type'>`
 * types the record, so a misspelled field is a compile error. `npm test` type checks this file; the
 * `@ts-expect-error` lines fail the type check if the error ever goes away.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { clearRules, loadRules, rule } from '../../../../runtime/rules';

afterEach(() => clearRules());

describe('typed rule records', () => {
  it('types the record from the log type, in both forms', () => {
    rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'] })(function typed_curried(rec) {
      // @ts-expect-error misspelled field of cloudtrail:events
      void rec.eventNam;
      return rec.eventName === 'StopLogging';
    });
    rule({ logs: ['duo:authentication'] }, function typed_inferred(rec) {
      // @ts-expect-error misspelled field of duo:authentication, the type inferred from `logs`
      void rec.resul;
      const country: unknown = rec.location.country;
      return rec.result === 'FAILURE' && country === 'FR';
    });
    expect(loadRules().map((r) => r.name)).toEqual(['typed_curried', 'typed_inferred']);
  });
});
