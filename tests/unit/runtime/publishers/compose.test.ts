import {
  clearPublishers,
  composePublication,
  DEFAULT_PUBLISHER_NAME,
  defaultPublication,
  publisher,
  PublisherError,
  publisherNamesOf,
  publishersForOutput,
} from '../../../../runtime/publishers';
import type { Alert } from '../../../../runtime/rules';

const baseAlert: Alert = {
  alert_id: 'a1',
  rule_name: 'my_rule',
  rule_description: 'desc',
  severity: 'high',
  title: 'my title',
  log_type: 'cloudwatch:events',
  log_source: { service: 'kinesis', resource: 'prefix_cluster1_streamalert' },
  cluster: 'prod',
  record: { user: 'alice', n: 1 },
  outputs: ['slack:b', 'aws-s3:a'],
  context: { owner: 'sec' },
  merge_by_keys: [],
  merge_window_mins: 0,
  created: '2026-01-01T00:00:00.000Z',
};

describe('publishers', () => {
  afterEach(() => clearPublishers());

  it('gives an output without publishers the default publication, with StreamAlert keys', () => {
    const pub = composePublication(baseAlert, 'aws-s3', 'a');
    expect(pub).toEqual(defaultPublication(baseAlert));
    expect(pub).toMatchObject({ id: 'a1', log_source: 'cloudwatch:events', source_service: 'kinesis', source_entity: 'prefix_cluster1_streamalert', outputs: ['aws-s3:a', 'slack:b'] });
  });

  it('runs the service publishers, then the descriptor ones, from an empty publication', () => {
    const a = publisher('t.add_a', (_alert, p) => ({ ...p, order: [...((p.order as string[]) ?? []), 'a'] }));
    const b = publisher('t.add_b', (alert, p) => ({ ...p, order: [...((p.order as string[]) ?? []), 'b'], rule: alert.rule_name }));
    const names = publisherNamesOf({ slack: [a], 'slack:b': [b, 't.add_a'] }, 'my_rule');
    const alert = { ...baseAlert, publishers: names };
    expect(publishersForOutput(names, 'slack', 'b')).toEqual(['t.add_a', 't.add_b', 't.add_a']);
    expect(composePublication(alert, 'slack', 'b')).toEqual({ order: ['a', 'b', 'a'], rule: 'my_rule' });
    expect(composePublication(alert, 'slack', 'other')).toEqual({ order: ['a'] });
    expect(composePublication(alert, 'aws-s3', 'a')).toEqual(defaultPublication(alert));
  });

  it('applies a list of publishers to every output and may start from the default publisher', () => {
    const strip = publisher('t.strip', (_alert, p) => {
      const rest: Record<string, unknown> = { ...p };
      delete rest.record;
      return rest;
    });
    const alert = { ...baseAlert, publishers: publisherNamesOf([DEFAULT_PUBLISHER_NAME, strip], 'my_rule') };
    const pub = composePublication(alert, 'aws-sqs', 'q');
    expect(pub.id).toBe('a1');
    expect(pub).not.toHaveProperty('record');
  });

  it('gives each publisher a copy, so a mutating publisher cannot change the alert', () => {
    publisher('t.mutate', (_alert, p) => {
      (p as Record<string, unknown>).x = 1;
      return p;
    });
    const alert = { ...baseAlert, publishers: ['t.mutate'] };
    expect(composePublication(alert, 'slack', 'b')).toEqual({ x: 1 });
  });

  it.each([
    ['an unknown publisher name', ['t.missing'], /publisher 't.missing'.*is not registered/],
    ['a publisher that throws', ['t.throws'], /publisher 't.throws' threw.*boom/],
    ['a publisher that returns null', ['t.null'], /returned null/],
  ])('fails with a PublisherError on %s', (_name, names, message) => {
    publisher('t.throws', () => {
      throw new Error('boom');
    });
    publisher('t.null', () => null as never);
    expect(() => composePublication({ ...baseAlert, publishers: names }, 'slack', 'b')).toThrow(PublisherError);
    expect(() => composePublication({ ...baseAlert, publishers: names }, 'slack', 'b')).toThrow(message);
  });

  it('refuses a second publisher under a taken name and a bad name', () => {
    publisher('t.once', (_a, p) => p);
    expect(() => publisher('t.once', (_a, p) => ({ ...p }))).toThrow(/registered twice/);
    expect(() => publisher('bad name', (_a, p) => p)).toThrow(PublisherError);
  });

  it('rejects a rule option that lists something that is not a publisher', () => {
    expect(() => publisherNamesOf([42 as never], 'r')).toThrow(/rule 'r': publishers\[0\]/);
    expect(() => publisherNamesOf({ slack: [{}] as never }, 'r')).toThrow(/publishers.slack\[0\]/);
  });
});
