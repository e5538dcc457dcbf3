/**
 * Records on which a rule must decide as the StreamAlert original: the cases where the pack used to
 * differ, and Python's own rules (`False == 0`, a missing key raising, `None.get()` raising...).
 */
import { describe, expect, it } from '@jest/globals';
import { firing } from './_pack';

const trail = (fields: Record<string, unknown>) => ({
  eventName: 'DescribeInstances',
  eventSource: 'ec2.amazonaws.com',
  requestParameters: {},
  userIdentity: { type: 'IAMUser' },
  errorCode: '',
  ...fields,
});
const cloudwatch = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ 'detail-type': 'AWS API Call via CloudTrail', detail, ...extra });
const ghe = (action: string, data: unknown = {}) => ({ action, actor: 'octo', data });
const policy = (principal: unknown, condition?: unknown) =>
  JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*', ...(condition ? { Condition: condition } : {}) }] });

describe('the pack decides as StreamAlert v3.5.0', () => {
  it.each([
    // Trend Micro: every malware event, remediated or not (the quieter variant fires only when left in place).
    ['trendmicro: quarantined malware', 'trendmicro:malwareevent', { ScanResultString: 'Quarantined' }, ['trendmicro_malware_event']],
    ['trendmicro: malware left in place', 'trendmicro:malwareevent', { ScanResultString: 'Access denied' }, ['trendmicro_malware_event', 'trendmicro_malware_event_unremediated']],
    // osquery logins: runlevel entries are not logins.
    ['osquery: a runlevel entry', 'osquery:differential', { name: 'pack_incident-response_last', action: 'added', columns: { type: '7', username: 'runlevel' } }, []],
    ['osquery: a login', 'osquery:differential', { name: 'pack_incident-response_last', action: 'added', columns: { type: '7', username: 'kim' } }, ['ssh_login_activity']],
    ['osquery: a login from another pack', 'osquery:differential', { name: 'pack_custom_last', action: 'added', columns: { type: '7', username: 'kim' } }, []],
    // Critical API calls: the upstream lists and branches.
    ['critical: PutEventSelectors', 'cloudtrail:events', trail({ eventName: 'PutEventSelectors' }), ['cloudtrail_critical_api_calls']],
    ['critical: DeleteCluster', 'cloudtrail:events', trail({ eventName: 'DeleteCluster' }), ['cloudtrail_critical_api_calls']],
    ['critical: DisableRule', 'cloudtrail:events', trail({ eventName: 'DisableRule' }), ['cloudtrail_critical_api_calls']],
    ['critical: Organizations LeaveOrganization', 'cloudtrail:events', trail({ eventName: 'LeaveOrganization', eventSource: 'organizations.amazonaws.com' }), ['cloudtrail_critical_api_calls']],
    ['critical: AttachPolicy outside Organizations', 'cloudtrail:events', trail({ eventName: 'AttachPolicy', eventSource: 'iot.amazonaws.com' }), []],
    ['critical: DeleteConfigRule is not listed', 'cloudtrail:events', trail({ eventName: 'DeleteConfigRule' }), []],
    ['critical: GuardDuty enable 0 is false', 'cloudtrail:events', trail({ eventName: 'UpdateDetector', requestParameters: { enable: 0 } }), ['cloudtrail_critical_api_calls']],
    ['critical: GuardDuty without requestParameters.enable', 'cloudtrail:events', trail({ eventName: 'UpdateDetector' }), []],
    ['critical: a public access block switch off', 'cloudtrail:events', trail({ eventName: 'PutBucketPublicAccessBlock', requestParameters: { PublicAccessBlockConfiguration: { BlockPublicAcls: false } } }), ['cloudtrail_critical_api_calls']],
    ['critical: a CloudWatch-wrapped call (cloudtrail:events only)', 'cloudwatch:events', cloudwatch({ eventName: 'StopLogging' }), []],
    // MFA abuse: a missing key means no MFA; a null on the way is an error (no alert), as in Python.
    ['mfa: IAM call by keys without session context', 'cloudtrail:events', trail({ eventName: 'CreateAccessKey' }), ['cloudtrail_mfa_policy_abuse_attempt']],
    ['mfa: IAM call with a null session context', 'cloudtrail:events', trail({ eventName: 'CreateAccessKey', userIdentity: { sessionContext: null } }), []],
    ['mfa: failed MFA enable', 'cloudtrail:events', trail({ eventName: 'EnableMFADevice', errorCode: 'AccessDenied' }), ['cloudtrail_mfa_policy_abuse_attempt']],
    ['mfa: DeleteVirtualMFADevice is not watched', 'cloudtrail:events', trail({ eventName: 'DeleteVirtualMFADevice' }), []],
    // Public resources: policyuniverse's view of "internet accessible".
    ['public: KMS key policy for "*"', 'cloudtrail:events', trail({ eventName: 'PutKeyPolicy', requestParameters: { policy: policy('*') } }), ['cloudtrail_public_resources']],
    ['public: "*" limited to an account', 'cloudtrail:events', trail({ eventName: 'PutKeyPolicy', requestParameters: { policy: policy('*', { StringEquals: { 'kms:CallerAccount': '123456789012' } }) } }), []],
    ['public: an ARN with any account', 'cloudtrail:events', trail({ eventName: 'PutKeyPolicy', requestParameters: { policy: policy({ AWS: 'arn:aws:iam::*:root' }) } }), ['cloudtrail_public_resources']],
    ['public: a named account', 'cloudtrail:events', trail({ eventName: 'PutKeyPolicy', requestParameters: { policy: policy({ AWS: '123456789012' }) } }), []],
    ['public: CreateQueue is not checked', 'cloudtrail:events', trail({ eventName: 'CreateQueue', requestParameters: { attributes: { Policy: policy('*') } } }), []],
    ['public: a bucket policy object', 'cloudtrail:events', trail({ eventName: 'PutBucketPolicy', requestParameters: { bucketPolicy: JSON.parse(policy('*')) as unknown } }), ['cloudtrail_public_resources']],
    // S3 ACLs: a single grant object (not a list) made the original raise.
    ['bucket acl: grants as a list', 'cloudwatch:events', cloudwatch({ eventName: 'PutBucketAcl', requestParameters: { AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' } }] } } } }), ['cloudtrail_put_bucket_acl']],
    ['bucket acl: a single grant object', 'cloudwatch:events', cloudwatch({ eventName: 'PutBucketAcl', requestParameters: { AccessControlPolicy: { AccessControlList: { Grant: { Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' } } } } } }), []],
    // AMIs: alert only when no volume is encrypted.
    ['ami: one of two volumes unencrypted', 'cloudwatch:events', cloudwatch({ eventName: 'CreateImage', requestParameters: { blockDeviceMapping: { items: [{ ebs: { encrypted: true } }, { ebs: { encrypted: false } }] } } }), []],
    ['ami: no volume says encrypted', 'cloudwatch:events', cloudwatch({ eventName: 'CreateImage', requestParameters: { blockDeviceMapping: { items: [{ ebs: {} }] } } }), ['unencrypted_ami_volume']],
    // GitHub: Python equality and identity.
    ['github: status checks level false == 0', 'ghe:general', ghe('protected_branch.update_required_status_checks_enforcement_level', { required_status_checks_enforcement_level: false }), ['github_disable_required_status_checks']],
    ['github: review enforcement level 0 is not watched', 'ghe:general', ghe('protected_branch.update_pull_request_reviews_enforcement_level', { pull_request_reviews_enforcement_level: 0 }), []],
    ['github: authorized_actors_only must be true itself', 'ghe:general', ghe('protected_branch.dismissal_restricted_users_teams', { authorized_actors_only: 1 }), []],
    ['github: any staff action', 'ghe:general', ghe('staff.fake_login'), ['github_site_admin_action']],
    // Duo bypass codes: JSON description read as Python does.
    ['duo: non-JSON description', 'duo:administrator', { action: 'bypass_create', description: 'n/a' }, ['duo_bypass_code_create_non_expiring', 'duo_bypass_code_create_unlimited_use']],
    ['duo: JSON list description', 'duo:administrator', { action: 'bypass_create', description: '[1]' }, []],
    // OneLogin: 3.0 == 3, True != 3.
    ['onelogin: event type 3.0', 'onelogin:events', { event_type_id: 3.0 }, ['onelogin_events_assumed_role']],
    // Packetbeat: an IPv6 source made the original raise.
    ['packetbeat: IPv4 source to a denied address', 'packetbeat:flow', { source: { ip: '10.0.0.1' }, dest: { ip: '222.173.190.239' } }, ['packetbeat_blacklisted_ip']],
    ['packetbeat: IPv6 source to a denied address', 'packetbeat:flow', { source: { ip: 'fd00::1' }, dest: { ip: '222.173.190.239' } }, []],
    ['packetbeat: octal-looking source octet', 'packetbeat:flow', { source: { ip: '10.0.0.010' }, dest: { ip: '222.173.190.239' } }, []],
    // GuardDuty.
    ['guardduty: a finding', 'cloudwatch:events', { 'detail-type': 'GuardDuty Finding', detail: { type: 'Recon' } }, ['guard_duty_all']],
  ])('%s', (_what, logType, record, expected) => {
    expect(firing(logType, record as Record<string, unknown>)).toEqual([...expected].sort());
  });

  it.each([
    ['a command', { command: ['ls \u202etxt.exe'] }, ['right_to_left_character']],
    ['a path, without any command', { path: ['/tmp/a\u202egpj.exe'] }, ['right_to_left_character']],
    ['ordinary values', { command: ['ls'], path: ['/tmp'] }, []],
  ])('right_to_left_character on normalized values: %s', (_what, normalized, expected) => {
    expect(firing('osquery:differential', { name: 'x', action: 'added', columns: {} }, normalized)).toEqual(expected);
  });
});
