import { getPath, rule } from '../../../runtime/rules';

/** Required status checks were turned off for a protected branch. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_required_status_checks(rec) {
    return (
      rec.action === 'protected_branch.update_required_status_checks_enforcement_level' &&
      getPath(rec, 'data.required_status_checks_enforcement_level') === 0
    );
  },
);
