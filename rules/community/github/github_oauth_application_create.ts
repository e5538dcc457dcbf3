import { rule } from '../../../runtime/rules';

/** An OAuth application was registered. */
rule<'ghe:general'>({ logs: ['ghe:general'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function github_oauth_application_create(rec) {
    return rec.action === 'oauth_application.create';
  },
);
