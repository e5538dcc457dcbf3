import { rule } from '../../../runtime/rules';

/** A GitHub Enterprise user was promoted to site administrator. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_site_admin_user_promotion(rec) {
    return rec.action === 'user.promote';
  },
);
