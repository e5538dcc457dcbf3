import { isRecordShapeError, py, rule } from '../../../runtime/rules';

/** IAM calls someone holding leaked keys would try against a user meant to be protected by MFA. */
const IAM_ACTIONS = new Set([
  'CreateUser',
  'CreateAccessKey',
  'DetachUserPolicy',
  'DetachGroupPolicy',
  'RemoveUserFromGroup',
  'DeleteUserPolicy',
  'PutGroupPolicy',
  'PutUserPolicy',
]);

/** MFA device calls whose failure may mean someone is waiting to register their own device. */
const MFA_DEVICE_EVENTS = new Set(['CreateVirtualMFADevice', 'EnableMFADevice']);

/** `userIdentity.sessionContext.attributes.mfaAuthenticated`, or 'false' when a key on the way is missing. */
function mfaAuthenticated(rec: unknown): unknown {
  try {
    return py.item(py.item(py.item(py.item(rec, 'userIdentity'), 'sessionContext'), 'attributes'), 'mfaAuthenticated');
  } catch (err) {
    // Only a missing key means "not authenticated with MFA"; a null on the way is an error, as in StreamAlert.
    if (isRecordShapeError(err) && err.pythonError === 'KeyError') return 'false';
    throw err;
  }
}

/**
 * A session without MFA made calls that an MFA-enforcing policy should have blocked: removing an MFA
 * device, sensitive IAM changes, or a failed attempt to create or enable an MFA device. Points to leaked
 * access keys used against a flawed MFA policy.
 */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_mfa_policy_abuse_attempt(rec) {
    if (mfaAuthenticated(rec) === 'true') return false;
    const name = py.item(rec, 'eventName');
    if (name === 'DeactivateMFADevice') return true;
    if (py.inSet(name, IAM_ACTIONS)) return true;
    return py.truthy(py.item(rec, 'errorCode')) && py.inSet(py.item(rec, 'eventName'), MFA_DEVICE_EVENTS);
  },
);
