import { py, rule } from '../../../runtime/rules';

/** Actors whose changes to review dismissal are expected (none by default). */
const ACTOR_IGNORELIST = new Set<string>();

/**
 * 'Require pull request reviews before merging' was weakened for a protected branch: dismissing reviews
 * was restricted to specific users or teams (`authorized_actors_only`).
 */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_disable_required_pull_request_reviews(rec) {
    return (
      rec.action === 'protected_branch.dismissal_restricted_users_teams' &&
      py.get(rec.data, 'authorized_actors_only') === true &&
      !py.inSet(py.item(rec, 'actor'), ACTOR_IGNORELIST)
    );
  },
);
