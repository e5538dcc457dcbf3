import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importStreamAlertConfig } from '../../../../cli/config/import';
import { loadConfig } from '../../../../runtime/config';
import { CORPUS_DIR } from '../../../_helpers/paths';
import { copyToTempDir, makeTempDir } from '../../../_helpers/temp-dir';
import { describeWithCorpus } from '../../../_helpers/corpus';

describeWithCorpus('import-apps (reads the StreamAlert corpus)', () => {

  describe('streamalert config import of StreamAlert apps', () => {
    it('carries supported apps over with their settings, reports the others, and asks for credentials again', () => {
      const from = copyToTempDir(join(CORPUS_DIR, 'config', 'v3.5.0', 'conf'));
      const clusterFile = join(from, 'clusters', 'prod.json');
      const cluster = JSON.parse(readFileSync(clusterFile, 'utf8'));
      cluster.modules.streamalert_apps = {
        'prefix_cluster_duo_auth_sm-app-name_app': {
          app_name: 'sm-app-name',
          concurrency_limit: 2,
          log_level: 'INFO',
          log_retention_days: 14,
          memory: 128,
          metric_alarms: { errors: { enabled: true, evaluation_periods: 1, period_secs: 120 } },
          schedule_expression: 'rate(10 minutes)',
          timeout: 60,
          type: 'duo_auth',
        },
        'prefix_cluster_salesforce_console_app': { app_name: 'sf', type: 'salesforce_console', schedule_expression: 'rate(10 minutes)' },
      };
      writeFileSync(clusterFile, JSON.stringify(cluster));
      const to = join(makeTempDir('streamalert-import-apps-'), 'conf');
      const report = importStreamAlertConfig({ from, to, accountId: '123456789012', prefix: 'acme' });

      const apps = loadConfig(to).clusters.prod?.modules.streamalert_apps ?? {};
      expect(Object.keys(apps)).toEqual(['prefix_cluster_duo_auth_sm-app-name_app']);
      expect(apps['prefix_cluster_duo_auth_sm-app-name_app']).toEqual(
        expect.objectContaining({ type: 'duo_auth', schedule_expression: 'rate(10 minutes)', memory: 128, timeout: 60, log_level: 'info', errors_alarm: { enabled: true, evaluation_periods: 1, period_seconds: 120 } }),
      );
      const warnings = report.warnings.join('\n');
      expect(warnings).toMatch(/app "prefix_cluster_salesforce_console_app" of type "salesforce_console" is not supported/);
      expect(warnings).toMatch(/store its credentials again with `streamalert app auth prefix_cluster_duo_auth_sm-app-name_app`/);
    });
  });
});
