import { py, rule } from '../../../runtime/rules';

/** A GitHub Enterprise site admin tool was used (any `staff.*` action, such as signing in as another user). */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_site_admin_action(rec) {
    return py.startsWith(rec.action, 'staff.');
  },
);
