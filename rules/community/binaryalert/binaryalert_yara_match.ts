import { rule } from '../../../runtime/rules';

/** BinaryAlert found a file that matches at least one YARA rule. */
rule<'binaryalert'>({ logs: ['binaryalert'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function binaryalert_yara_match(rec) {
    return Number(rec.NumMatchedRules) > 0;
  },
);
