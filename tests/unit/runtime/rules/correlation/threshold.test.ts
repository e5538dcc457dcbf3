import type { ClassifiedRecord } from '../../../../../runtime/classifier/types';
import { clearRules, createRulesEngine, loadRules, rule } from '../../../../../runtime/rules';

const login = (i: number, ip: string): ClassifiedRecord =>
  ({
    log_type: 'cloudtrail:events',
    record: { eventID: `e${i}`, eventTime: `2026-01-05T10:00:${String(i).padStart(2, '0')}Z`, eventName: 'ConsoleLogin', sourceIPAddress: ip, responseElements: { ConsoleLogin: 'Failure' } },
    source: { service: 's3', resource: 'acme.prod.cloudtrail' },
    normalized: {},
  }) as unknown as ClassifiedRecord;

afterEach(() => clearRules());

describe('the threshold option', () => {
  it('alerts at the count-th match of one group within the span, in memory for local runs', () => {
    rule({ logs: ['cloudtrail:events'], threshold: { count: 3, within: '1m', by: ['sourceIPAddress'] } })(function console_failures(rec) {
      return rec.eventName === 'ConsoleLogin';
    });
    const engine = createRulesEngine({ rules: loadRules(), cluster: 'prod' });
    const fired = [login(1, '1.1.1.1'), login(2, '1.1.1.1'), login(3, '2.2.2.2'), login(4, '1.1.1.1')].map((r) => engine.evaluate(r).map((a) => a.rule_name));
    expect(fired).toEqual([[], [], [], ['console_failures']]);
    expect(engine.stats().correlation).toEqual({ events: 4, alerts: 1 });
  });

  it('refuses a threshold with a bad count or span when the rules load', () => {
    rule({ logs: ['cloudtrail:events'], threshold: { count: 0, within: '5 minutes' } })(function bad_threshold() {
      return true;
    });
    expect(() => loadRules()).toThrow(/threshold.count must be a whole number >= 1, got 0[\s\S]*threshold.within must be/);
  });
});
