import { rule } from '../../../runtime/rules';
import { bypassCode } from './_bypass';

/** A Duo bypass code was created that never expires. */
rule<'duo:administrator'>({ logs: ['duo:administrator'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_bypass_code_create_non_expiring(rec) {
    const code = bypassCode(rec);
    return code !== undefined && code.valid_secs === null;
  },
);
