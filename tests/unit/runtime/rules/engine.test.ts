import { afterEach, describe, expect, it } from '@jest/globals';
import {
  annotateRuleFile,
  clearRules,
  createRulesEngine,
  disable,
  loadRules,
  lookupTable,
  matcher,
  rule,
  RuleDefinitionError,
} from '../../../../runtime/rules';
import type { Logger } from '../../../../runtime/logger';
import { classified } from './_records';

function recordingLogger(): Logger & { lines: { message: string; fields?: Record<string, unknown> }[] } {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const push = (message: string, fields?: Readonly<Record<string, unknown>>) => lines.push({ message, fields: { ...fields } });
  return { lines, debug: push, info: push, warn: push, error: push };
}

afterEach(() => clearRules());

describe('rule registration', () => {
  it('names a rule after its function, in the curried form', () => {
    rule({ logs: ['ghe:general'] })(function github_thing() {
      return true;
    });
    expect(loadRules().map((r) => r.name)).toEqual(['github_thing']);
  });

  it('names a rule after its function, in the two-argument form', () => {
    rule({ logs: ['ghe:general'] }, function other_thing() {
      return true;
    });
    expect(loadRules()[0]?.name).toBe('other_thing');
  });

  it('refuses an anonymous rule function', () => {
    expect(() => rule({ logs: ['x'] })((() => true) as never)).toThrow(/named function/);
  });

  it('takes the description from the annotation, and lets the option override it', () => {
    rule({ logs: ['x'] })(function a_rule() {
      return true;
    });
    rule({ logs: ['x'], description: 'from option' })(function b_rule() {
      return true;
    });
    annotateRuleFile('rules/a.ts', { a_rule: 'from doc comment', b_rule: 'ignored' });
    const [a, b] = loadRules();
    expect([a?.description, a?.file, b?.description]).toEqual(['from doc comment', 'rules/a.ts', 'from option']);
  });

  it('reports a duplicate rule name naming both files', () => {
    rule({ logs: ['x'] })(function same_name() {
      return true;
    });
    annotateRuleFile('rules/one.ts', {});
    rule({ logs: ['y'] })(function same_name() {
      return false;
    });
    annotateRuleFile('rules/two.ts', {});
    expect(() => loadRules()).toThrow(RuleDefinitionError);
    expect(() => loadRules()).toThrow(/'same_name' is defined twice: in rules\/one.ts and in rules\/two.ts/);
  });

  it.each([
    ['disable()', () => disable(rule({ logs: ['x'] })(function off_rule() { return true; }))],
    ['disabled: true', () => rule({ logs: ['x'], disabled: true })(function off_rule() { return true; })],
  ])('keeps a rule disabled with %s, and the engine never runs it', (_how, define) => {
    define();
    const rules = loadRules();
    expect(rules[0]?.disabled).toBe(true);
    expect(createRulesEngine({ rules, cluster: 'prod' }).evaluate(classified('x', {}))).toEqual([]);
  });
});

describe('rules engine', () => {
  it('runs the rules of the record log type and of its family only', () => {
    rule({ logs: ['cloudtrail:events'] })(function exact() { return true; });
    rule({ logs: ['cloudtrail'] })(function family() { return true; });
    rule({ logs: ['osquery'] })(function other() { return true; });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    expect(engine.evaluate(classified('cloudtrail:events', { a: 1 })).map((a) => a.rule_name)).toEqual(['exact', 'family']);
  });

  it('builds an alert with every field, and a deterministic id', () => {
    rule({
      logs: ['x'],
      outputs: ['slack:sec'],
      dynamic_outputs: [(rec) => (rec.team === 'red' ? 'pagerduty:red' : undefined)],
      severity: 'high',
      title: (rec) => `user ${String(rec.user)}`,
      merge_by_keys: ['user'],
      merge_window_mins: 5,
      context: { note: 'n' },
    })(function full_rule() { return true; });
    annotateRuleFile('rules/full.ts', { full_rule: 'Full rule.' });
    const now = () => new Date('2026-01-01T00:00:00Z');
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'fallback', now });
    const [alert] = engine.evaluate(classified('x', { user: 'bob', team: 'red' }));
    expect(alert).toEqual({
      alert_id: expect.stringMatching(/^[0-9a-f]{64}$/),
      rule_name: 'full_rule',
      rule_description: 'Full rule.',
      severity: 'high',
      severity_declared: true,
      title: 'user bob',
      log_type: 'x',
      log_source: { service: 'kinesis', resource: 'stream_a' },
      cluster: 'prod',
      record: { user: 'bob', team: 'red' },
      outputs: ['slack:sec', 'pagerduty:red'],
      context: { note: 'n' },
      merge_by_keys: ['user'],
      merge_window_mins: 5,
      created: '2026-01-01T00:00:00.000Z',
    });
    const again = engine.evaluate(classified('x', { team: 'red', user: 'bob' }))[0];
    const other = engine.evaluate(classified('x', { team: 'red', user: 'eve' }))[0];
    expect(again?.alert_id).toBe(alert?.alert_id);
    expect(other?.alert_id).not.toBe(alert?.alert_id);
  });

  it('hashes only the dedup keys when the rule names them', () => {
    rule({ logs: ['x'], dedup: ['id'] })(function dedup_rule() { return true; });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    const a = engine.evaluate(classified('x', { id: 1, seen: 'a' }))[0];
    const b = engine.evaluate(classified('x', { id: 1, seen: 'b' }))[0];
    expect(a?.alert_id).toBe(b?.alert_id);
  });

  it('requires every matcher to pass', () => {
    const is_admin = matcher(function is_admin(rec: { role?: string }) { return rec.role === 'admin'; });
    rule({ logs: ['x'], matchers: [is_admin] })(function admin_rule() { return true; });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    expect(engine.evaluate(classified('x', { role: 'admin' }))).toHaveLength(1);
    expect(engine.evaluate(classified('x', { role: 'user' }))).toHaveLength(0);
  });

  it.each([
    ['rule', () => rule({ logs: ['x'] })(function boom_rule() { throw new Error('kaput'); })],
    ['matcher', () => rule({ logs: ['x'], matchers: [function boom_matcher() { throw new Error('kaput'); }] })(function boom_rule() { return true; })],
  ])('counts an exception in a %s as no match, logs it with the rule name, and keeps going', (_what, define) => {
    define();
    rule({ logs: ['x'] })(function healthy_rule() { return true; });
    const logger = recordingLogger();
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod', logger });
    expect(engine.evaluate(classified('x', {})).map((a) => a.rule_name)).toEqual(['healthy_rule']);
    expect(engine.stats().errors).toBe(1);
    expect(logger.lines[0]?.fields).toMatchObject({ rule: 'boom_rule', error: 'kaput' });
  });

  it('skips a rule when its required subkeys are missing', () => {
    rule({ logs: ['x'], req_subkeys: { detail: ['userIdentity'] } })(function subkey_rule(rec) {
      return (rec.detail as { userIdentity: { type: string } }).userIdentity.type === 'Root';
    });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    expect(engine.evaluate(classified('x', { detail: {} }))).toEqual([]);
    expect(engine.evaluate(classified('x', { detail: 'text' }))).toEqual([]);
    expect(engine.evaluate(classified('x', { detail: { userIdentity: { type: 'Root' } } }))).toHaveLength(1);
    expect(engine.stats().errors).toBe(0);
  });

  it('runs datatype rules on any record that has the normalized types', () => {
    rule({ datatypes: ['sourceAddress'] })(function any_ip() { return true; });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    expect(engine.evaluate(classified('a', {}, { sourceAddress: ['1.2.3.4'] }))).toHaveLength(1);
    expect(engine.evaluate(classified('b', {}, {}))).toHaveLength(0);
    expect(engine.evaluate(classified('c', {}, { source_address: ['1.2.3.4'] }))).toHaveLength(1);
  });

  it('gives rules the lookup tables it was created with', () => {
    rule({ logs: ['x'] })(function lookup_rule(rec) {
      return lookupTable('t', 'blocked', [] as string[]).includes(String(rec.browser));
    });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod', lookupTables: { t: { blocked: ['Netscape'] } } });
    expect(engine.evaluate(classified('x', { browser: 'Netscape' }))).toHaveLength(1);
    expect(engine.evaluate(classified('x', { browser: 'Firefox' }))).toHaveLength(0);
  });
});

describe('rule options checked at load time', () => {
  it.each([
    [{}, /neither logs nor datatypes/],
    [{ logs: ['x'], severity: 'urgent' }, /severity must be one of info, low, medium, high, critical, got "urgent"/],
    [{ logs: ['x'], merge_window_mins: -5 }, /merge_window_mins must be a whole number of minutes >= 0, got -5/],
    [{ logs: ['x'], merge_by_keys: ['user'] }, /merge_by_keys needs merge_window_mins > 0/],
    [{ logs: ['x'], outputs: ['slack'] }, /outputs are written "service:descriptor", got "slack"/],
    [{ logs: ['x'], publishers: { slack: [42] } }, /publishers.slack\[0\] is neither a publisher nor a publisher name/],
  ])('refuses %p', (options, message) => {
    rule(options as never)(function checked_rule() { return true; });
    expect(() => loadRules()).toThrow(message);
  });
});
