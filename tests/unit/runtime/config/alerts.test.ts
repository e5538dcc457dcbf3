import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertFunctionTargets, alertMergerName, alertProcessorName, alertsTableName, DEFAULT_ALERTS, loadConfig } from '../../../../runtime/config';
import { ConfigError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function loadEdited(edit: (vars: Json) => void): ReturnType<typeof loadConfig> {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  const path = join(dir, 'variables.json');
  const value = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(value);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return loadConfig(dir);
}

describe('global.alerts configuration', () => {
  it('resolves every default when the section is absent', () => {
    const config = loadEdited((v) => {
      if (v.global) delete v.global.alerts;
    });
    expect(config.global.alerts).toEqual({
      ttl_days: 30,
      merger: {
        schedule: 'rate(1 minute)',
        memory: 256,
        timeout: 60,
        max_alerts_per_run: 500,
        max_attempts: 12,
        max_age_minutes: 1440,
        backoff_base_seconds: 60,
        backoff_max_seconds: 1800,
        merge_group_cap: 50,
      },
      processor: { memory: 256, timeout: 60, output_timeout_seconds: 10, secrets_cache_seconds: 300 },
    });
    expect(config.global.alerts).toEqual(DEFAULT_ALERTS);
  });

  it('keeps given values and fills the rest', () => {
    const config = loadEdited((v) => {
      v.global = { ...(v.global ?? {}), alerts: { ttl_days: 7, merger: { max_attempts: 3 }, processor: { output_timeout_seconds: 4 } } };
    });
    expect(config.global.alerts.ttl_days).toBe(7);
    expect(config.global.alerts.merger.max_attempts).toBe(3);
    expect(config.global.alerts.merger.backoff_base_seconds).toBe(60);
    expect(config.global.alerts.processor).toEqual({ memory: 256, timeout: 60, output_timeout_seconds: 4, secrets_cache_seconds: 300 });
  });

  it.each([
    ['an unknown key', { merger: { max_attempt: 3 } }, '/global/alerts/merger/max_attempt'],
    ['a group cap of 1', { merger: { merge_group_cap: 1 } }, '/global/alerts/merger/merge_group_cap'],
    ['a schedule that is not rate() or cron()', { merger: { schedule: 'every minute' } }, '/global/alerts/merger/schedule'],
    ['a zero output timeout', { processor: { output_timeout_seconds: 0 } }, '/global/alerts/processor/output_timeout_seconds'],
  ])('rejects %s, naming the path', (_name, alerts, pointer) => {
    let error: unknown;
    try {
      loadEdited((v) => {
        v.global = { ...(v.global ?? {}), alerts };
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.pointer)).toContain(pointer);
  });

  it('names the alert functions and table from the prefix', () => {
    const config = loadConfig(DEFAULT_CONF_DIR);
    const prefix = config.account.prefix;
    expect(alertProcessorName(config)).toBe(`${prefix}_streamalert_alert_processor`);
    expect(alertMergerName(config)).toBe(`${prefix}_streamalert_alert_merger`);
    expect(alertsTableName(config)).toBe(`${prefix}_streamalert_alerts`);
    expect(alertFunctionTargets(config).map((t) => [t.kind, t.cluster, t.region])).toEqual([
      ['alert', 'global', config.account.region],
      ['merger', 'global', config.account.region],
    ]);
  });
});
