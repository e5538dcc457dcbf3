/**
 * Slack messages for one alert: a long record is split over several messages, in order, each within
 * Slack's size guidance; custom attachments from publishers (`@slack.attachments`) are grouped the same way.
 * At most {@link MAX_MESSAGES} messages: past that the record is cut, and the last message says so and where
 * the full record is (a 290 KB record would otherwise be some 76 posts that never finish within the timeout).
 */
import type { Publication } from '../../publishers/types';
import type { Alert } from '../../rules/types';
import { truncationMarker } from '../common/fit';
import { isObject, pubString } from '../common/publication';
import { escapeMrkdwn, recordToMrkdwn } from './mrkdwn';
import { splitText } from './split';

/** Bytes of text (header, pretext, title, attachment text, fallback) one message may carry. */
export const MESSAGE_TEXT_LIMIT = 4000;
/** Characters of one attachment's text (Slack truncates longer ones). */
export const ATTACHMENT_TEXT_LIMIT = 4000;
/** Attachments per message (Slack's recommendation; StreamAlert's limit). */
export const MAX_ATTACHMENTS = 20;
/** Messages per alert at most; the rest of a longer record is cut with a marker. */
export const MAX_MESSAGES = 5;

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

/**
 * The messages to post for an alert, in order (at most {@link MAX_MESSAGES}). `pointer` names the alert and
 * where its full record is, for the marker of a cut record. The same alert always gives the same messages, so
 * a retry can skip those already accepted.
 */
export function buildSlackMessages(alert: Alert, publication: Publication, pointer = `alert ${alert.alert_id}`): SlackMessage[] {
  const header = elideMiddle(pubString(publication, '@slack.text', `*StreamAlert Rule Triggered: ${alert.rule_name}*`), 500);
  const custom = publication['@slack.attachments'];
  if (Array.isArray(custom)) return customMessages(header, custom, pointer);
  const record = isObject(publication.record) ? publication.record : alert.record;
  return recordMessages(header, alert.rule_description, record, pointer);
}

/** The first {@link MAX_MESSAGES} pieces, the last one cut to leave room for the marker. */
function capPieces(pieces: string[], limit: number, pointer: string, totalChars: number): string[] {
  if (pieces.length <= MAX_MESSAGES) return pieces;
  const kept = pieces.slice(0, MAX_MESSAGES);
  const shownBefore = kept.slice(0, -1).reduce((n, p) => n + p.length, 0);
  let last = kept[MAX_MESSAGES - 1];
  const marked = (text: string): string => `${text}${truncationMarker(pointer, shownBefore + text.length, totalChars, 'chars')}`;
  while (last.length > 0 && bytes(escapeMrkdwn(marked(last))) > limit) last = last.slice(0, Math.max(0, last.length - Math.max(64, bytes(escapeMrkdwn(marked(last))) - limit)));
  kept[MAX_MESSAGES - 1] = marked(last);
  return kept;
}

function recordMessages(header: string, description: string, record: unknown, pointer: string): SlackMessage[] {
  const pretext = `*Rule Description:*\n${escapeMrkdwn(elideMiddle(description, 1000))}\n`;
  const longestTitle = 'Record (part 9999 of 9999):';
  // Header twice: as message text and as attachment fallback.
  const overhead = 2 * bytes(header) + bytes(pretext) + bytes(longestTitle);
  const limit = Math.min(ATTACHMENT_TEXT_LIMIT, MESSAGE_TEXT_LIMIT - overhead);
  const text = recordToMrkdwn(record).join('\n');
  // A piece holds at most `limit` characters (escaping only adds bytes): the rest could never be sent.
  const reachable = text.slice(0, MAX_MESSAGES * limit + 1);
  const pieces = capPieces(splitText(reachable, limit, escapeMrkdwn), limit, pointer, text.length);
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

function customMessages(header: string, custom: readonly unknown[], pointer: string): SlackMessage[] {
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
  if (groups.length > MAX_MESSAGES) {
    const kept = groups.slice(0, MAX_MESSAGES);
    const shown = kept.reduce((n, g) => n + g.length, 0) - 1;
    const last = kept[MAX_MESSAGES - 1];
    const note = truncationMarker(pointer, shown, attachments.length, 'chars').replace('characters', 'attachments').trim();
    // The marker takes the place of the last attachment that fits with it.
    last.pop();
    while (last.length > 0 && bytes(header) + last.reduce((n, a) => n + textBytes(a), 0) + bytes(note) > MESSAGE_TEXT_LIMIT) last.pop();
    const shownNow = kept.reduce((n, g) => n + g.length, 0);
    last.push({ ...SKELETON, title: 'Truncated', text: note.replace(`${shown} of`, `${shownNow} of`) });
    return kept.map((group) => ({ text: header, mrkdwn: true, attachments: group }));
  }
  return groups.map((group) => ({ text: header, mrkdwn: true, attachments: group }));
}
