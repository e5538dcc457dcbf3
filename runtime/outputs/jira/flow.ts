/**
 * The Jira flow shared by `jira` (session cookie from username/password) and `jira-v2` (Basic auth with an
 * API token): create an issue, or with `aggregate` = yes add a comment to the issue opened today for the same
 * rule (one issue per rule and day).
 * Publisher fields: `@jira.issue_summary`, `@jira.description`.
 */
import type { Publication } from '../../publishers/types';
import type { Alert } from '../../rules/types';
import { joinUrl } from '../common/deliver';
import { fitText, VENDOR_LIMITS } from '../common/fit';
import { isObject, pubString, sortedJson } from '../common/publication';
import { OutputHttpError, type HttpSession } from '../http';

/** What the flow needs besides the session. */
export interface JiraTarget {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly projectKey: string;
  readonly issueType: string;
  readonly aggregate: boolean;
}

/** Quotes a string for a JQL string literal. */
export function jqlString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Neutralises the wiki-markup macros that end or open a preformatted block (`{code}`, `{noformat}`), so a log
 * value cannot close the description's code block and inject markup (links, remote images) after it. The
 * brace is escaped as Jira's markup escapes it (`\{`): shown, not interpreted.
 */
export function escapeJiraCode(text: string): string {
  return text.replace(/\{(?=(?:code|noformat)\b)/gi, '\\{');
}

const OPEN = '{code:JSON}';
const CLOSE = '{code}';

/**
 * Summary and description of an alert's issue. The description is the publication as JSON in a code block,
 * escaped, and shortened to Jira's 32,767 characters a field with a marker naming the alert and where its
 * full record is.
 */
export function jiraContent(alert: Alert, publication: Publication, pointer = `alert ${alert.alert_id}`): { summary: string; description: string } {
  const summary = fitText(pubString(publication, '@jira.issue_summary', `StreamAlert ${alert.rule_name}`), 255, pointer);
  const custom = publication['@jira.description'];
  if (typeof custom === 'string') return { summary, description: fitText(custom, VENDOR_LIMITS.jiraFieldChars, pointer) };
  const visible = Object.fromEntries(Object.entries(publication).filter(([k]) => !k.startsWith('@')));
  // Cut after escaping: a prefix of escaped text opens no macro, and the marker holds no brace.
  const body = fitText(escapeJiraCode(sortedJson(visible)), VENDOR_LIMITS.jiraFieldChars - OPEN.length - CLOSE.length, pointer);
  return { summary, description: `${OPEN}${body}${CLOSE}` };
}

async function findTodaysIssue(http: HttpSession, target: JiraTarget, summary: string): Promise<string | undefined> {
  const jql = `project = ${jqlString(target.projectKey)} AND summary ~ ${jqlString(summary)} AND created >= startOfDay() ORDER BY created ASC`;
  const res = await http.request({
    url: joinUrl(target.baseUrl, 'rest/api/2/search'),
    headers: target.headers,
    query: { jql, maxResults: 1, fields: 'id,summary' },
  });
  const body = res.json();
  const first = isObject(body) && Array.isArray(body.issues) ? body.issues[0] : undefined;
  // `summary ~` is a text search: keep only an exact match.
  return isObject(first) && isObject(first.fields) && first.fields.summary === summary && first.id !== undefined ? String(first.id) : undefined;
}

/** Runs the flow; resolves with a line saying what was done. */
export async function sendToJira(http: HttpSession, target: JiraTarget, alert: Alert, publication: Publication, pointer?: string): Promise<string> {
  const { summary, description } = jiraContent(alert, publication, pointer);
  if (target.aggregate) {
    const existing = await findTodaysIssue(http, target, summary);
    if (existing !== undefined) {
      await http.request({ url: joinUrl(target.baseUrl, `rest/api/2/issue/${existing}/comment`), headers: target.headers, json: { body: description } });
      return `comment added to issue ${existing}`;
    }
  }
  const res = await http.request({
    url: joinUrl(target.baseUrl, 'rest/api/2/issue'),
    headers: target.headers,
    json: { fields: { project: { key: target.projectKey }, summary, description, issuetype: { name: target.issueType } } },
  });
  const body = res.json();
  if (!isObject(body) || body.id === undefined) throw new OutputHttpError('jira: issue creation returned no issue id', { retryable: false });
  return `issue ${String(body.key ?? body.id)} created`;
}
