import { rule } from '../../../runtime/rules';

/** The two-factor authentication requirement was turned off for an organization. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_two_factor_requirement_org(rec) {
    return rec.action === 'org.disable_two_factor_requirement';
  },
);
