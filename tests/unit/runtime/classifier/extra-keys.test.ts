/**
 * `extra_keys`: "reject" (StreamAlert's exact key sets, the default) against "keep" (declared keys decide and are
 * coerced, undeclared keys are kept), and how priority and specificity settle a record two types accept.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createClassifier } from '../../../../runtime/classifier';
import { loadConfig } from '../../../../runtime/config';
import { ADDED_KEYS, driftedCloudTrailEvent } from '../../../_helpers/drifted-cloudtrail';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { classifierWith, classify, configWith, CORPUS_SCHEMAS_DIR, only, reasonFor } from './classifier-helpers';
import { itWithCorpus } from '../../../_helpers/corpus';

const payload = JSON.stringify({ Records: [driftedCloudTrailEvent()] });

describe('a CloudTrail record with three keys its schema does not list', () => {
  it('classifies under the bundled schema (extra_keys keep) and keeps the three keys in the record', () => {
    const classifier = createClassifier(loadConfig(DEFAULT_CONF_DIR));
    const outcome = classify(classifier, payload, ['cloudtrail:events']);
    const record = only(outcome);
    expect(outcome).toMatchObject({ ok: true, log_type: 'cloudtrail:events' });
    expect(record).toMatchObject(ADDED_KEYS);
    // Declared keys are still coerced: the documented "true" string is a boolean.
    expect(record.sessionCredentialFromConsole).toBe(true);
  });

  itWithCorpus('is unclassified under the imported StreamAlert v3.5 schema, the reason naming the three keys', () => {
    const classifier = createClassifier(configWith({}, [join(CORPUS_SCHEMAS_DIR, 'cloudtrail.json')]));
    const outcome = classify(classifier, payload, ['cloudtrail:events']);
    expect(outcome.ok).toBe(false);
    const reason = reasonFor(outcome, 'cloudtrail:events');
    for (const key of Object.keys(ADDED_KEYS)) expect(reason).toContain(`"${key}"`);
    expect(reason).toContain('unexpected keys');
    expect(reason).toContain('extra_keys');
  });
});

const tolerant = (schema: Record<string, unknown>, configuration: Record<string, unknown> = {}) => ({
  parser: 'json',
  schema,
  configuration: { extra_keys: 'keep', ...configuration },
});

describe('extra_keys keep', () => {
  it('still requires the declared keys and coerces their types', () => {
    const classifier = classifierWith({ 'x:t': tolerant({ id: 'integer', name: 'string' }) });
    expect(only(classify(classifier, { id: '42', name: 'a', extra: [1] }))).toEqual({ id: 42, name: 'a', extra: [1] });
    expect(reasonFor(classify(classifier, { name: 'a', extra: 1 }), 'x:t')).toContain('missing keys "id"');
    expect(reasonFor(classify(classifier, { id: 'x', name: 'a' }), 'x:t')).toContain('field "id" is not an integer');
  });

  it('applies to nested maps of the schema too', () => {
    const classifier = classifierWith({ 'x:t': tolerant({ id: 'string', user: { name: 'string' } }) });
    expect(only(classify(classifier, { id: 'a', user: { name: 'b', mfa: true } }))).toEqual({ id: 'a', user: { name: 'b', mfa: true } });
  });

  it('is off by default: an undeclared key fails the match', () => {
    const classifier = classifierWith({ 'x:t': { parser: 'json', schema: { id: 'string' } } });
    expect(reasonFor(classify(classifier, { id: 'a', extra: 1 }), 'x:t')).toContain('unexpected keys "extra"');
  });
});

describe('a record two log types accept', () => {
  const record = { id: 'a', user: 'u', action: 'login' };

  it('goes to the tolerant type that leaves fewer keys undeclared, whatever the declaration order', () => {
    const classifier = classifierWith({ 'x:loose': tolerant({ id: 'string' }), 'x:closer': tolerant({ id: 'string', user: 'string' }) });
    expect(classify(classifier, record)).toMatchObject({ ok: true, log_type: 'x:closer' });
    expect(classify(classifier, record, ['x:closer', 'x:loose'])).toMatchObject({ log_type: 'x:closer' });
  });

  it('goes to the first declared when both leave as many keys undeclared', () => {
    const classifier = classifierWith({ 'x:one': tolerant({ id: 'string', user: 'string' }), 'x:two': tolerant({ id: 'string', action: 'string' }) });
    expect(classify(classifier, record)).toMatchObject({ log_type: 'x:one' });
  });

  it('goes to the lower priority number before specificity is considered', () => {
    const classifier = classifierWith({
      'x:closer': tolerant({ id: 'string', user: 'string' }),
      'x:first': tolerant({ id: 'string' }, { priority: 1 }),
    });
    expect(classify(classifier, record)).toMatchObject({ log_type: 'x:first' });
  });

  it('goes to an exact schema before a tolerant one of the same priority', () => {
    const classifier = classifierWith({
      'x:tolerant': tolerant({ id: 'string', user: 'string' }),
      'x:exact': { parser: 'json', schema: { id: 'string', user: 'string', action: 'string' } },
    });
    expect(classify(classifier, record)).toMatchObject({ log_type: 'x:exact' });
  });
});
