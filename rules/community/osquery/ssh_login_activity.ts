import { getPath, rule } from '../../../runtime/rules';

/** An interactive SSH login seen by osquery's `last` table (pack query `ssh_login`). */
rule<'osquery:differential'>({
  logs: ['osquery:differential'],
  outputs: ['aws-firehose:alerts'],
  severity: 'low',
  req_subkeys: { columns: ['type'] },
})(function ssh_login_activity(rec) {
  return rec.action === 'added' && String(rec.name).endsWith('last') && getPath(rec, 'columns.type') === '7';
});
