// Rules of the handler and process benchmarks: each alerts on the marker bench/corpus.mjs puts in a chosen
// share of the records (0.1% or 10%), so that the alert rate of a run is known.
import { rule } from '../../runtime/rules';

rule({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'] })(function bench_cloudtrail_stop_logging(rec) {
  return rec.eventName === 'StopLogging';
});

rule({ logs: ['osquery:differential'], outputs: ['aws-firehose:alerts'] })(function bench_osquery_pack(rec) {
  return rec.name === 'pack_bench_alert';
});

rule({ logs: ['fwkv:traffic'], outputs: ['aws-firehose:alerts'] })(function bench_kv_action(rec) {
  return rec.action === 'alert';
});

rule({ logs: ['hostsys:auth'], outputs: ['aws-firehose:alerts'] })(function bench_syslog_failed_password(rec) {
  return String(rec.message).startsWith('Failed password');
});
