/** `jira` (Jira Server session login) and `jira-v2` (Jira Cloud API token), StreamAlert's property names. */
import { deliver, optionalProperty, requireProperty } from '../common/deliver';
import { recordPointer } from '../common/fit';
import { isObject } from '../common/publication';
import { joinUrl } from '../common/deliver';
import { OutputHttpError } from '../http';
import type { OutputContext, OutputService } from '../types';
import { sendToJira, type JiraTarget } from './flow';

export { jiraContent, jqlString, sendToJira, type JiraTarget } from './flow';

const AGGREGATE = { name: 'aggregate', description: 'one issue per rule and day, later alerts as comments (yes/no)', secret: false, required: false } as const;

function common(context: OutputContext, service: string): Omit<JiraTarget, 'headers'> {
  return {
    baseUrl: requireProperty(context, service, 'url'),
    projectKey: requireProperty(context, service, 'project_key'),
    issueType: requireProperty(context, service, 'issue_type'),
    aggregate: (optionalProperty(context, 'aggregate') ?? '').toLowerCase() === 'yes',
  };
}

/** `jira`: logs in (`POST rest/auth/1/session`) and sends the session cookie. */
export const jiraOutput: OutputService = {
  service: 'jira',
  resourceInConfig: false,
  properties: [
    { name: 'username', description: 'the Jira username', secret: true },
    { name: 'password', description: 'the Jira password', secret: true },
    { name: 'url', description: 'the Jira base URL', secret: true },
    { name: 'project_key', description: 'the Jira project key', secret: false },
    { name: 'issue_type', description: 'the Jira issue type (case-sensitive: "Task")', secret: false },
    AGGREGATE,
  ],
  send: (alert, context) =>
    deliver(jiraOutput, context, async (http) => {
      const base = common(context, 'jira');
      const login = await http.request({
        url: joinUrl(base.baseUrl, 'rest/auth/1/session'),
        json: { username: requireProperty(context, 'jira', 'username'), password: requireProperty(context, 'jira', 'password') },
      });
      const body = login.json();
      const session = isObject(body) && isObject(body.session) ? body.session : undefined;
      if (!session || typeof session.name !== 'string' || typeof session.value !== 'string') {
        throw new OutputHttpError('jira: login returned no session', { retryable: false });
      }
      return sendToJira(http, { ...base, headers: { cookie: `${session.name}=${session.value}` } }, alert, context.publication, recordPointer(alert, context));
    }),
};

/** `jira-v2`: Basic auth with `user_name` and an API token (`api_key`). */
export const jiraV2Output: OutputService = {
  service: 'jira-v2',
  resourceInConfig: false,
  properties: [
    { name: 'api_key', description: 'the Jira API token (https://id.atlassian.com/manage/api-tokens)', secret: true },
    { name: 'user_name', description: 'the Jira user of the API token (user@company.com)', secret: false },
    { name: 'url', description: 'the Jira base URL (https://company.atlassian.net)', secret: false },
    { name: 'project_key', description: 'the Jira project key', secret: false },
    { name: 'issue_type', description: 'the Jira issue type (case-sensitive: "Task")', secret: false },
    AGGREGATE,
  ],
  send: (alert, context) =>
    deliver(jiraV2Output, context, async (http) => {
      const auth = Buffer.from(`${requireProperty(context, 'jira-v2', 'user_name')}:${requireProperty(context, 'jira-v2', 'api_key')}`).toString('base64');
      const headers = { Accept: 'application/json', Authorization: `Basic ${auth}` };
      return sendToJira(http, { ...common(context, 'jira-v2'), headers }, alert, context.publication, recordPointer(alert, context));
    }),
};
