import { parse } from 'yaml';
import { compileSigmaCorrelation, SigmaRefusedError } from '../../../../cli/sigma';
import { clearRules, loadRules, rule } from '../../../../runtime/rules';
import { registerSigmaCorrelation } from '../../../../runtime/rules/sigma';
import { bundledConfig, compileYaml } from '../../../_helpers/sigma';

const base = compileYaml('title: Failed login\nid: base-id-1\nlogsource:\n  product: okta\ndetection:\n  s:\n    eventtype: user.session.start\n  condition: s\n');
const known = new Map([
  ['test_rule', base],
  ['base-id-1', base],
]);
const correlation = (body: string) => `title: Many\ncorrelation:\n  ${body.trim().split('\n').join('\n  ')}\n`;

function compile(yaml: string) {
  return compileSigmaCorrelation(parse(yaml), 'rules/c.yml', 'c', bundledConfig(), known);
}

function refusal(yaml: string): string {
  try {
    compile(yaml);
  } catch (err) {
    if (err instanceof SigmaRefusedError) return err.message;
    throw err;
  }
  throw new Error('not refused');
}

describe('sigma correlation rules', () => {
  it('compiles an event_count over a base rule named by id, grouping by its resolved field', () => {
    const { rule: c, warnings } = compile(correlation('type: event_count\nrules: [base-id-1]\ngroup-by: [actor.alternateid]\ntimespan: 5m\ncondition:\n  gte: 10'));
    expect(warnings).toEqual([]);
    expect(c.correlation).toMatchObject({ type: 'event_count', rules: ['test_rule'], group_by: ['actor.alternateid'], timespan_ms: 300_000, condition: { op: 'gte', count: 10 }, generate: false });
    expect(c.correlation.paths?.test_rule?.['okta:logevents']?.['actor.alternateid']).toEqual(['actor', 'alternateid']);
    expect(c.log_types).toEqual(['okta:logevents']);
  });

  it('compiles a value_count with the counted field, and takes generate', () => {
    const { rule: c } = compile(correlation('type: value_count\nrules: [test_rule]\ntimespan: 1h\ngenerate: true\ncondition:\n  field: client.ipAddress\n  gt: 3'));
    expect(c.correlation).toMatchObject({ type: 'value_count', condition: { op: 'gt', count: 3, field: 'client.ipAddress' }, generate: true, timespan_ms: 3_600_000 });
  });

  it('warns about a base rule that is no Sigma rule (it may be a TypeScript rule)', () => {
    const { warnings } = compile(correlation('type: event_count\nrules: [some_ts_rule]\ntimespan: 5m\ncondition:\n  gte: 2'));
    expect(warnings.join()).toMatch(/"some_ts_rule" is no Sigma rule/);
  });

  it.each([
    ['an unknown type', 'type: sum\nrules: [test_rule]\ntimespan: 5m\ncondition:\n  gte: 2', /not one of/],
    ['a condition on missing events', 'type: event_count\nrules: [test_rule]\ntimespan: 5m\ncondition:\n  lt: 2', /fires on missing events/],
    ['two operators', 'type: event_count\nrules: [test_rule]\ntimespan: 5m\ncondition:\n  gte: 2\n  gt: 3', /exactly one/],
    ['a value_count without a field', 'type: value_count\nrules: [test_rule]\ntimespan: 5m\ncondition:\n  gte: 2', /condition.field/],
    ['a temporal rule over one rule', 'type: temporal\nrules: [test_rule]\ntimespan: 5m', /at least two rules/],
    ['a bad timespan', 'type: event_count\nrules: [test_rule]\ntimespan: 5 minutes\ncondition:\n  gte: 2', /timespan must be/],
    ['no rules', 'type: event_count\nrules: []\ntimespan: 5m\ncondition:\n  gte: 2', /names no rule/],
  ])('refuses %s', (_name, body, reason) => {
    expect(refusal(correlation(body))).toMatch(reason);
  });

  it('fails to load the rules when a correlation names no rule, saying which', () => {
    clearRules();
    rule({ logs: ['okta:logevents'] })(function real_rule() {
      return true;
    });
    const { rule: c } = compile(correlation('type: event_count\nrules: [missing_rule]\ntimespan: 5m\ncondition:\n  gte: 2'));
    registerSigmaCorrelation(c);
    expect(() => loadRules()).toThrow(/names rule "missing_rule", which is not a rule/);
    clearRules();
  });
});
