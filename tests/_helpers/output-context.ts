/** A sample alert and an OutputContext whose logger captures every line, for output tests. */
import { createLogger } from '../../runtime/logger';
import type { OutputContext } from '../../runtime/outputs/types';
import { defaultPublication as realDefault } from '../../runtime/publishers/default';
import type { Publication } from '../../runtime/publishers/types';
import type { Alert } from '../../runtime/rules/types';

/** A sample alert; `overrides` replace fields. */
export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    alert_id: 'a1b2c3d4e5f6',
    rule_name: 'cloudtrail_root_account_usage',
    rule_description: 'The root account was used',
    severity: 'high',
    title: 'Root account used',
    log_type: 'cloudtrail:events',
    log_source: { service: 'kinesis', resource: 'prefix_prod_streamalert' },
    cluster: 'prod',
    record: { eventName: 'ConsoleLogin', userIdentity: { type: 'Root', arn: 'arn:aws:iam::123456789012:root' }, sourceIPAddress: '198.51.100.7' },
    outputs: ['slack:security'],
    context: {},
    merge_by_keys: [],
    merge_window_mins: 0,
    created: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The default publication of an alert (what the default publisher passes on). */
export function defaultPublication(alert: Alert): Publication {
  return realDefault(alert);
}

/** Context plus the log lines written through its logger. */
export interface CapturingContext {
  readonly context: OutputContext;
  readonly lines: string[];
}

/** An output context for `descriptor` with these properties; every log line is kept in `lines`. */
export function outputContext(
  descriptor: string,
  properties: Readonly<Record<string, string>>,
  options: { readonly publication?: Publication; readonly timeoutMs?: number; readonly resource?: string; readonly alert?: Alert } = {},
): CapturingContext {
  const lines: string[] = [];
  const context: OutputContext = {
    descriptor,
    resource: options.resource,
    properties,
    publication: options.publication ?? defaultPublication(options.alert ?? sampleAlert()),
    account: { id: '123456789012', prefix: 'prefix', region: 'us-east-1' },
    timeoutMs: options.timeoutMs ?? 5000,
    logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
  };
  return { context, lines };
}
