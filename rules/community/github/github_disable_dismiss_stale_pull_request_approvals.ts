import { rule } from '../../../runtime/rules';

/** 'Dismiss stale pull request approvals when new commits are pushed' was turned off for a protected branch, so commits pushed after an approval no longer need one. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_dismiss_stale_pull_request_approvals(rec) {
    return rec.action === 'protected_branch.dismiss_stale_reviews';
  },
);
