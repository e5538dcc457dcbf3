import { rule } from '../../../runtime/rules';

/** Branch protection was removed from a branch. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_protect_this_branch(rec) {
    return rec.action === 'protected_branch.destroy';
  },
);
