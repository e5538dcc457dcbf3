import { rule } from '../../../runtime/rules';

/** Branch protection was removed from a branch, which also drops its required reviews, code owner reviews and status checks. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_protect_this_branch(rec) {
    return rec.action === 'protected_branch.destroy';
  },
);
