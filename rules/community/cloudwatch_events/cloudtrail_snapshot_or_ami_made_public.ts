import { py, rule } from '../../../runtime/rules';

/** True when `permission.add.items` (if `add` is there) lists the group "all". */
function addsGroupAll(permission: unknown): boolean {
  if (!py.contains(permission, 'add')) return false;
  const items = py.get(py.item(permission, 'add'), 'items', []);
  return py.iterate(items).some((item) => py.get(item, 'group', '') === 'all');
}

/** An EBS snapshot, an RDS cluster snapshot or an AMI was shared with everyone. */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function cloudtrail_snapshot_or_ami_made_public(rec) {
    if (py.item(rec, 'eventName') === 'ModifyImageAttribute') {
      const params = py.get(rec, 'requestParameters', {});
      if (py.get(params, 'attributeType', '') === 'launchPermission' && addsGroupAll(py.get(params, 'launchPermission', {}))) return true;
    }
    if (py.item(rec, 'eventName') === 'ModifySnapshotAttribute') {
      const params = py.get(rec, 'requestParameters', {});
      if (py.get(params, 'attributeType', '') === 'CREATE_VOLUME_PERMISSION' && addsGroupAll(py.get(params, 'createVolumePermission', {}))) {
        return true;
      }
    }
    if (py.item(rec, 'eventName') === 'ModifyDBClusterSnapshotAttribute') {
      if (py.contains(py.get(py.get(rec, 'requestParameters', {}), 'valuesToAdd', []), 'all')) return true;
    }
    return false;
  },
);
