/**
 * `aws-ses`: an HTML e-mail (with a plain-text alternative) through SES `SendRawEmail`, the record attached
 * as `record.json`. Properties: `from_email`, `to_emails` (comma-separated). Publisher fields:
 * `@aws-ses.subject`, `@aws-ses.body` (text, or `{ text, html }`), `@aws-ses.attach_record` (default true),
 * `@aws-ses.attachments` (`{ name: content }`).
 */
import { randomBytes } from 'node:crypto';
import type { Publication } from '../publishers/types';
import type { Alert } from '../rules/types';
import { deliver, requireProperty } from './common/deliver';
import { isObject, pubBool, pubString, sortedJson } from './common/publication';
import type { OutputService } from './types';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function headerText(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean) ? clean : `=?UTF-8?B?${Buffer.from(clean).toString('base64')}?=`;
}

const base64Lines = (content: string): string => (Buffer.from(content).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

function part(type: string, content: string, extra: string[] = []): string {
  return [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', ...extra, '', base64Lines(content)].join('\r\n');
}

function multipart(type: string, parts: readonly string[]): string {
  const boundary = `sa-${randomBytes(12).toString('hex')}`;
  return [`Content-Type: multipart/${type}; boundary="${boundary}"`, '', ...parts.map((p) => `--${boundary}\r\n${p}`), `--${boundary}--`, ''].join('\r\n');
}

function bodies(alert: Alert, publication: Publication): { text: string; html: string } {
  const body = publication['@aws-ses.body'];
  if (isObject(body) && (typeof body.text === 'string' || typeof body.html === 'string')) {
    const text = typeof body.text === 'string' ? body.text : '';
    return { text, html: typeof body.html === 'string' ? body.html : `<pre>${escapeHtml(text)}</pre>` };
  }
  if (typeof body === 'string') return { text: body, html: `<p>${escapeHtml(body)}</p>` };
  const intro = 'Please review the attached record.json';
  return {
    text: `${alert.rule_name}: ${alert.rule_description}\n\n${intro}`,
    html:
      `<h2>${escapeHtml(alert.rule_name)}</h2><p>${escapeHtml(alert.rule_description)}</p>` +
      `<table><tr><th align="left">Alert id</th><td>${escapeHtml(alert.alert_id)}</td></tr>` +
      `<tr><th align="left">Severity</th><td>${alert.severity}</td></tr><tr><th align="left">Log type</th><td>${escapeHtml(alert.log_type)}</td></tr></table>` +
      `<p>${intro}</p>`,
  };
}

/** The raw MIME message. */
export function buildEmail(alert: Alert, publication: Publication, from: string, to: readonly string[]): string {
  const subject = pubString(publication, '@aws-ses.subject', `${alert.rule_name} triggered alert ${alert.alert_id}`);
  const { text, html } = bodies(alert, publication);
  const parts = [multipart('alternative', [part('text/plain', text), part('text/html', html)])];
  const attach = (name: string, content: string): void =>
    void parts.push(part('application/json', content, [`Content-Disposition: attachment; filename="${name.replace(/"/g, '')}"`]));
  if (pubBool(publication, '@aws-ses.attach_record', true)) attach('record.json', sortedJson(alert.record));
  const extra = publication['@aws-ses.attachments'];
  if (isObject(extra)) for (const [name, content] of Object.entries(extra)) attach(name, typeof content === 'string' ? content : JSON.stringify(content));
  const headers = [`From: ${headerText(from)}`, `To: ${headerText(to.join(', '))}`, `Subject: ${headerText(subject)}`, 'MIME-Version: 1.0'];
  return `${headers.join('\r\n')}\r\n${multipart('mixed', parts)}`;
}

/** The SES output. */
export const sesOutput: OutputService = {
  service: 'aws-ses',
  resourceInConfig: false,
  properties: [
    { name: 'from_email', description: 'the SES-verified address to send from', secret: false },
    { name: 'to_emails', description: 'recipient addresses, comma-separated', secret: false },
  ],
  send: (alert, context) =>
    deliver(sesOutput, context, async () => {
      const from = requireProperty(context, 'aws-ses', 'from_email');
      const to = requireProperty(context, 'aws-ses', 'to_emails').split(',').map((a) => a.trim()).filter((a) => a !== '');
      const sdk = await import('./output-ses-sdk.lazy');
      const client = new sdk.SESClient({ region: context.account.region });
      const res = await client.send(
        new sdk.SendRawEmailCommand({ Source: from, Destinations: to, RawMessage: { Data: Buffer.from(buildEmail(alert, context.publication, from, to)) } }),
        { abortSignal: AbortSignal.timeout(context.timeoutMs) },
      );
      return `e-mail sent (message ${String(res.MessageId)})`;
    }),
};
