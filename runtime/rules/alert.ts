/** Building alerts: the deterministic alert id and the alert object. */
export { canonicalJson } from '../json';
import { createHash } from 'node:crypto';
import type { ClassifiedRecord } from '../classifier/types';
import { canonicalJson } from '../json';
import { publisherNamesOf } from '../publishers/compose';
import type { AlertPublishers, PublisherSpec } from '../publishers/types';
import { getPath } from './helpers/lookup';
import type { Alert, RuleDefinition } from './types';

/**
 * The alert id: SHA-256 of the rule name, the log type and the record (or only the rule's `dedup` keys),
 * so a retried batch produces the same ids and a retry never pages twice.
 */
export function alertId(rule: Pick<RuleDefinition, 'name' | 'options'>, event: Pick<ClassifiedRecord, 'log_type' | 'record'>): string {
  const dedup = rule.options.dedup;
  const identity = dedup && dedup.length > 0 ? dedup.map((path) => getPath(event.record, path, null)) : event.record;
  return createHash('sha256').update(canonicalJson([rule.name, event.log_type, identity])).digest('hex');
}

/** What {@link buildAlert} needs beyond the rule and record. */
export interface BuildAlertInput {
  readonly cluster: string;
  readonly outputs: readonly string[];
  readonly title: string;
  readonly created: Date;
}

const publisherNames = new WeakMap<RuleDefinition, AlertPublishers>();

/** A rule's publishers as alerts store them (names), worked out once per rule. */
function namesOf(rule: RuleDefinition): AlertPublishers {
  let names = publisherNames.get(rule);
  if (names === undefined) {
    names = publisherNamesOf(rule.options.publishers as PublisherSpec, rule.name);
    publisherNames.set(rule, names);
  }
  return names;
}

/** The alert for one rule matching one record. */
export function buildAlert(rule: RuleDefinition, event: ClassifiedRecord, input: BuildAlertInput): Alert {
  const o = rule.options;
  return {
    alert_id: alertId(rule, event),
    rule_name: rule.name,
    rule_description: rule.description,
    severity: o.severity ?? 'medium',
    ...(o.severity === undefined ? {} : { severity_declared: true }),
    title: input.title,
    log_type: event.log_type,
    ...(event.parser === undefined ? {} : { parser: event.parser }),
    log_source: { service: event.source.service, resource: event.source.resource },
    cluster: event.source.cluster ?? input.cluster,
    record: event.record,
    outputs: input.outputs,
    context: o.context ?? {},
    merge_by_keys: o.merge_by_keys ?? [],
    merge_window_mins: o.merge_window_mins ?? 0,
    ...(o.publishers === undefined ? {} : { publishers: namesOf(rule) }),
    ...(o.attack !== undefined && o.attack.length > 0 ? { attack: o.attack } : {}),
    created: input.created.toISOString(),
  };
}
