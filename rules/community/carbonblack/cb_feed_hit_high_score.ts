import { rule } from '../../../runtime/rules';

/** Lowest threat-feed report score that pages. */
const MIN_REPORT_SCORE = 80;

/** A process matched a Carbon Black threat-intelligence feed report with a high score. */
rule<'carbonblack:feed.ingress.hit.process'>({
  logs: ['carbonblack:feed.ingress.hit.process'],
  outputs: ['aws-firehose:alerts'],
  severity: 'high',
  merge_by_keys: ['hostname'],
  merge_window_mins: 60,
})(function cb_feed_hit_high_score(rec) {
  return Number(rec.report_score) >= MIN_REPORT_SCORE;
});
