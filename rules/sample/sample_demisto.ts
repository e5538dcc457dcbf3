import { rule } from '../../runtime/rules';

/** Example of a rule that sends its alerts to Demisto: any osquery result from the host named sample_demisto. */
rule<'osquery:differential'>({
  logs: ['osquery:differential'],
  outputs: ['demisto:sample-integration'],
  severity: 'info',
  context: { demisto: { incident_type: 'My sample type' } },
})(function sample_demisto(rec) {
  return rec.hostIdentifier === 'sample_demisto';
});
