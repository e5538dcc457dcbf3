/**
 * `pagerduty-incident`: triggers an Events API v2 event with the descriptor's `integration_key`, finds the
 * incident it opened (REST API, by dedup key), then sets its title, service, priority, assignment (rule
 * context `assigned_user`, else `assigned_policy_id` or the descriptor's `escalation_policy_id`) and urgency,
 * requests responders and adds a note. With rule context `merge_open_incidents: true`, the new incident is
 * merged into the oldest open incident of the same title on the service (one incident per rule while open).
 * Rule context lives under `context['pagerduty-incident']`; publisher fields are StreamAlert's
 * `@pagerduty-incident.incident_title|note|urgency|incident_body` plus the `@pagerduty-v2.*` ones.
 */
import type { Alert } from '../../rules/types';
import { deliver, optionalProperty, requireProperty } from '../common/deliver';
import { recordPointer } from '../common/fit';
import { isObject, pubOptionalString, pubString } from '../common/publication';
import { OutputHttpError, type HttpSession } from '../http';
import type { OutputContext, OutputService } from '../types';
import { EVENTS_V2_URL, eventsV2Payload } from './events-v2';
import { PagerDutyRestClient, REST_API_URL } from './rest-client';

type Json = Readonly<Record<string, unknown>>;
const SERVICE = 'pagerduty-incident';

async function waitForIncident(http: HttpSession, client: PagerDutyRestClient, key: string): Promise<Json> {
  // The Events API opens incidents asynchronously: poll a few times within the output's budget.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const incident = await client.incidentByKey(key);
    if (incident && typeof incident.id === 'string') return incident;
    const wait = 200 * 2 ** attempt;
    if (http.remainingMs() < wait + 500) break;
    await new Promise((done) => setTimeout(done, wait));
  }
  throw new OutputHttpError(`${SERVICE}: no incident found for dedup key ${key} yet`, { retryable: true });
}

async function incidentUpdate(client: PagerDutyRestClient, alert: Alert, context: OutputContext, rule: Json): Promise<Json> {
  const pub = context.publication;
  const incident: Record<string, unknown> = {
    type: 'incident',
    title: pubString(pub, '@pagerduty-incident.incident_title', `StreamAlert Incident - Rule triggered: ${alert.rule_name}`),
    service: { id: requireProperty(context, SERVICE, 'service_id'), type: 'service_reference' },
    body: { type: 'incident_body', details: pubString(pub, '@pagerduty-incident.incident_body', alert.rule_description) },
  };
  if (typeof rule.incident_priority === 'string') {
    const priority = await client.priorityByName(rule.incident_priority);
    if (priority) incident.priority = priority;
  }
  const assignee = typeof rule.assigned_user === 'string' ? await client.userByEmail(rule.assigned_user) : undefined;
  if (assignee) incident.assignments = [{ assignee: { id: assignee.id, type: 'user_reference' } }];
  else {
    const policy = typeof rule.assigned_policy_id === 'string' ? rule.assigned_policy_id : requireProperty(context, SERVICE, 'escalation_policy_id');
    incident.escalation_policy = { id: policy, type: 'escalation_policy_reference' };
  }
  const urgency = pubOptionalString(pub, '@pagerduty-incident.urgency');
  if (urgency === 'low' || urgency === 'high') incident.urgency = urgency;
  return { incident };
}

async function run(http: HttpSession, alert: Alert, context: OutputContext): Promise<string> {
  const emailFrom = requireProperty(context, SERVICE, 'email_from');
  const client = new PagerDutyRestClient(http, optionalProperty(context, 'api') ?? REST_API_URL, requireProperty(context, SERVICE, 'token'), emailFrom);
  const rule: Json = isObject(alert.context[SERVICE]) ? (alert.context[SERVICE] as Json) : {};
  const actor = await client.userByEmail(emailFrom);
  if (!actor) throw new OutputHttpError(`${SERVICE}: email_from ${emailFrom} is not a PagerDuty user`, { retryable: false });

  const event = eventsV2Payload(alert, context.publication, context.descriptor, requireProperty(context, SERVICE, 'integration_key'), rule.with_record !== false, recordPointer(alert, context));
  const enqueued = (await http.request({ url: optionalProperty(context, 'url') ?? EVENTS_V2_URL, json: event })).json();
  const key = isObject(enqueued) && typeof enqueued.dedup_key === 'string' ? enqueued.dedup_key : String(event.dedup_key);
  const incident = await waitForIncident(http, client, key);
  const id = String(incident.id);
  const update = await incidentUpdate(client, alert, context, rule);
  await client.modifyIncident(id, update);

  const errors: string[] = [];
  const responders = Array.isArray(rule.responders) ? rule.responders : typeof rule.responders === 'string' ? [rule.responders] : [];
  const message = typeof rule.responder_message === 'string' ? rule.responder_message : 'An incident was reported that requires your attention.';
  for (const email of responders.filter((r): r is string => typeof r === 'string')) {
    const responder = await client.userByEmail(email);
    if (responder) await client.requestResponder(id, String(actor.id), message, String(responder.id));
    else errors.push(`responder ${email} is not a PagerDuty user`);
  }
  const note = pubString(context.publication, '@pagerduty-incident.note', typeof rule.note === 'string' ? rule.note : 'Creating SOX Incident');
  if (note !== '') await client.addNote(id, note);
  if (errors.length > 0) await client.addNote(id, `StreamAlert could not fully set up this incident:\n${errors.map((e) => `- ${e}`).join('\n')}`);

  if (rule.merge_open_incidents === true) {
    const title = (update.incident as Json).title;
    const target = (await client.openIncidents(requireProperty(context, SERVICE, 'service_id'))).find((i) => i.id !== id && i.title === title);
    if (target) {
      await client.mergeInto(String(target.id), id);
      return `incident ${id} merged into open incident ${String(target.id)}`;
    }
  }
  return `incident ${id} set up${errors.length > 0 ? ` (${errors.join('; ')})` : ''}`;
}

/** The PagerDuty incident output. */
export const pagerdutyIncidentOutput: OutputService = {
  service: SERVICE,
  resourceInConfig: false,
  properties: [
    { name: 'token', description: 'a PagerDuty REST API token', secret: true },
    { name: 'service_name', description: 'the name of the PagerDuty service incidents belong to', secret: false, required: false },
    { name: 'service_id', description: 'the id of that PagerDuty service', secret: false },
    { name: 'escalation_policy', description: 'the name of the default escalation policy', secret: false, required: false },
    { name: 'escalation_policy_id', description: 'the id of the default escalation policy', secret: false },
    { name: 'email_from', description: 'the e-mail of the PagerDuty user acting for StreamAlert', secret: false },
    { name: 'integration_key', description: 'the Events API v2 integration key of the service', secret: true },
    { name: 'api', description: `REST API base URL (default ${REST_API_URL})`, secret: false, required: false },
    { name: 'url', description: `Events API endpoint (default ${EVENTS_V2_URL})`, secret: false, required: false },
  ],
  send: (alert, context) => deliver(pagerdutyIncidentOutput, context, (http) => run(http, alert, context)),
};
