import { py, rule } from '../../../runtime/rules';

/** BinaryAlert reported a file that matches at least one of its YARA rules. */
rule<'binaryalert'>({ logs: ['binaryalert'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function binaryalert_yara_match(rec) {
    return py.number(rec.NumMatchedRules) > 0;
  },
);
