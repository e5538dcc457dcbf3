import { py, rule, safeJsonLoads } from '../../../runtime/rules';

/** A Duo bypass code was created that never expires. */
rule<'duo:administrator'>({ logs: ['duo:administrator'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_bypass_code_create_non_expiring(rec) {
    return rec.action === 'bypass_create' && py.isNone(py.get(safeJsonLoads(rec.description), 'valid_secs'));
  },
);
