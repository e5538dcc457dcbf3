/**
 * `github`: opens an issue (`POST /repos/:owner/:repo/issues`) with Basic auth of `username` and
 * `access_token`. Properties: `repository` (owner/name), `labels` (comma-separated), `username`,
 * `access_token` (secret), optional `api` (GitHub Enterprise base URL).
 * Publisher fields: `@github.title`, `@github.body`.
 */
import { deliver, joinUrl, optionalProperty, requireProperty } from './common/deliver';
import { fitText, recordPointer, VENDOR_LIMITS } from './common/fit';
import { isObject, pubString, sortedJson } from './common/publication';
import type { OutputService } from './types';

/** Default API base. */
export const GITHUB_API = 'https://api.github.com';

/**
 * The issue body within GitHub's 65,536 characters: the record (or a publisher's `@github.body`) is shortened,
 * with a marker naming the alert and where its full record is.
 */
export function githubBody(description: string, custom: unknown, record: unknown, pointer: string): string {
  if (typeof custom === 'string') return fitText(custom, VENDOR_LIMITS.githubBodyChars, pointer);
  const head = `### Description\n${description}\n\n### Event data\n\n\`\`\`\n`;
  const tail = '\n```';
  return `${head}${fitText(sortedJson(record), VENDOR_LIMITS.githubBodyChars - head.length - tail.length, pointer)}${tail}`;
}

/** The GitHub output. */
export const githubOutput: OutputService = {
  service: 'github',
  resourceInConfig: false,
  properties: [
    { name: 'repository', description: 'the repository, as owner/name', secret: false },
    { name: 'labels', description: 'comma-separated labels to put on new issues', secret: false, required: false },
    { name: 'username', description: 'the GitHub user the token belongs to', secret: false },
    { name: 'access_token', description: 'a token allowed to create issues in the repository', secret: true },
    { name: 'api', description: `API base URL (default ${GITHUB_API})`, secret: false, required: false },
  ],
  send: (alert, context) =>
    deliver(githubOutput, context, async (http) => {
      const repository = requireProperty(context, 'github', 'repository');
      const auth = Buffer.from(`${requireProperty(context, 'github', 'username')}:${requireProperty(context, 'github', 'access_token')}`).toString('base64');
      const pub = context.publication;
      const record = isObject(pub.record) ? pub.record : alert.record;
      const labels = (optionalProperty(context, 'labels') ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
      const res = await http.request({
        url: joinUrl(optionalProperty(context, 'api') ?? GITHUB_API, `repos/${repository}/issues`),
        headers: { Authorization: `Basic ${auth}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
        json: {
          title: pubString(pub, '@github.title', `StreamAlert: ${alert.rule_name}`),
          body: githubBody(alert.rule_description, pub['@github.body'], record, recordPointer(alert, context)),
          labels,
        },
      });
      const body = res.json();
      return isObject(body) && typeof body.html_url === 'string' ? `issue ${body.html_url}` : 'issue created';
    }),
};
