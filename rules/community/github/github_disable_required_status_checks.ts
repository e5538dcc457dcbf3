import { py, rule } from '../../../runtime/rules';

/** Required status checks were turned off for a protected branch (enforcement level 0). */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_required_status_checks(rec) {
    // Enforcement levels: 0 off, 1 for non-admins, 2 for everyone including administrators.
    return (
      rec.action === 'protected_branch.update_required_status_checks_enforcement_level' &&
      py.eq(py.get(rec.data, 'required_status_checks_enforcement_level'), 0)
    );
  },
);
