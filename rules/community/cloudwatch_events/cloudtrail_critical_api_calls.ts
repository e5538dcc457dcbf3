import { py, rule } from '../../../runtime/rules';

/** Calls that delete or stop logging, detection, or large pieces of infrastructure. */
const CRITICAL_EVENTS = new Set([
  'DeleteFlowLogs', // VPC flow logs
  'DeleteSubnet',
  'DeleteVpc',
  'DeleteDBCluster',
  'DeleteCluster',
  'DeleteTrail', // CloudTrail
  'PutEventSelectors',
  'UpdateTrail',
  'StopLogging',
  'DeleteDeliveryChannel', // AWS Config
  'StopConfigurationRecorder',
  'DeleteRule', // CloudWatch Events
  'DisableRule',
  'DeleteDetector', // GuardDuty
  'DeleteAccountPublicAccessBlock', // S3
  'DisableEbsEncryptionByDefault', // EBS
]);

/** The four switches of an S3 public access block: turning any off opens the door. */
const PUBLIC_ACCESS_BLOCK_SETTINGS = ['RestrictPublicBuckets', 'BlockPublicPolicy', 'BlockPublicAcls', 'IgnorePublicAcls'];

const PUBLIC_ACCESS_BLOCK_CALLS = new Set(['PutBucketPublicAccessBlock', 'PutAccountPublicAccessBlock']);

/** AWS Organizations calls that change accounts, units or policies. */
const ORGANIZATIONS_EVENTS = new Set([
  'AttachPolicy',
  'CreateOrganizationUnit',
  'CreatePolicy',
  'DeletePolicy',
  'DeleteOrganizationUnit',
  'DetachPolicy',
  'DisableAWSServiceAccess',
  'DisablePolicyType',
  'EnableAllFeatures',
  'EnableAWSServiceAccess',
  'EnablePolicyType',
  'LeaveOrganization',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'UpdatePolicy',
]);

/**
 * Destructive or blinding AWS API calls: deleting VPCs, subnets, clusters or flow logs; stopping or
 * reconfiguring CloudTrail, AWS Config, CloudWatch Events rules or GuardDuty; turning off S3 public access
 * blocks or default EBS encryption; changing AWS Organizations.
 */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_critical_api_calls(rec) {
    const name = py.item(rec, 'eventName');
    if (py.inSet(name, CRITICAL_EVENTS)) return true;
    if (name === 'UpdateDetector') {
      // GuardDuty is being switched off.
      if (!py.truthy(py.get(py.get(rec, 'requestParameters', {}), 'enable', true))) return true;
    }
    if (py.inSet(name, PUBLIC_ACCESS_BLOCK_CALLS)) {
      const config = py.get(py.get(rec, 'requestParameters', {}), 'PublicAccessBlockConfiguration', {});
      for (const setting of PUBLIC_ACCESS_BLOCK_SETTINGS) {
        if (py.get(config, setting, true) === false) return true;
      }
    }
    return py.item(rec, 'eventSource') === 'organizations.amazonaws.com' && py.inSet(name, ORGANIZATIONS_EVENTS);
  },
);
