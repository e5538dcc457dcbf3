import { rule } from '../../../runtime/rules';

/** Carbon Black blocked a process because its hash is banned. */
rule<'carbonblack:ingress.event.processblock'>({
  logs: ['carbonblack:ingress.event.processblock'],
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
})(function cb_binary_banned_hash_executed(rec) {
  return rec.blocked_reason === 'Banned';
});
