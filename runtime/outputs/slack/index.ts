/**
 * `slack`: posts to an incoming webhook (descriptor property `url`, a secret: the URL is the credential).
 * Publisher fields: `@slack.text` (first line), `@slack.attachments` (attachments instead of the record).
 * Messages of one alert are posted one after the other, so they arrive in order.
 */
import type { OutputService } from '../types';
import { deliver, requireProperty } from '../common/deliver';
import { buildSlackMessages } from './messages';

export { buildSlackMessages, MESSAGE_TEXT_LIMIT, ATTACHMENT_TEXT_LIMIT, MAX_ATTACHMENTS, type SlackMessage } from './messages';
export { recordToMrkdwn, escapeMrkdwn } from './mrkdwn';
export { splitText } from './split';

/** The Slack output. */
export const slackOutput: OutputService = {
  service: 'slack',
  resourceInConfig: false,
  properties: [{ name: 'url', description: 'the full Slack webhook URL, including the secret', secret: true }],
  send: (alert, context) =>
    deliver(slackOutput, context, async (http) => {
      const url = requireProperty(context, 'slack', 'url');
      const messages = buildSlackMessages(alert, context.publication);
      for (const [index, message] of messages.entries()) {
        try {
          await http.request({ url, json: message });
        } catch (err) {
          if (index > 0 && err instanceof Error) err.message = `${err.message} (after ${index} of ${messages.length} messages were posted)`;
          throw err;
        }
      }
      return `${messages.length} message(s) posted`;
    }),
};
