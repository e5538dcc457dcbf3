/** The alert processor bundle keeps each output's AWS SDK client in its own lazy file, loaded on first use. */
import { join } from 'node:path';
import { buildFunctionBundle } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

describe('alert processor bundle', () => {
  it('has the output SDK clients (Lambda, STS, SES) as lazy files, not in index.js', async () => {
    const bundle = await buildFunctionBundle({
      config: loadConfig(DEFAULT_CONF_DIR),
      cluster: 'prod',
      rulesDir: makeTempDir(),
      project: REPO_ROOT,
      typecheck: false,
      entry: join(REPO_ROOT, 'runtime', 'handlers', 'alert-processor-entry.ts'),
    });
    for (const name of ['output-lambda-sdk.lazy.js', 'output-sts-sdk.lazy.js', 'output-ses-sdk.lazy.js']) {
      expect(Object.keys(bundle.chunks)).toContain(name);
      expect(bundle.code.includes(`import("./${name}")`)).toBe(true);
    }
    expect(bundle.code.includes('"SendRawEmail"')).toBe(false);
    expect(bundle.chunks['output-ses-sdk.lazy.js'].includes('SendRawEmail')).toBe(true);
    // Every HTTP output is in the bundle and registered (the registry names them at load).
    for (const service of ['slack', 'pagerduty-v2', 'pagerduty-incident', 'webhook', 'opsgenie', 'jira-v2', 'teams']) {
      expect(bundle.code.includes(JSON.stringify(service))).toBe(true);
    }
  });
});
