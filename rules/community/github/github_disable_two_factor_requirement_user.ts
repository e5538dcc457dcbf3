import { rule } from '../../../runtime/rules';

/** A user turned off two-factor authentication for their account. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_two_factor_requirement_user(rec) {
    return rec.action === 'two_factor_authentication.disabled';
  },
);
