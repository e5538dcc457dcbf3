import { getPath, inSet, rule } from '../../../runtime/rules';
import { cloudtrailEvent } from '../_lib/aws';

/** API calls that switch off logging, detection or network boundaries. */
const CRITICAL_CALLS = new Set([
  'DeleteAccountPublicAccessBlock',
  'DeleteConfigRule',
  'DeleteConfigurationRecorder',
  'DeleteDBCluster',
  'DeleteDeliveryChannel',
  'DeleteDetector',
  'DeleteFlowLogs',
  'DeleteSubnet',
  'DeleteTrail',
  'DeleteVpc',
  'DisableEbsEncryptionByDefault',
  'StopConfigurationRecorder',
  'StopLogging',
  'UpdateTrail',
]);

const PUBLIC_ACCESS_BLOCK_SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * Critical AWS API calls: deleting VPCs, subnets, flow logs or database clusters, stopping CloudTrail,
 * AWS Config or GuardDuty, and turning off S3 public access blocks.
 */
rule({ logs: ['cloudtrail:events', 'cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_critical_api_calls(rec) {
    const event = cloudtrailEvent(rec);
    const name = event.eventName;
    if (inSet(name, CRITICAL_CALLS)) return true;
    if (name === 'UpdateDetector') return getPath(event, 'requestParameters.enable') === false;
    if (name === 'PutBucketPublicAccessBlock' || name === 'PutAccountPublicAccessBlock') {
      const config = getPath<Record<string, unknown>>(event, 'requestParameters.PublicAccessBlockConfiguration', {});
      return PUBLIC_ACCESS_BLOCK_SETTINGS.some((setting) => config?.[setting] === false);
    }
    return false;
  },
);
