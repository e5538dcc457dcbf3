/**
 * Slack messages for one alert: a long record is split over several messages, in order, each within
 * Slack's size guidance; custom attachments from publishers (`@slack.attachments`) are grouped the same way.
 */
import type { Publication } from '../../publishers/types';
import type { Alert } from '../../rules/types';
import { isObject, pubString } from '../common/publication';
import { escapeMrkdwn, recordToMrkdwn } from './mrkdwn';
import { splitText } from './split';

/** Bytes of text (header, pretext, title, attachment text, fallback) one message may carry. */
export const MESSAGE_TEXT_LIMIT = 4000;
/** Characters of one attachment's text (Slack truncates longer ones). */
export const ATTACHMENT_TEXT_LIMIT = 4000;
/** Attachments per message (Slack's recommendation; StreamAlert's limit). */
export const MAX_ATTACHMENTS = 20;

/** One incoming-webhook payload. */
export interface SlackMessage {
  readonly text: string;
  readonly mrkdwn: true;
  readonly attachments: readonly Record<string, unknown>[];
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Shortens text to `max` characters by cutting its middle. */
export function elideMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 5;
  return `${text.slice(0, Math.ceil(keep / 2))} ... ${text.slice(text.length - Math.floor(keep / 2))}`;
}

/** The messages to post for an alert, in order. */
export function buildSlackMessages(alert: Alert, publication: Publication): SlackMessage[] {
  const header = elideMiddle(pubString(publication, '@slack.text', `*StreamAlert Rule Triggered: ${alert.rule_name}*`), 500);
  const custom = publication['@slack.attachments'];
  if (Array.isArray(custom)) return customMessages(header, custom);
  const record = isObject(publication.record) ? publication.record : alert.record;
  return recordMessages(header, alert.rule_description, record);
}

function recordMessages(header: string, description: string, record: unknown): SlackMessage[] {
  const pretext = `*Rule Description:*\n${escapeMrkdwn(elideMiddle(description, 1000))}\n`;
  const longestTitle = 'Record (part 9999 of 9999):';
  // Header twice: as message text and as attachment fallback.
  const overhead = 2 * bytes(header) + bytes(pretext) + bytes(longestTitle);
  const limit = Math.min(ATTACHMENT_TEXT_LIMIT, MESSAGE_TEXT_LIMIT - overhead);
  const pieces = splitText(recordToMrkdwn(record).join('\n'), limit, escapeMrkdwn);
  return pieces.map((piece, index) => ({
    text: header,
    mrkdwn: true,
    attachments: [
      {
        fallback: header,
        color: '#b22222',
        pretext: index === 0 ? pretext : '',
        title: pieces.length > 1 ? `Record (part ${index + 1} of ${pieces.length}):` : 'Record:',
        text: escapeMrkdwn(piece),
        mrkdwn_in: ['text', 'pretext'],
      },
    ],
  }));
}

const SKELETON: Readonly<Record<string, unknown>> = { fallback: '', color: '#36a64f', pretext: '', title: '', text: '', mrkdwn_in: ['text', 'pretext'] };

function customMessages(header: string, custom: readonly unknown[]): SlackMessage[] {
  const attachments = custom.filter(isObject).map((given) => {
    const attachment: Record<string, unknown> = { ...SKELETON, ...given };
    if (typeof attachment.text === 'string') attachment.text = elideMiddle(attachment.text, ATTACHMENT_TEXT_LIMIT);
    return attachment;
  });
  const textBytes = (a: Record<string, unknown>): number =>
    ['text', 'pretext', 'title', 'fallback'].reduce((n, k) => n + (typeof a[k] === 'string' ? bytes(a[k] as string) : 0), 0);
  const groups: Record<string, unknown>[][] = [];
  let current: Record<string, unknown>[] = [];
  let used = bytes(header);
  for (const attachment of attachments) {
    const size = textBytes(attachment);
    if (current.length > 0 && (current.length >= MAX_ATTACHMENTS || used + size > MESSAGE_TEXT_LIMIT)) {
      groups.push(current);
      current = [];
      used = bytes(header);
    }
    current.push(attachment);
    used += size;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((group) => ({ text: header, mrkdwn: true, attachments: group }));
}
