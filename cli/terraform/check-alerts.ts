/**
 * Alert delivery settings that cannot work (issue 18 point 7): each is refused with its JSON pointer, by
 * `config validate` and `terraform generate` alike.
 */
import type { Config } from '../../runtime/config';
import { STAGING_OUTPUT } from '../../runtime/config/names';
import type { ConfigProblem } from '../../runtime/errors';

/** Problems of `global.alerts` and `global.rule_staging` in `file` (variables.json). */
export function alertSettingsProblems(config: Config, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { alerts, rule_staging: staging } = config.global;
  const { processor, merger } = alerts;
  if (processor.output_timeout_seconds >= processor.timeout) {
    problems.push({
      file,
      pointer: '/global/alerts/processor/output_timeout_seconds',
      value: processor.output_timeout_seconds,
      message: `an output may take ${processor.output_timeout_seconds} s, which is not less than the alert processor's timeout (${processor.timeout} s): a slow output would be cut off mid-send and never recorded`,
      hint: `set output_timeout_seconds below ${processor.timeout}, or raise /global/alerts/processor/timeout`,
    });
  }
  const ttlMinutes = alerts.ttl_days * 1440;
  if (merger.max_age_minutes >= ttlMinutes) {
    problems.push({
      file,
      pointer: '/global/alerts/merger/max_age_minutes',
      value: merger.max_age_minutes,
      message: `alerts are retried for ${merger.max_age_minutes} minutes, but the alerts table expires them after ${alerts.ttl_days} day(s) (${ttlMinutes} minutes): an undelivered alert would vanish without a dead letter`,
      hint: `set max_age_minutes below ${ttlMinutes}, or raise /global/alerts/ttl_days`,
    });
  }
  if (staging.enabled && !Object.prototype.hasOwnProperty.call(config.outputs[STAGING_OUTPUT.split(':')[0]] ?? {}, STAGING_OUTPUT.split(':')[1])) {
    problems.push({
      file,
      pointer: '/global/rule_staging/enabled',
      value: true,
      message: `rule staging sends every alert of a staged rule to ${STAGING_OUTPUT} only, which outputs.json does not declare: every staged alert would fail`,
      hint: `declare it (streamalert output set aws-firehose --descriptor alerts --resource <prefix>_streamalert_alert_delivery), or set enabled to false`,
    });
  }
  return problems;
}

/** Problems of a rule's merge window against the alerts table's TTL (pointer `/<rule>/merge_window_mins` in its file). */
export function mergeWindowProblem(config: Config, rule: { readonly name: string; readonly file: string; readonly merge_window_mins?: number }): ConfigProblem | undefined {
  const ttlMinutes = config.global.alerts.ttl_days * 1440;
  const window = rule.merge_window_mins ?? 0;
  if (window < ttlMinutes) return undefined;
  return {
    file: rule.file === '' ? `rule ${rule.name}` : rule.file,
    pointer: `/${rule.name}/merge_window_mins`,
    value: window,
    message: `rule "${rule.name}" waits ${window} minutes to merge its alerts, but the alerts table expires them after ${config.global.alerts.ttl_days} day(s) (${ttlMinutes} minutes): they would vanish before being sent, without a dead letter`,
    hint: `use a merge window below ${ttlMinutes} minutes, or raise /global/alerts/ttl_days in variables.json`,
  };
}
