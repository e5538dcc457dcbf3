/**
 * `aws-cloudwatch-log`: writes the publication as one log line of the alert processor (CloudWatch Logs keeps
 * it). Descriptors are a plain list; no properties.
 */
import type { OutputService } from './types';

/** The CloudWatch Logs output. */
export const cloudwatchLogOutput: OutputService = {
  service: 'aws-cloudwatch-log',
  resourceInConfig: false,
  properties: [],
  send: (alert, context) => {
    context.logger.info('New Alert', { output: `aws-cloudwatch-log:${context.descriptor}`, alert_id: alert.alert_id, publication: context.publication });
    return Promise.resolve({ ok: true, detail: 'logged' });
  },
};
