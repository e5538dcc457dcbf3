/**
 * The few PagerDuty REST API v2 calls `pagerduty-incident` makes. https://developer.pagerduty.com/api-reference/
 * Headers: `Authorization: Token token=<token>`, the versioned Accept type, and `From` (the acting user).
 */
import { joinUrl } from '../common/deliver';
import { isObject } from '../common/publication';
import type { HttpSession } from '../http';

/** Default REST API base. */
export const REST_API_URL = 'https://api.pagerduty.com';

type Json = Readonly<Record<string, unknown>>;

/** A thin client over one HTTP session. */
export class PagerDutyRestClient {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly http: HttpSession,
    private readonly base: string,
    token: string,
    emailFrom: string,
  ) {
    this.headers = { Authorization: `Token token=${token}`, Accept: 'application/vnd.pagerduty+json;version=2', From: emailFrom };
  }

  private async get(path: string, query: Record<string, string | readonly string[]>): Promise<Json> {
    const body = (await this.http.request({ url: joinUrl(this.base, path), headers: this.headers, query })).json();
    return isObject(body) ? body : {};
  }

  private async send(method: 'POST' | 'PUT', path: string, json: unknown): Promise<Json> {
    const body = (await this.http.request({ method, url: joinUrl(this.base, path), headers: this.headers, json })).json();
    return isObject(body) ? body : {};
  }

  /** The user with exactly this e-mail address, if any. */
  async userByEmail(email: string): Promise<Json | undefined> {
    const users = (await this.get('users', { query: email })).users;
    return (Array.isArray(users) ? users : []).find((u): u is Json => isObject(u) && u.email === email);
  }

  /** The incident opened for an event's dedup key, if it exists yet. */
  async incidentByKey(incidentKey: string): Promise<Json | undefined> {
    const incidents = (await this.get('incidents', { incident_key: incidentKey })).incidents;
    return Array.isArray(incidents) && isObject(incidents[0]) ? incidents[0] : undefined;
  }

  /** Open (triggered or acknowledged) incidents of a service, oldest first. */
  async openIncidents(serviceId: string): Promise<Json[]> {
    const incidents = (
      await this.get('incidents', { 'statuses[]': ['triggered', 'acknowledged'], 'service_ids[]': [serviceId], sort_by: 'created_at:asc' })
    ).incidents;
    return (Array.isArray(incidents) ? incidents : []).filter(isObject);
  }

  /** The priority reference of a priority name ('P1'), if the account has it. */
  async priorityByName(name: string): Promise<Json | undefined> {
    const priorities = (await this.get('priorities', {})).priorities;
    const found = (Array.isArray(priorities) ? priorities : []).find((p): p is Json => isObject(p) && p.name === name);
    return found ? { id: found.id, type: 'priority_reference' } : undefined;
  }

  modifyIncident(id: string, data: unknown): Promise<Json> {
    return this.send('PUT', `incidents/${id}`, data);
  }

  addNote(id: string, content: string): Promise<Json> {
    return this.send('POST', `incidents/${id}/notes`, { note: { content } });
  }

  requestResponder(id: string, requesterId: string, message: string, responderId: string): Promise<Json> {
    return this.send('POST', `incidents/${id}/responder_requests`, {
      requester_id: requesterId,
      message,
      responder_request_targets: [{ responder_request_target: { id: responderId, type: 'user_reference' } }],
    });
  }

  /** Merges `sourceId` into `targetId` (the seed's incident-merging request). */
  mergeInto(targetId: string, sourceId: string): Promise<Json> {
    return this.send('PUT', `incidents/${targetId}/merge`, { source_incidents: [{ id: sourceId, type: 'incident_reference' }] });
  }
}
