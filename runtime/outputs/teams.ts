/**
 * `teams`: a Microsoft Teams connector card (MessageCard) posted to an incoming webhook (`url`, a secret).
 * Publisher fields: `@teams.title|description|card_color|with_record|additional_card_sections|buttons`.
 * https://learn.microsoft.com/en-us/outlook/actionable-messages/message-card-reference
 */
import type { Publication } from '../publishers/types';
import type { Alert } from '../rules/types';
import { deliver, requireProperty } from './common/deliver';
import { fitJsonPayload, recordPointer, VENDOR_LIMITS } from './common/fit';
import { isObject, pubBool, pubString } from './common/publication';
import type { OutputService } from './types';

function fact(name: string, value: unknown): { name: string; value: string } {
  return { name, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) };
}

/**
 * The connector card for an alert, within Teams' message limit (about 28 KB): a larger record becomes one
 * shortened fact ending with a marker that names the alert and where its full record is.
 */
export function teamsCard(alert: Alert, publication: Publication, pointer = `alert ${alert.alert_id}`): Record<string, unknown> {
  const record = isObject(publication.record) ? publication.record : alert.record;
  return fitJsonPayload((part) => cardOf(alert, publication, part), record, VENDOR_LIMITS.teamsCardBytes, pointer);
}

function cardOf(alert: Alert, publication: Publication, record: unknown): Record<string, unknown> {
  const title = pubString(publication, '@teams.title', `StreamAlert Rule Triggered: ${alert.rule_name}`);
  const sections: unknown[] = [{ activityTitle: 'Alert Info', facts: [fact('rule_name', alert.rule_name), fact('alert_id', alert.alert_id)] }];
  if (pubBool(publication, '@teams.with_record', true)) {
    const facts = isObject(record) ? Object.entries(record).map(([k, v]) => fact(k, v)) : [fact('record', record)];
    sections.push({ activityTitle: 'StreamAlert Alert Record', facts });
  }
  const extra = publication['@teams.additional_card_sections'];
  for (const section of Array.isArray(extra) ? extra : extra === undefined ? [] : [extra]) if (isObject(section)) sections.push(section);
  const buttons = publication['@teams.buttons'];
  const actions = (Array.isArray(buttons) ? buttons : [])
    .filter((b): b is [string, string] => Array.isArray(b) && typeof b[0] === 'string' && typeof b[1] === 'string')
    .map(([name, uri]) => ({ '@type': 'OpenUri', name, targets: [{ os: 'default', uri }] }));
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title,
    title,
    text: pubString(publication, '@teams.description', alert.rule_description),
    themeColor: pubString(publication, '@teams.card_color', 'E81123'),
    sections,
    ...(actions.length > 0 ? { potentialAction: actions } : {}),
  };
}

/** The Microsoft Teams output. */
export const teamsOutput: OutputService = {
  service: 'teams',
  resourceInConfig: false,
  properties: [{ name: 'url', description: 'the full Teams webhook URL, including the secret', secret: true }],
  send: (alert, context) =>
    deliver(teamsOutput, context, async (http) => {
      await http.request({ url: requireProperty(context, 'teams', 'url'), json: teamsCard(alert, context.publication, recordPointer(alert, context)) });
      return 'card posted';
    }),
};
