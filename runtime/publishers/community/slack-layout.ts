/**
 * StreamAlert's Slack layout publishers (`publishers/community/slack/slack_layout.py`), named
 * `publishers.community.slack.slack_layout.<Name>`: `Summary` replaces the default message with a short
 * attachment (and keeps the previous publication for the others), `AttachRuleInfo`, `AttachPublication`,
 * `AttachStringTemplate` and `AttachFullRecord` append attachments.
 */
import type { Alert } from '../../rules/types';
import { publisher } from '../registry';
import type { Publication } from '../types';
import { presentRuleDescription } from './rule-description';
import { isPlainObject } from './walk';

const NAME = 'publishers.community.slack.slack_layout';
const PREVIOUS = '@slack._previous_publication';
const ATTACHMENTS = '@slack.attachments';
/** Airbnb's palette, as upstream. */
export const SLACK_COLORS = { RAUSCH: '#ff5a5f', BABU: '#00d1c1', LIMA: '#8ce071', HACKBERRY: '#7b0051', BEACH: '#ffb400' } as const;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sortedPretty(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
  return JSON.stringify(sort(value), null, 2);
}

function withAttachment(publication: Publication, attachment: Record<string, unknown>): Publication {
  const existing = Array.isArray(publication[ATTACHMENTS]) ? (publication[ATTACHMENTS] as unknown[]) : [];
  return { ...publication, [ATTACHMENTS]: [...existing, attachment] };
}

/** A short summary attachment: rule name (linked to a rules search), author, description, time. */
export const Summary = publisher(`${NAME}.Summary`, (alert, publication) => {
  const presentation = presentRuleDescription(alert.rule_description);
  const query = new URLSearchParams({ q: `${alert.rule_name} path:/rules` }).toString();
  return {
    '@slack.text': 'Rule triggered',
    [ATTACHMENTS]: [
      {
        fallback: `Rule triggered: ${alert.rule_name}`,
        color: SLACK_COLORS.RAUSCH,
        author_name: presentation.author,
        author_link: '',
        author_icon: '',
        title: alert.rule_name,
        title_link: `https://github.com/airbnb/streamalert/search?${query}`,
        text: escape(presentation.description),
        image_url: '',
        thumb_url: '',
        footer: '',
        footer_icon: '',
        ts: alert.created ? Math.floor(Date.parse(alert.created) / 1000) : '',
        mrkdwn_in: [],
      },
    ],
    [PREVIOUS]: publication,
  };
});

/** The rule description's fields (`reference: ...`, `playbook: ...`) as attachment fields. */
export const AttachRuleInfo = publisher(`${NAME}.AttachRuleInfo`, (alert, publication) => {
  const { fields } = presentRuleDescription(alert.rule_description);
  return withAttachment(publication, {
    color: SLACK_COLORS.LIMA,
    fields: Object.entries(fields).map(([key, value]) => ({ title: key.charAt(0).toUpperCase() + key.slice(1), value })),
  });
});

/** The publication before `Summary`, as a JSON code block (only after `Summary`). */
export const AttachPublication = publisher(`${NAME}.AttachPublication`, (_alert, publication) => {
  if (!(PREVIOUS in publication) || !(ATTACHMENTS in publication)) return publication;
  return withAttachment(publication, {
    color: SLACK_COLORS.BABU,
    title: 'Alert Data:',
    text: escape(`\`\`\`\n${sortedPretty(publication[PREVIOUS])}\n\`\`\``),
    mrkdwn_in: ['text'],
  });
});

/** Renders the rule context's `slack_message_template` (`{field}` placeholders) with the publication. */
export const AttachStringTemplate = publisher(`${NAME}.AttachStringTemplate`, (alert, publication) => {
  const template = typeof alert.context.slack_message_template === 'string' ? alert.context.slack_message_template : '[MISSING TEMPLATE]';
  const args = isPlainObject(publication[PREVIOUS]) ? publication[PREVIOUS] : publication;
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
  return withAttachment(publication, { color: SLACK_COLORS.BEACH, text: escape(text) });
});

/** Slack's attachment text limit, less room for the code fences. */
const RECORD_CHUNK = 4000 - 10;

function recordAttachment(alert: Alert, document: string, first: boolean, last: boolean): Record<string, unknown> {
  const service = alert.log_source.service;
  return {
    color: SLACK_COLORS.HACKBERRY,
    author: first ? alert.log_source.resource : '',
    title: first ? 'Record' : '',
    text: `\`\`\`\n${document}\n\`\`\``,
    fields: last ? [{ title: 'Alert Id', value: alert.alert_id }] : [],
    footer: last ? `via <https://console.aws.amazon.com/${service}/home|${service}>` : '',
    footer_icon: '',
    mrkdwn_in: ['text'],
  };
}

/** The whole record as JSON code blocks, split by lines over as many attachments as needed. */
export const AttachFullRecord = publisher(`${NAME}.AttachFullRecord`, (alert, publication) => {
  const lines = escape(sortedPretty(alert.record)).split('\n');
  const documents: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + line.length > RECORD_CHUNK) {
      documents.push(current);
      current = '';
    }
    current += `\n${line}`;
  }
  if (current !== '') documents.push(current);
  return documents.reduce(
    (pub, doc, i) => withAttachment(pub, recordAttachment(alert, doc, i === 0, i === documents.length - 1)),
    publication,
  );
});
