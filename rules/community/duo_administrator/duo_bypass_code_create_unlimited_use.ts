import { rule } from '../../../runtime/rules';
import { bypassCode } from './_bypass';

/** A Duo bypass code was created with unlimited uses. */
rule<'duo:administrator'>({ logs: ['duo:administrator'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_bypass_code_create_unlimited_use(rec) {
    const code = bypassCode(rec);
    return code !== undefined && code.remaining_uses === null;
  },
);
