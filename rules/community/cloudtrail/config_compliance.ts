import { getPath, rule } from '../../../runtime/rules';

/** An AWS Config rule evaluated a resource as NON_COMPLIANT. */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'low' })(
  function config_compliance(rec) {
    if (rec.eventName !== 'PutEvaluations' || rec.eventSource !== 'config.amazonaws.com') return false;
    const evaluations = getPath<unknown[]>(rec, 'requestParameters.evaluations', []);
    return Array.isArray(evaluations) && evaluations.some((e) => getPath(e, 'complianceType') === 'NON_COMPLIANT');
  },
);
