import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../runtime/config';
import { ConfigError } from '../../../../runtime/errors';
import { importCorpusSample } from '../../../_helpers/corpus-import';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { copyToTempDir } from '../../../_helpers/temp-dir';
import { itWithCorpus } from '../../../_helpers/corpus';

function confWith(scheduled: unknown): string {
  const dir = copyToTempDir(DEFAULT_CONF_DIR);
  writeFileSync(join(dir, 'scheduled_queries.json'), JSON.stringify(scheduled));
  return dir;
}

const problemsOf = (dir: string): string[] => {
  try {
    loadConfig(dir);
    return [];
  } catch (err) {
    return (err as ConfigError).problems.map((p) => `${p.pointer}: ${p.message}`);
  }
};

describe('scheduled_queries.json', () => {
  itWithCorpus("imports StreamAlert's file unchanged, with its packs and function settings", () => {
    const config = loadConfig(importCorpusSample('v3.5.0-unit-conf').dir);
    expect(config.scheduled_queries).toEqual(
      expect.objectContaining({ enabled: true, destination_kinesis_stream: 'unit-test_stream', timeout_secs: 3600, wait_secs: 30, packs: { hourly: { description: 'Runs all hourly queries. Once per day on :05', schedule_expression: 'cron(5 * * * ? *)' } } }),
    );
    expect(config.scheduled_queries.function).toEqual(expect.objectContaining({ memory: 128, timeout: 60, alarms_enabled: true, error_threshold: 1 }));
  });

  it('is off, with nothing scheduled, when absent', () => {
    expect(loadConfig(DEFAULT_CONF_DIR).scheduled_queries).toEqual(expect.objectContaining({ enabled: false, packs: {}, queries: {} }));
  });

  it('refuses a query of an unknown pack, an unknown parameter, and no destination stream when enabled', () => {
    const dir = confWith({
      enabled: true,
      packs: { hourly: { schedule_expression: 'rate(1 hour)' } },
      queries: {
        a: { pack: 'daily', query: 'SELECT 1' },
        b: { pack: 'hourly', query: "SELECT * FROM t WHERE dt = '{utcdate_minus1hour}'" },
      },
    });
    expect(problemsOf(dir)).toEqual([
      '/queries/a/pack: names no pack of "packs"',
      '/queries/b/query: uses an unknown parameter {utcdate_minus1hour}',
      '/config/destination_kinesis_stream: is required when scheduled queries are enabled',
    ]);
  });
});
