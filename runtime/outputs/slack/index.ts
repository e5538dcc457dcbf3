/**
 * `slack`: posts to an incoming webhook (descriptor property `url`, a secret: the URL is the credential).
 * Publisher fields: `@slack.text` (first line), `@slack.attachments` (attachments instead of the record).
 * Messages of one alert are posted one after the other, so they arrive in order; each accepted one is
 * reported through `onProgress`, and a retry starts after the last one accepted (`resumeAt`).
 */
import type { OutputService } from '../types';
import { deliver, requireProperty } from '../common/deliver';
import { recordPointer } from '../common/fit';
import { buildSlackMessages } from './messages';

export { buildSlackMessages, MESSAGE_TEXT_LIMIT, ATTACHMENT_TEXT_LIMIT, MAX_ATTACHMENTS, MAX_MESSAGES, type SlackMessage } from './messages';
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
      const messages = buildSlackMessages(alert, context.publication, recordPointer(alert, context));
      const start = Math.min(Math.max(0, Math.floor(context.resumeAt ?? 0)), messages.length);
      for (let index = start; index < messages.length; index += 1) {
        try {
          await http.request({ url, json: messages[index] });
        } catch (err) {
          if (index > 0 && err instanceof Error) err.message = `${err.message} (after ${index} of ${messages.length} messages were posted)`;
          throw err;
        }
        context.onProgress?.(index + 1);
      }
      return start > 0 ? `${messages.length - start} message(s) posted (${start} accepted earlier)` : `${messages.length} message(s) posted`;
    }),
};
