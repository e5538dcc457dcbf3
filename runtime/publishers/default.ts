/** The default publisher: the alert as StreamAlert's `Alert.output_dict()` presented it, with our extra fields. */
import type { Alert } from '../rules/types';
import { publisher } from './registry';
import { DEFAULT_PUBLISHER_NAME, type Publication } from './types';

/**
 * The alert as one JSON object. Keys follow StreamAlert's output dict (`id`, `log_source` = the log type,
 * `log_type` = its parser,
 * `source_service`, `source_entity`, ...) so consumers of its outputs keep working; `severity` and `title`
 * are ours. Existing keys are never renamed (Athena tables and output consumers depend on them).
 */
export function defaultPublication(alert: Alert): Publication {
  return {
    cluster: alert.cluster,
    context: alert.context,
    created: alert.created,
    id: alert.alert_id,
    log_source: alert.log_type,
    // StreamAlert's `log_type` is the parser (json, csv, kv, syslog); the log type is `log_source`.
    log_type: alert.parser ?? alert.log_type,
    outputs: [...alert.outputs].sort(),
    publishers: alert.publishers ?? {},
    record: alert.record,
    rule_description: alert.rule_description,
    rule_name: alert.rule_name,
    severity: alert.severity,
    source_entity: alert.log_source.resource,
    source_service: alert.log_source.service,
    staged: alert.staged === true,
    title: alert.title,
  };
}

/** The default publisher, registered under StreamAlert's name. */
export const defaultPublisher = publisher(DEFAULT_PUBLISHER_NAME, (alert) => defaultPublication(alert));
