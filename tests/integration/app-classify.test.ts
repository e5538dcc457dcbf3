/**
 * What each app sends classifies as StreamAlert's schema for it, through the rule processor bundle that
 * `lambda package` deploys: the app runs against a loopback server speaking its API, and every payload it
 * would invoke the rule processor with is handed to the bundle's handler. Configuration: StreamAlert v3.5.0's
 * own (imported from the corpus), whose prod cluster declares these apps as `streamalert_app` sources.
 */
import { createMemoryAppStore, getApp, runApp } from '../../runtime/apps';
import { loadConfig } from '../../runtime/config';
import { loadBundledFunction, type BundleExports } from '../../cli/testing/bundled-function';
import { FIXTURE_RULES_DIR } from '../_helpers/bundle-fixture';
import { importCorpusSample } from '../_helpers/corpus-import';
import { aliyunSpec, boxSpec, duoSpec, gsuiteSpec, oktaSpec, oneloginSpec, slackSpec, startFakeSaas, type FakeApiSpec, type FakeSaas } from '../_helpers/fake-saas';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('app-classify (reads the StreamAlert corpus)', () => {

  let saas: FakeSaas;
  let bundle: BundleExports;

  beforeAll(async () => {
    saas = await startFakeSaas();
    const { dir } = importCorpusSample('v3.5.0');
    bundle = await loadBundledFunction({ config: loadConfig(dir), cluster: 'prod', rulesDir: FIXTURE_RULES_DIR, typecheck: false });
  }, 120_000);
  afterAll(() => saas.close());

  const cases: [FakeApiSpec, string, string][] = [
    [duoSpec('auth'), 'prefix_cluster_duo_auth_sm-app-name_app', 'duo:authentication'],
    [duoSpec('admin'), 'prefix_cluster_duo_admin_sm-app-name_app', 'duo:administrator'],
    [oneloginSpec(), 'prefix_cluster_onelogin-events-app-name_app', 'onelogin:events'],
    [oktaSpec(), 'prefix_cluster_okta_logevents-app-name_app', 'okta:logevents'],
    [slackSpec('access'), 'prefix_cluster_slack_access_sm-app-name_app', 'slack:access'],
    [slackSpec('integration'), 'prefix_cluster_slack_integration_sm-app-name_app', 'slack:integration'],
    [gsuiteSpec('admin'), 'prefix_cluster_gsuite_admin_sm-app-name_app', 'gsuite:reports'],
    [boxSpec(), 'prefix_cluster_box_admin_events_sm-app-name_app', 'box:admin_events'],
    [aliyunSpec(), 'prefix_cluster_aliyun_actiontrail_sm-app-name_app', 'aliyun:actiontrail'],
  ];

  describe.each(cases.map(([spec, source, logType]) => [spec.type, spec, source, logType] as const))('what the %s app sends', (_type, spec, source, logType) => {
    it(`classifies as ${logType} and nothing else`, async () => {
      saas.use(spec);
      const now = Date.parse('2026-11-30T12:00:00Z');
      saas.addEvents(5, now - 60_000);
      const payloads: unknown[] = [];
      const summary = await runApp({
        app: getApp(spec.type),
        name: source,
        store: createMemoryAppStore({ ...spec.auth }),
        send: async (payload) => {
          payloads.push(JSON.parse(payload));
        },
        endpoint: saas.url,
        now: () => new Date(now),
        sleep: async () => undefined,
      });
      expect(summary.logs_sent).toBe(5);
      const handler = bundle.createHandler({ logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
      let classified = 0;
      for (const payload of payloads) {
        const result = await handler(payload);
        expect(result.counts.unclassified).toBe(0);
        expect(Object.keys(result.counts.classified)).toEqual([logType]);
        classified += result.counts.classified[logType] ?? 0;
      }
      expect(classified).toBe(5);
    });
  });
});
