import { getPublisher } from '../../../../../runtime/publishers';
import { generic, pagerdutyLayout, presentRuleDescription, slackLayout } from '../../../../../runtime/publishers/community';
import type { Publication } from '../../../../../runtime/publishers/types';
import { defaultPublication, sampleAlert } from '../../../../_helpers/output-context';

const alert = sampleAlert({
  rule_description: 'Root used the console\n\nauthor: Jane Doe\nreference: https://example.com/a/very/long\n  /path?x=1\nplaybook: page the on-call',
  context: { remove_fields: ['^source', 'arn'], populate_fields: ['type', 'arn'], slack_message_template: 'rule {rule_name} in {cluster}' },
  record: { userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' }, sourceIPAddress: '198.51.100.7', tags: ['a', 'b'], streamalert_normalization: { ip: ['198.51.100.7'] } },
});
const base: Publication = defaultPublication(alert);

describe('community publishers', () => {
  it.each([
    'publishers.community.generic.add_record',
    'publishers.community.generic.blank',
    'publishers.community.generic.remove_internal_fields',
    'publishers.community.generic.remove_fields',
    'publishers.community.generic.remove_streamalert_normalization',
    'publishers.community.generic.enumerate_fields',
    'publishers.community.generic.populate_fields',
    'publishers.community.generic.StringifyArrays',
    'publishers.community.slack.slack_layout.Summary',
    'publishers.community.slack.slack_layout.AttachRuleInfo',
    'publishers.community.slack.slack_layout.AttachPublication',
    'publishers.community.slack.slack_layout.AttachStringTemplate',
    'publishers.community.slack.slack_layout.AttachFullRecord',
    'publishers.community.pagerduty.pagerduty_layout.ShortenTitle',
    'publishers.community.pagerduty.pagerduty_layout.as_custom_details',
    'publishers.community.pagerduty.pagerduty_layout.v2_high_urgency',
    'publishers.community.pagerduty.pagerduty_layout.v2_low_urgency',
    'publishers.community.pagerduty.pagerduty_layout.PrettyPrintArrays',
    'publishers.community.pagerduty.pagerduty_layout.AttachImage',
  ])('registers %s under its StreamAlert name', (name) => {
    expect(getPublisher(name)?.name).toBe(name);
  });

  it('never mutates the publication it is given', () => {
    const frozen = JSON.stringify(base);
    for (const p of [...Object.values(generic), ...Object.values(slackLayout), ...Object.values(pagerdutyLayout)]) {
      if (typeof p === 'object' && p !== null && 'fn' in p) p.fn(alert, base);
    }
    expect(JSON.stringify(base)).toBe(frozen);
  });
});

describe('generic publishers', () => {
  it('adds the record and blanks', () => {
    expect(generic.addRecord.fn(alert, {})).toEqual({ record: alert.record });
    expect(generic.blank.fn(alert, base)).toEqual({});
  });

  it('removes internal fields', () => {
    const out = generic.removeInternalFields.fn(alert, base);
    expect(Object.keys(out)).not.toEqual(expect.arrayContaining(['staged']));
    expect(['staged', 'publishers', 'outputs'].some((k) => k in out)).toBe(false);
    expect(out.rule_name).toBe(alert.rule_name);
  });

  it('removes fields matching the rule context patterns at any depth', () => {
    const out = generic.removeFields.fn(alert, base) as { record: Record<string, unknown> & { userIdentity: Record<string, unknown> } };
    expect(out.record.sourceIPAddress).toBeUndefined();
    expect(out.record.userIdentity).toEqual({ type: 'Root' });
    expect('source_service' in out).toBe(false);
  });

  it('removes the normalization key', () => {
    const out = generic.removeStreamalertNormalization.fn(alert, base) as { record: Record<string, unknown> };
    expect(out.record).not.toHaveProperty('streamalert_normalization');
    expect(out.record.tags).toEqual(['a', 'b']);
  });

  it('enumerates fields into sorted dotted paths', () => {
    const out = generic.enumerateFields.fn(alert, { record: alert.record });
    expect(out).toMatchObject({ 'record.userIdentity.type': 'Root', 'record.tags[1]': 'b' });
    expect(Object.keys(out)).toEqual([...Object.keys(out)].sort());
  });

  it('populates only the listed fields with every value found', () => {
    expect(generic.populateFields.fn(alert, base)).toEqual({ type: ['Root'], arn: ['arn:aws:iam::1:root'] });
  });

  it('joins scalar arrays', () => {
    expect((generic.StringifyArrays.fn(alert, { a: { tags: ['x', 1, null] }, nested: [{ v: ['p'] }] }) as Record<string, unknown>)).toEqual({ a: { tags: 'x\n1\nNone' }, nested: [{ v: 'p' }] });
  });
});

describe('rule description parsing', () => {
  it('finds the author, the description and the other fields, joining split URLs', () => {
    expect(presentRuleDescription(alert.rule_description)).toEqual({
      author: 'Jane Doe',
      description: 'Root used the console',
      fields: { reference: 'https://example.com/a/very/long/path?x=1', playbook: 'page the on-call' },
    });
  });
});

describe('slack layout publishers', () => {
  it('builds a summary, then rule info, publication, template and full record attachments', () => {
    const chain = [slackLayout.Summary, slackLayout.AttachRuleInfo, slackLayout.AttachPublication, slackLayout.AttachStringTemplate, slackLayout.AttachFullRecord];
    const out = chain.reduce((pub, p) => p.fn(alert, pub), base);
    const attachments = out['@slack.attachments'] as Record<string, unknown>[];
    expect(out['@slack.text']).toBe('Rule triggered');
    expect(attachments[0]).toMatchObject({ title: alert.rule_name, author_name: 'Jane Doe', text: 'Root used the console', ts: Date.parse(alert.created) / 1000 });
    expect(attachments[1]).toEqual({ color: '#8ce071', fields: [{ title: 'Reference', value: 'https://example.com/a/very/long/path?x=1' }, { title: 'Playbook', value: 'page the on-call' }] });
    expect(attachments[2]).toMatchObject({ title: 'Alert Data:' });
    expect(attachments[3]).toEqual({ color: '#ffb400', text: `rule ${alert.rule_name} in prod` });
    expect(attachments[4]).toMatchObject({ title: 'Record', fields: [{ title: 'Alert Id', value: alert.alert_id }] });
  });

  it('splits a large record over attachments within Slack\'s text limit', () => {
    const big = sampleAlert({ record: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, 'v'.repeat(40)])) });
    const attachments = slackLayout.AttachFullRecord.fn(big, {})['@slack.attachments'] as { text: string }[];
    expect(attachments.length).toBeGreaterThan(3);
    expect(attachments.every((a) => a.text.length <= 4000)).toBe(true);
    const json = attachments.map((a) => a.text.replace(/^```\n|\n```$/g, '')).join('');
    expect(JSON.parse(json)).toEqual(big.record);
  });
});

describe('pagerduty layout publishers', () => {
  it('sets custom details, urgency, short titles and an image', () => {
    const chain = [pagerdutyLayout.asCustomDetails, pagerdutyLayout.v2LowUrgency, pagerdutyLayout.ShortenTitle, pagerdutyLayout.AttachImage];
    const out = chain.reduce((pub, p) => p.fn(alert, pub), { record: alert.record } as Publication);
    expect(out).toMatchObject({
      '@pagerduty-v2.custom_details': { record: alert.record },
      '@pagerduty.details': { record: alert.record },
      '@pagerduty-v2.severity': 'warning',
      '@pagerduty-incident.urgency': 'low',
      '@pagerduty-v2.summary': alert.rule_name,
      '@pagerduty-v2.images': [{ src: 'https://streamalert.io/en/stable/_images/sa-banner.png' }],
      '@pagerduty.contexts': [{ type: 'image', src: 'https://streamalert.io/en/stable/_images/sa-banner.png' }],
    });
    expect(pagerdutyLayout.v2HighUrgency.fn(alert, {})).toEqual({ '@pagerduty-v2.severity': 'critical', '@pagerduty-incident.urgency': 'high' });
    expect(pagerdutyLayout.PrettyPrintArrays.fn(alert, { t: ['a', 'b'] })).toEqual({ t: 'a\n\n----------\n\nb' });
  });
});

describe('community publishers named by string in an alert', () => {
  it('compose for an output as StreamAlert rules name them', async () => {
    const { composePublication } = await import('../../../../../runtime/publishers');
    const named = sampleAlert({ publishers: { slack: ['publishers.community.generic.add_record', 'publishers.community.slack.slack_layout.Summary'] } });
    const publication = composePublication(named, 'slack', 'security');
    expect(publication['@slack.text']).toBe('Rule triggered');
    expect(publication['@slack._previous_publication']).toEqual({ record: named.record });
  });
});
