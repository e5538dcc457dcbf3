import { py, rule, valuesByType } from '../../../../../../runtime/rules';

/** U+202E RIGHT-TO-LEFT OVERRIDE: renders the rest of a name backwards, hiding its real extension. */
const RLO = '\u202e';

/** The normalized values of `type`, which must all be hashable (they form a Python set in StreamAlert). */
function normalizedValues(rec: object, type: string): unknown[] {
  return py.toSet(valuesByType(rec, type));
}

/**
 * A command line, path or file name contains the right-to-left override character, a trick that makes
 * `invoice\u202Etxt.exe` display as `invoiceexe.txt` (MITRE ATT&CK T1027, Obfuscated Files or Information).
 */
rule({ datatypes: ['command', 'path', 'file_name'], outputs: ['aws-firehose:alerts'], severity: 'high' })(
  function right_to_left_character(rec) {
    for (const type of ['command', 'path', 'file_name']) {
      if (normalizedValues(rec, type).some((value) => typeof value === 'string' && value.includes(RLO))) return true;
    }
    return false;
  },
);
