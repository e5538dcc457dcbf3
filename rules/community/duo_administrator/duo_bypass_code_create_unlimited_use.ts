import { py, rule, safeJsonLoads } from '../../../runtime/rules';

/** A Duo bypass code was created that can be used any number of times. */
rule<'duo:administrator'>({ logs: ['duo:administrator'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_bypass_code_create_unlimited_use(rec) {
    return rec.action === 'bypass_create' && py.isNone(py.get(safeJsonLoads(rec.description), 'remaining_uses'));
  },
);
