import { getPath, rule } from '../../../runtime/rules';

/** Required pull request reviews were relaxed for a protected branch (review dismissal opened up). */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_required_pull_request_reviews(rec) {
    if (rec.action === 'protected_branch.update_pull_request_reviews_enforcement_level') {
      return getPath(rec, 'data.pull_request_reviews_enforcement_level') === 0;
    }
    return rec.action === 'protected_branch.dismissal_restricted_users_teams' && getPath(rec, 'data.authorized_actors_only') === true;
  },
);
