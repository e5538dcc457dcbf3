/**
 * The pack declares every StreamAlert v3.5.0 community and sample rule as StreamAlert does: same name, log
 * types (or normalized types), matchers, required subkeys and disabled state. Outputs are StreamAlert's plus
 * `aws-firehose:alerts`, the output StreamAlert added to every rule.
 */
import { describe, expect, it } from '@jest/globals';
import { packRules } from './_pack';

type Declaration = {
  readonly logs?: readonly string[];
  readonly datatypes?: readonly string[];
  readonly matchers?: readonly string[];
  readonly req_subkeys?: Readonly<Record<string, readonly string[]>>;
  readonly outputs?: readonly string[];
  readonly disabled?: boolean;
};

const CT = ['cloudtrail:events'];
const CW = ['cloudwatch:events'];
const GHE = ['ghe:general'];
const DETAIL_PARAMS_NAME = { detail: ['requestParameters', 'eventName'] };

/** StreamAlert v3.5.0: rules/community/** and rules/sample (41 rule functions). */
const STREAMALERT_RULES: Readonly<Record<string, Declaration>> = {
  binaryalert_yara_match: { logs: ['binaryalert'] },
  config_compliance: { logs: CT, matchers: ['is_config_compliance'] },
  config_auto_remediation: { logs: CT, matchers: ['is_auto_remediation'] },
  cloudtrail_critical_api_calls: { logs: CT },
  unencrypted_ami_volume: { logs: CW, req_subkeys: DETAIL_PARAMS_NAME },
  public_ami: { logs: CW, req_subkeys: DETAIL_PARAMS_NAME },
  cloudtrail_mfa_policy_abuse_attempt: { logs: CT },
  cloudtrail_network_acl_ingress_anywhere: { logs: CW, req_subkeys: { detail: ['eventName', 'requestParameters'] } },
  cloudtrail_public_resources: { logs: CT },
  cloudtrail_put_bucket_acl: { logs: CW, req_subkeys: DETAIL_PARAMS_NAME },
  cloudtrail_put_object_acl_public: { logs: CW, req_subkeys: { detail: ['requestParameters'] } },
  cloudtrail_put_object_acl_public_publisher_example: {
    logs: CW,
    req_subkeys: { detail: ['eventName', 'requestParameters', 'sourceIPAddress'] },
    outputs: ['slack:sample-channel', 'pagerduty:sample-integration'],
  },
  cloudtrail_root_account_usage: { logs: CW, req_subkeys: { detail: ['userIdentity', 'eventType'] } },
  cloudtrail_security_group_ingress_anywhere: { logs: CW, req_subkeys: { detail: ['eventName', 'requestParameters'] } },
  cloudtrail_snapshot_or_ami_made_public: { logs: CT },
  duo_bypass_code_create_non_auto_generated: { logs: ['duo:administrator'] },
  duo_bypass_code_create_non_expiring: { logs: ['duo:administrator'] },
  duo_bypass_code_create_unlimited_use: { logs: ['duo:administrator'] },
  duo_anonymous_ip_failure: { logs: ['duo:authentication'] },
  duo_fraud: { logs: ['duo:authentication'] },
  duo_lookup_tables_example: { logs: ['duo:authentication'] },
  fleet_bad_action: { logs: ['fleet:results'], disabled: true },
  github_disable_dismiss_stale_pull_request_approvals: { logs: GHE },
  github_disable_protect_this_branch: { logs: GHE },
  github_disable_required_pull_request_reviews: { logs: GHE },
  github_disable_required_status_checks: { logs: GHE },
  github_disable_two_factor_requirement_org: { logs: GHE },
  github_disable_two_factor_requirement_user: { logs: GHE },
  github_oauth_application_create: { logs: GHE },
  github_site_admin_action: { logs: GHE },
  github_site_admin_user_promotion: { logs: GHE },
  guard_duty_all: { logs: CW, matchers: ['guard_duty'] },
  right_to_left_character: { datatypes: ['command', 'path', 'file_name'] },
  onelogin_events_assumed_role: { logs: ['onelogin:events'] },
  onelogin_events_threat_intel_example: { logs: ['onelogin:events'], disabled: true },
  ssh_login_activity: { logs: ['osquery:differential'], matchers: ['added', 'user_login'] },
  packetbeat_blacklisted_domain: { logs: ['packetbeat:dns'] },
  packetbeat_blacklisted_ip: { logs: ['packetbeat:flow'] },
  packetbeat_dns_lookup: { logs: ['packetbeat:dns'] },
  trendmicro_malware_event: { logs: ['trendmicro:malwareevent'] },
  sample_demisto: { logs: ['osquery:differential'], outputs: ['demisto:sample-integration'] },
};

describe('the StreamAlert v3.5.0 rules in the pack', () => {
  it('are all there: 41 rule functions', () => {
    const names = new Set(packRules().map((r) => r.name));
    expect(Object.keys(STREAMALERT_RULES)).toHaveLength(41);
    expect(Object.keys(STREAMALERT_RULES).filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(Object.entries(STREAMALERT_RULES))('%s is declared as in StreamAlert', (name, expected) => {
    const found = packRules().find((r) => r.name === name);
    const options = found?.options;
    expect({
      logs: options?.logs ?? [],
      datatypes: options?.datatypes ?? [],
      matchers: (options?.matchers ?? []).map((m) => m.name),
      req_subkeys: options?.req_subkeys ?? {},
      outputs: [...(options?.outputs ?? [])].sort(),
      disabled: found?.disabled,
    }).toEqual({
      logs: expected.logs ?? [],
      datatypes: expected.datatypes ?? [],
      matchers: expected.matchers ?? [],
      req_subkeys: expected.req_subkeys ?? {},
      outputs: ['aws-firehose:alerts', ...(expected.outputs ?? [])].sort(),
      disabled: expected.disabled === true,
    });
  });
});
