import { selectTargets } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { UsageError } from '../../../../runtime/errors';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

const config = loadConfig(DEFAULT_CONF_DIR);
const names = (selection: Parameters<typeof selectTargets>[1]) => selectTargets(config, selection).map((t) => `${t.kind}:${t.name}:${t.region}`);

const PROD = 'rule:acme_prod_streamalert_rules:us-east-1';
const CORP = 'rule:acme_corp_streamalert_rules:us-west-2';
const ALERT = 'alert:acme_streamalert_alert_processor:us-east-1';
const MERGER = 'merger:acme_streamalert_alert_merger:us-east-1';
const APPS = ['apps:acme_corp_duo_auth_app:us-west-2', 'apps:acme_corp_duo_admin_app:us-west-2', 'apps:acme_corp_onelogin_app:us-west-2'];

describe('selectTargets', () => {
  it.each([
    [{}, [PROD, CORP, ALERT, MERGER, ...APPS]],
    [{ function: 'all' }, [PROD, CORP, ALERT, MERGER, ...APPS]],
    [{ function: 'apps' }, APPS],
    [{ function: 'apps', cluster: 'prod' }, []],
    [{ function: 'scheduled_queries' }, []],
    [{ function: 'rule' }, [PROD, CORP]],
    [{ function: 'alert' }, [ALERT]],
    [{ function: 'merger' }, [MERGER]],
    [{ cluster: 'corp' }, [CORP, ALERT, MERGER, ...APPS]],
    [{ cluster: 'prod' }, [PROD, ALERT, MERGER]],
    [{ function: 'rule', cluster: 'corp' }, [CORP]],
    [{ function: 'merger', cluster: 'corp' }, [MERGER]],
  ])('selects %j: rule processors, the global alert functions in the account region, then the apps of each cluster', (selection, expected) => {
    expect(names(selection)).toEqual(expected);
  });

  it.each([
    [{ function: 'alerts' }, /unknown function "alerts"; valid: rule, alert, merger, rule_promotion, threat_intel_downloader, apps, scheduled_queries, all/],
    [{ cluster: 'global' }, /unknown cluster "global"; valid: prod, corp/],
  ])('refuses %j as a usage error naming the valid values', (selection, message) => {
    expect(() => selectTargets(config, selection)).toThrow(UsageError);
    expect(() => selectTargets(config, selection)).toThrow(message);
  });

  it('adds the rule promotion function only when rule staging is on', () => {
    const staging = { ...config, global: { ...config.global, rule_staging: { ...config.global.rule_staging, enabled: true } } };
    expect(selectTargets(config, { function: 'rule_promotion' })).toEqual([]);
    expect(selectTargets(staging, { function: 'rule_promotion' }).map((t) => `${t.kind}:${t.name}:${t.region}`)).toEqual(['rule_promotion:acme_streamalert_rule_promotion:us-east-1']);
    expect(selectTargets(staging, {}).map((t) => t.kind)).toEqual(['rule', 'rule', 'alert', 'merger', 'rule_promotion', 'apps', 'apps', 'apps']);
  });
});

describe('selectTargets with the threat intel downloader enabled', () => {
  const withDownloader = { ...config, threat_intel: { ...config.threat_intel, downloader: { ...config.threat_intel.downloader, enabled: true } } };
  const DOWNLOADER = 'threat_intel_downloader:acme_streamalert_threat_intel_downloader:us-east-1';
  const selected = (selection: Parameters<typeof selectTargets>[1]) => selectTargets(withDownloader, selection).map((t) => `${t.kind}:${t.name}:${t.region}`);

  it.each([
    [{}, [PROD, CORP, ALERT, MERGER, DOWNLOADER, ...APPS]],
    [{ function: 'threat_intel_downloader' }, [DOWNLOADER]],
    [{ function: 'threat_intel_downloader', cluster: 'corp' }, [DOWNLOADER]],
  ])('selects %j with the downloader after the alert functions, in the account region', (selection, expected) => {
    expect(selected(selection)).toEqual(expected);
  });

  it('selects no downloader when threat_intel.json leaves it off (the bundled conf/)', () => {
    expect(names({ function: 'threat_intel_downloader' })).toEqual([]);
  });
});
