import { py, rule } from '../../../runtime/rules';

/** An AMI was created without any encrypted EBS volume. */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['requestParameters', 'eventName'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'medium',
})(function unencrypted_ami_volume(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'eventName') !== 'CreateImage') return false;
  const params = py.item(detail, 'requestParameters');
  // CloudTrail may send requestParameters as null.
  if (py.isNone(params)) return false;
  const devices = py.get(py.get(params, 'blockDeviceMapping', {}), 'items', []);
  if (!py.truthy(devices)) return false;
  const encrypted = py.iterate(devices).map((device) => py.get(py.get(device, 'ebs', {}), 'encrypted'));
  py.toSet(encrypted);
  return !encrypted.some(py.truthy);
});

/** An AMI was shared with everyone (launch permission for the group "all"). */
rule<'cloudwatch:events'>({
  logs: ['cloudwatch:events'],
  req_subkeys: { detail: ['requestParameters', 'eventName'] },
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function public_ami(rec) {
  const detail = py.item(rec, 'detail');
  if (py.item(detail, 'eventName') !== 'ModifyImageAttribute') return false;
  const params = py.item(detail, 'requestParameters');
  if (py.isNone(params)) return false;
  const items = py.get(py.get(py.get(params, 'launchPermission', {}), 'add', {}), 'items', []);
  return py.iterate(items).some((item) => py.item(item, 'group') === 'all');
});
