import { py, rule } from '../../runtime/rules';
import { demisto_classification } from '../publishers/sample_demisto';

/** Example of a rule that sends its alerts to Demisto, classified by a publisher: osquery results from the host sample_demisto. */
rule<'osquery:differential'>({
  logs: ['osquery:differential'],
  outputs: ['aws-firehose:alerts', 'demisto:sample-integration'],
  severity: 'info',
  publishers: [demisto_classification],
  context: { demisto: { incident_type: 'My sample type', playbook: 'A Playbook', severity: 'informational' } },
})(function sample_demisto(rec) {
  return py.get(rec, 'hostIdentifier', '') === 'sample_demisto';
});
