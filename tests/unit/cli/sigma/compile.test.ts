import { SigmaRefusedError } from '../../../../cli/sigma';
import type { ClassifiedRecord } from '../../../../runtime/classifier/types';
import { sigmaRuleFunction } from '../../../../runtime/rules/sigma';
import { bundledConfig, compileYaml } from '../../../_helpers/sigma';

const head = (logsource = 'product: aws\n  service: cloudtrail') => `title: A rule\nlogsource:\n  ${logsource}\n`;
const detection = (body: string) => `detection:\n  ${body.trim().split('\n').join('\n  ')}\n`;

function refusal(yaml: string): string {
  try {
    compileYaml(yaml);
  } catch (err) {
    if (err instanceof SigmaRefusedError) return err.message;
    throw err;
  }
  throw new Error('the rule was not refused');
}

describe('sigma rule compilation', () => {
  it.each([
    ['|expand placeholders', `${head()}${detection("sel:\n  sourceIPAddress|expand: '%admin_ips%'\ncondition: sel")}`, /modifier "expand" is not supported/],
    ['|utf16le', `${head()}${detection('sel:\n  userAgent|utf16le|base64: x\ncondition: sel')}`, /modifier "utf16le" is not supported/],
    ['|wide', `${head()}${detection('sel:\n  userAgent|wide|base64offset|contains: x\ncondition: sel')}`, /modifier "wide" is not supported/],
    ['an unknown modifier', `${head()}${detection('sel:\n  userAgent|fuzzy: x\ncondition: sel')}`, /unknown modifier "fuzzy"/],
    ['two comparison modifiers', `${head()}${detection('sel:\n  userAgent|contains|startswith: x\ncondition: sel')}`, /cannot be combined/],
    ['|base64offset without |contains', `${head()}${detection('sel:\n  userAgent|base64offset: x\ncondition: sel')}`, /only meaningful with \|contains/],
    ['|i without |re', `${head()}${detection('sel:\n  userAgent|i: x\ncondition: sel')}`, /applies to \|re only/],
    ['a regular expression JavaScript cannot read', `${head()}${detection("sel:\n  userAgent|re: '(?i)curl'\ncondition: sel")}`, /not valid here/],
    ['|cidr with a bad range', `${head()}${detection("sel:\n  sourceIPAddress|cidr: '10.0.0.0/33'\ncondition: sel")}`, /needs a CIDR range/],
    ['|gt with text', `${head()}${detection('sel:\n  count|gt: many\ncondition: sel')}`, /needs a number/],
    ['an aggregation', `${head()}${detection('sel:\n  eventName: X\ncondition: sel | count() > 5')}`, /aggregation/],
    ['a timeframe', `${head()}${detection('sel:\n  eventName: X\ntimeframe: 5m\ncondition: sel')}`, /timeframe/],
    ['a condition naming no selection', `${head()}${detection('sel:\n  eventName: X\ncondition: sel and other')}`, /names "other"/],
    ['"2 of"', `${head()}${detection('sel1:\n  eventName: X\nsel2:\n  eventName: Y\ncondition: 2 of sel*')}`, /"2 of" is not part of Sigma/],
    ['a pattern naming nothing', `${head()}${detection('sel:\n  eventName: X\ncondition: 1 of filter*')}`, /names no selection/],
    ['an unbalanced parenthesis', `${head()}${detection('sel:\n  eventName: X\ncondition: (sel')}`, /expected/],
    ['no condition', `${head()}${detection('sel:\n  eventName: X')}`, /no condition/],
    ['status deprecated', `${head()}status: deprecated\n${detection('sel:\n  eventName: X\ncondition: sel')}`, /status "deprecated"/],
    ['status unsupported', `${head()}status: unsupported\n${detection('sel:\n  eventName: X\ncondition: sel')}`, /status "unsupported"/],
    ['an unknown level', `${head()}level: severe\n${detection('sel:\n  eventName: X\ncondition: sel')}`, /level "severe"/],
    ['a logsource with no mapping', `${head('product: windows\n  category: process_creation')}${detection('sel:\n  Image: x\ncondition: sel')}`, /maps to no configured log type/],
    ['a field a log type with exact keys cannot have', `${head('product: linux\n  service: sshd')}${detection('sel:\n  no_such_field: x\ncondition: sel')}`, /no record of its log types can match/],
    ['an unknown streamalert attribute key', `${head()}streamalert:\n  outptus: [slack:x]\n${detection('sel:\n  eventName: X\ncondition: sel')}`, /unknown key "outptus"/],
  ])('refuses %s, saying why', (_name, yaml, reason) => {
    expect(refusal(yaml)).toMatch(reason);
  });

  it('carries title, description, severity, ATT&CK ids and the default outputs', () => {
    const { rule } = compileYaml(
      `${head()}id: 1234\ndescription: Something bad\nlevel: critical\ntags:\n  - attack.defense-evasion\n  - attack.t1562.008\n  - attack.T1078\n  - cve.2021-44228\n${detection('sel:\n  eventName: StopLogging\ncondition: sel')}`,
    );
    expect(rule).toMatchObject({
      name: 'test_rule',
      title: 'A rule',
      description: 'Something bad',
      severity: 'critical',
      attack: ['T1562.008', 'T1078'],
      outputs: bundledConfig().sigma.outputs,
    });
  });

  it.each([
    ['informational', 'info'],
    ['low', 'low'],
    ['medium', 'medium'],
    ['high', 'high'],
  ])('maps level %s to severity %s', (level, severity) => {
    expect(compileYaml(`${head()}level: ${level}\n${detection('sel:\n  eventName: X\ncondition: sel')}`).rule.severity).toBe(severity);
  });

  it('takes outputs, dedup and staging from the streamalert attribute', () => {
    const { rule } = compileYaml(
      `${head()}name: my-rule.v2\nstreamalert:\n  outputs: [pagerduty-v2:security-oncall]\n  dedup: [eventID]\n  staged: false\n${detection('sel:\n  eventName: X\ncondition: sel')}`,
    );
    expect(rule).toMatchObject({ name: 'my_rule_v2', outputs: ['pagerduty-v2:security-oncall'], dedup: ['eventID'], staged: false });
  });

  it('maps aws/cloudtrail to every CloudTrail log type, EventBridge under detail', () => {
    const { rule } = compileYaml(`${head()}${detection('sel:\n  userIdentity.type: Root\ncondition: sel')}`);
    expect(rule.log_types).toEqual(['cloudtrail:events', 'cloudtrail:cloudwatch_logs', 'cloudwatch:cloudtrail', 'cloudwatch:events']);
    expect(rule.fields['cloudwatch:events']?.['userIdentity.type']).toEqual(['detail', 'userIdentity', 'type']);
    expect(rule.fields['cloudtrail:events']?.['userIdentity.type']).toEqual(['userIdentity', 'type']);
  });

  it("resolves Okta's lower-case field names to the schema's keys", () => {
    const { rule, warnings } = compileYaml(`${head('product: okta\n  service: okta')}${detection('sel:\n  eventtype: user.session.start\n  displaymessage|contains: x\n  actor.alternateid: a@b\ncondition: sel')}`);
    expect(warnings).toEqual([]);
    expect(rule.fields['okta:logevents']).toEqual({
      eventtype: ['eventType'],
      displaymessage: ['displayMessage'],
      'actor.alternateid': ['actor', 'alternateid'],
    });
    expect(rule.fold_case).toEqual(['okta:logevents']);
    // actor is an open object in the schema: its keys are matched case-insensitively at run time.
    const fn = sigmaRuleFunction(rule) as unknown as (r: unknown, e: Pick<ClassifiedRecord, 'log_type'>) => boolean;
    const event = { eventType: 'user.session.start', displayMessage: 'x', actor: { alternateId: 'a@b' } };
    expect(fn(event, { log_type: 'okta:logevents' })).toBe(true);
    expect(fn({ ...event, actor: { alternateId: 'c@d' } }, { log_type: 'okta:logevents' })).toBe(false);
  });

  it('warns about a field a tolerant schema does not declare, and still loads the rule', () => {
    const { rule, warnings } = compileYaml(`${head('product: github')}${detection('sel:\n  visibility: public\ncondition: sel')}`);
    expect(rule.log_types).toEqual(['github:audit']);
    expect(warnings.join('\n')).toMatch(/field "visibility" is not in the schema of github:audit/);
  });

  it('refuses a mapping to log types the configuration does not declare, naming them', () => {
    const conf = { ...bundledConfig(), sigma: { outputs: [], builtin_logsources: false, logsources: [{ product: 'acme', log_types: { 'acme:audit': {} } }] } };
    expect(() => compileYaml(`${head('product: acme')}${detection('sel:\n  a: b\ncondition: sel')}`, conf)).toThrow(/maps to acme:audit, not declared/);
  });
});
