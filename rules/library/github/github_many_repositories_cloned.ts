import { rule } from '../../../runtime/rules';

/** One GitHub user cloned 25 or more different repositories within an hour: bulk download of the code base. */
rule<'github:audit'>({
  logs: ['github:audit'],
  outputs: ['slack:security-alerts'],
  severity: 'medium',
  attack: ['T1213.003'],
  threshold: { count: 25, within: '1h', by: ['actor'], distinct: 'repo' },
})(function github_many_repositories_cloned(rec) {
  return rec.action === 'git.clone';
});
