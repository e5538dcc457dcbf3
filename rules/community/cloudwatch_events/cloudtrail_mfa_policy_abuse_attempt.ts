import { getPath, rule } from '../../../runtime/rules';
import { cloudtrailEvent } from '../_lib/aws';

/**
 * A session without MFA tried to remove an MFA device, or to create one while one already exists: the
 * pattern of someone abusing a "manage your own MFA" policy with stolen credentials.
 */
rule({ logs: ['cloudtrail:events', 'cloudwatch:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_mfa_policy_abuse_attempt(rec) {
    const event = cloudtrailEvent(rec);
    if (getPath(event, 'userIdentity.sessionContext.attributes.mfaAuthenticated') !== 'false') return false;
    switch (event.eventName) {
      case 'DeactivateMFADevice':
      case 'DeleteVirtualMFADevice':
        return true;
      case 'CreateVirtualMFADevice':
      case 'EnableMFADevice':
        return event.errorCode === 'EntityAlreadyExists';
      default:
        return false;
    }
  },
);
