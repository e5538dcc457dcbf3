import { rule } from '../../../runtime/rules';

/** A user marked a Duo authentication request as fraudulent. */
rule<'duo:authentication'>({ logs: ['duo:authentication'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_fraud(rec) {
    return rec.result === 'FRAUD';
  },
);
