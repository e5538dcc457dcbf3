import { rule } from '../../../runtime/rules';
import { bypassCode } from './_bypass';

/** A Duo bypass code was hand-crafted instead of generated. */
rule<'duo:administrator'>({ logs: ['duo:administrator'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function duo_bypass_code_create_non_auto_generated(rec) {
    const code = bypassCode(rec);
    return code !== undefined && code.auto_generated === false;
  },
);
