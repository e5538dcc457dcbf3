/**
 * A loopback HTTP server that speaks the audit-log APIs of the StreamAlert apps (auth checked, paging as
 * each service documents it), over a list of generated events a test can grow, with faults it can inject.
 * One server per test file; `use(spec)` switches the API it speaks.
 */
import { createHmac, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake sees it. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A response the fake sends. */
export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One API. `events` are oldest first; `base` is the server's own URL (for next links). */
export interface FakeApiSpec {
  readonly type: string;
  readonly auth: Readonly<Record<string, string>>;
  /** Records per page when the API's page size is fixed (Duo: 1,000); else the fake serves 3 per page. */
  readonly pageSize?: number;
  /** Builds event `i` at `time` (epoch ms). */
  make(i: number, time: number): Record<string, unknown>;
  serve(request: FakeRequest, events: readonly Record<string, unknown>[], base: string): FakeResponse;
}

/** The running fake. */
export interface FakeSaas {
  readonly url: string;
  readonly requests: FakeRequest[];
  /** Switches to `spec`, with no events, no faults and no requests. */
  use(spec: FakeApiSpec): void;
  /** Adds `count` events, `stepMs` apart, ending before `end`. */
  addEvents(count: number, end: number, stepMs?: number): Record<string, unknown>[];
  /** Answers request number `n` (1-based, counted from now) with `response` instead, `times` times in a row. */
  failAt(n: number, response: FakeResponse, times?: number): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 (any free port). */
export async function startFakeSaas(): Promise<FakeSaas> {
  let spec: FakeApiSpec | undefined;
  let events: Record<string, unknown>[] = [];
  const requests: FakeRequest[] = [];
  let faults: { at: number; response: FakeResponse; left: number }[] = [];
  let counted = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: FakeRequest = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', base), headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(request);
      counted += 1;
      const fault = faults.find((f) => f.at <= counted && f.left > 0);
      let out: FakeResponse;
      if (fault) {
        fault.left -= 1;
        out = fault.response;
      } else {
        out = spec ? spec.serve(request, events, base) : { status: 500, body: { error: 'no API selected' } };
      }
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    use(next) {
      spec = next;
      events = [];
      faults = [];
      requests.length = 0;
      counted = 0;
    },
    addEvents(count, end, stepMs = 1000) {
      if (!spec) throw new TypeError('use() an API first');
      const start = events.length;
      const added = Array.from({ length: count }, (_, k) => spec!.make(start + k, end - (count - k) * stepMs));
      events.push(...added);
      return added;
    },
    failAt(n, response, times = 1) {
      faults.push({ at: counted + n, response, left: times });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const unauthorized: FakeResponse = { status: 401, body: { error: 'unauthorized' } };

/** Events at or after `since` (epoch ms), by the event's time. */
function since<T extends Record<string, unknown>>(events: readonly T[], from: number, timeOf: (e: T) => number): T[] {
  return events.filter((e) => timeOf(e) >= from);
}

/** Serves `list` `size` at a time from offset `after`, with a next URL built by `nextUrl`. */
function slice<T>(list: readonly T[], after: number, size: number): { items: T[]; next?: number } {
  const items = list.slice(after, after + size);
  return { items, next: after + size < list.length ? after + size : undefined };
}

const PAGE = 3;

/** Duo Admin API v1 logs (HMAC-SHA1 signed requests, `mintime` in seconds, 1,000 per page). */
export function duoSpec(kind: 'auth' | 'admin'): FakeApiSpec {
  const auth = { api_hostname: 'api-abcdef12.duosecurity.com', integration_key: 'DIABCDEFGHIJKLMN1234', secret_key: 'a'.repeat(40) };
  const path = `/admin/v1/logs/${kind === 'auth' ? 'authentication' : 'administrator'}`;
  return {
    type: `duo_${kind}`,
    auth,
    pageSize: 1000,
    make: (i, time) =>
      kind === 'auth'
        ? { access_device: { os: 'Mac OS X' }, alias: '', device: '555-0100', factor: 'Duo Push', integration: 'vpn', ip: '198.51.100.7', isotimestamp: new Date(time).toISOString(), location: { country: 'US' }, new_enrollment: false, reason: 'user approved', result: 'SUCCESS', timestamp: Math.floor(time / 1000), username: `user${i}` }
        : { action: 'user_update', description: `{"n": ${i}}`, object: `user${i}`, timestamp: Math.floor(time / 1000), username: 'admin' },
    serve(request, events) {
      const date = String(request.headers.date ?? '');
      const params = new URLSearchParams(request.url.search);
      const canonical = [date, 'GET', auth.api_hostname, request.url.pathname, params.toString()].join('\n');
      const expected = `Basic ${Buffer.from(`${auth.integration_key}:${createHmac('sha1', auth.secret_key).update(canonical).digest('hex')}`).toString('base64')}`;
      if (request.headers.authorization !== expected || request.url.pathname !== path) return unauthorized;
      const mintime = Number(params.get('mintime')) * 1000;
      const list = since(events, mintime, (e) => Number(e.timestamp) * 1000).slice(0, 1000);
      return { status: 200, body: { stat: 'OK', response: list } };
    },
  };
}

/** OneLogin: OAuth token, then `/api/1/events` with `pagination.next_link`. Tokens can be expired by the test. */
export function oneloginSpec(): FakeApiSpec & { expireTokens(): void } {
  const auth = { region: 'us', client_id: 'c'.repeat(64), client_secret: 's'.repeat(64) };
  let generation = 0;
  return {
    type: 'onelogin_events',
    auth,
    expireTokens: () => {
      generation += 1;
    },
    // Every field the events API returns (null when empty), as OneLogin documents an event.
    make: (i, time) => ({
      id: 1000 + i, created_at: new Date(time).toISOString(), account_id: 1, user_id: 100 + i, event_type_id: 5, notes: null, ipaddr: '198.51.100.8',
      actor_user_id: 7, assuming_acting_user_id: null, role_id: null, app_id: 42, group_id: null, otp_device_id: null, policy_id: null,
      actor_system: '', custom_message: null, role_name: null, app_name: 'AWS', group_name: null, actor_user_name: 'Ada Admin', user_name: `user${i}`,
      policy_name: null, otp_device_name: null, operation_name: null, directory_sync_run_id: null, directory_id: null, resolution: null,
      client_id: null, resource_type_id: null, error_description: null, proxy_ip: null,
    }),
    serve(request, events, base) {
      if (request.url.pathname === '/auth/oauth2/v2/token') {
        const ok = request.headers.authorization === `client_id:${auth.client_id}, client_secret:${auth.client_secret}` && JSON.parse(request.body).grant_type === 'client_credentials';
        return ok ? { status: 200, body: { access_token: `token-${generation}`, token_type: 'bearer', expires_in: 36000 } } : unauthorized;
      }
      if (request.headers.authorization !== `bearer:token-${generation}`) return unauthorized;
      const q = request.url.searchParams;
      const list = since(events, Date.parse(q.get('since') ?? ''), (e) => Date.parse(String(e.created_at)));
      const { items, next } = slice(list, Number(q.get('after_cursor') ?? 0), PAGE);
      const nextUrl = next === undefined ? null : `${base}/api/1/events?since=${encodeURIComponent(q.get('since') ?? '')}&after_cursor=${next}`;
      return { status: 200, body: { status: { error: false, code: 200 }, pagination: { next_link: nextUrl }, data: items } };
    },
  };
}

/** Okta System Log: `SSWS` token, ascending, `Link: rel="next"` always present (polling mode). */
export function oktaSpec(): FakeApiSpec {
  const auth = { okta_domain: 'acme.okta.com', api_token: 't0k3n' };
  return {
    type: 'okta_system_log',
    auth,
    make: (i, time) => ({
      uuid: `uuid-${i}`,
      published: new Date(time).toISOString(),
      eventType: 'user.session.start',
      version: '0',
      severity: 'INFO',
      legacyEventType: 'core.user_auth.login_success',
      displayMessage: 'User login to Okta',
      actor: { id: `u${i}`, type: 'User' },
      client: { ipAddress: '198.51.100.9' },
      outcome: { result: 'SUCCESS' },
      target: [],
      transaction: { id: `t${i}` },
      debugContext: { debugData: {} },
      authenticationContext: {},
      securityContext: {},
      request: { ipChain: [] },
    }),
    serve(request, events, base) {
      if (request.headers.authorization !== `SSWS ${auth.api_token}`) return unauthorized;
      const q = request.url.searchParams;
      const list = since(events, Date.parse(q.get('since') ?? ''), (e) => Date.parse(String(e.published)));
      const { items } = slice(list, Number(q.get('after') ?? 0), PAGE);
      const after = Number(q.get('after') ?? 0) + items.length;
      const link = `<${base}/api/v1/logs?since=${encodeURIComponent(q.get('since') ?? '')}&after=${after}>; rel="next"`;
      return { status: 200, body: items, headers: { link } };
    },
  };
}

/** GitHub org audit log: bearer token, `phrase=created:>=`, ascending, `Link: rel="next"` while more. */
export function githubSpec(): FakeApiSpec {
  const auth = { organization: 'acme', token: 'ghp_example', api_hostname: 'api.github.com' };
  return {
    type: 'github_audit_log',
    auth,
    make: (i, time) => ({ '@timestamp': time, _document_id: `doc-${i}`, action: 'org.update_member', actor: 'octocat', org: 'acme', created_at: time }),
    serve(request, events, base) {
      if (request.headers.authorization !== `Bearer ${auth.token}` || request.url.pathname !== '/orgs/acme/audit-log') return unauthorized;
      const q = request.url.searchParams;
      const from = Date.parse(/created:>=(\S+)/.exec(q.get('phrase') ?? '')?.[1] ?? '');
      const list = since(events, from, (e) => Number(e['@timestamp']));
      const { items, next } = slice(list, Number(q.get('page') ?? 0), PAGE);
      const headers: Record<string, string> = next === undefined ? {} : { link: `<${base}/orgs/acme/audit-log?phrase=${encodeURIComponent(q.get('phrase') ?? '')}&page=${next}>; rel="next"` };
      return { status: 200, body: items, headers };
    },
  };
}

/** Intercom admin activity logs: bearer token, `created_at_after` (seconds), newest first, `pages.next`. */
export function intercomSpec(): FakeApiSpec {
  const auth = { token: 'intercom-token' };
  return {
    type: 'intercom_admin_activity_logs',
    auth,
    make: (i, time) => ({ id: `act-${i}`, created_at: Math.floor(time / 1000), activity_type: 'admin_login_success', performed_by: { id: '1', type: 'admin' } }),
    serve(request, events, base) {
      if (request.headers.authorization !== `Bearer ${auth.token}`) return unauthorized;
      const q = request.url.searchParams;
      const list = since(events, Number(q.get('created_at_after')) * 1000, (e) => Number(e.created_at) * 1000).reverse();
      const { items, next } = slice(list, Number(q.get('offset') ?? 0), PAGE);
      const nextUrl = next === undefined ? null : `${base}/admins/activity_logs?created_at_after=${q.get('created_at_after')}&offset=${next}`;
      return { status: 200, body: { type: 'activity_log.list', activity_logs: items, pages: { next: nextUrl } } };
    },
  };
}

/** Slack team.accessLogs / team.integrationLogs: bearer token, form body, newest first, `paging.pages`. */
export function slackSpec(kind: 'access' | 'integration'): FakeApiSpec {
  const auth = { auth_token: 'xoxp-example' };
  const key = kind === 'access' ? 'logins' : 'logs';
  return {
    type: `slack_${kind}`,
    auth,
    make: (i, time) =>
      kind === 'access'
        ? { user_id: `U${i}`, username: `user${i}`, date_first: Math.floor(time / 1000) - 60, date_last: Math.floor(time / 1000), count: 1, ip: '198.51.100.10', user_agent: 'Slack', isp: 'ISP', country: 'US', region: 'CA' }
        : { user_id: `U${i}`, user_name: `user${i}`, date: String(Math.floor(time / 1000)), change_type: 'added', service_type: 'Google Drive', service_id: String(i), scope: 'incoming-webhook', channel: 'C0123' },
    serve(request, events) {
      if (request.headers.authorization !== `Bearer ${auth.auth_token}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      const form = new URLSearchParams(request.body);
      const page = Number(form.get('page') ?? 1);
      const list = [...events].reverse();
      const pages = Math.max(1, Math.ceil(list.length / PAGE));
      return { status: 200, body: { ok: true, [key]: list.slice((page - 1) * PAGE, page * PAGE), paging: { count: PAGE, total: list.length, page, pages } } };
    },
  };
}

/** Verifies an RS256 JWT against `publicKey`; returns its claims, or undefined when the signature is wrong. */
function verifyJwt(token: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const [header, claims, signature] = token.split('.');
  if (!header || !claims || !signature) return undefined;
  const ok = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  return ok ? (JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>) : undefined;
}

/** Google Workspace Reports: a service-account JWT exchanged for a token, activities newest first, `nextPageToken`. */
export function gsuiteSpec(application = 'login'): FakeApiSpec {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyfile = { type: 'service_account', client_email: 'reports@acme.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), private_key_id: 'k1', token_uri: 'https://oauth2.googleapis.com/token' };
  const auth = { keyfile: JSON.stringify(keyfile), delegation_email: 'admin@acme.example' };
  return {
    type: `gsuite_${application}`,
    auth,
    make: (i, time) => ({
      kind: 'admin#reports#activity',
      id: { time: new Date(time).toISOString(), uniqueQualifier: `-${1000 + i}`, applicationName: application, customerId: 'C0abc' },
      etag: `"e${i}"`,
      actor: { email: `user${i}@acme.example`, profileId: String(i) },
      ipAddress: '198.51.100.11',
      events: [{ type: 'login', name: 'login_success', parameters: [] }],
    }),
    serve(request, events) {
      if (request.url.pathname === '/token') {
        const form = new URLSearchParams(request.body);
        const claims = verifyJwt(form.get('assertion') ?? '', publicKey);
        const ok = form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && claims?.iss === keyfile.client_email && claims.sub === auth.delegation_email && String(claims.scope).includes('admin.reports.audit.readonly');
        return ok ? { status: 200, body: { access_token: 'ya29.token', expires_in: 3599, token_type: 'Bearer' } } : { status: 400, body: { error: 'invalid_grant' } };
      }
      if (request.headers.authorization !== 'Bearer ya29.token' || request.url.pathname !== `/admin/reports/v1/activity/users/all/applications/${application}`) return unauthorized;
      const q = request.url.searchParams;
      const list = since(events, Date.parse(q.get('startTime') ?? ''), (e) => Date.parse(String((e.id as Record<string, unknown>).time))).reverse();
      const { items, next } = slice(list, Number(q.get('pageToken') ?? 0), PAGE);
      return { status: 200, body: { kind: 'admin#reports#activities', items, ...(next === undefined ? {} : { nextPageToken: String(next) }) } };
    },
  };
}

/** Box admin events: a JWT app config exchanged for a token, `stream_position` paging until an empty page. */
export function boxSpec(): FakeApiSpec {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const passphrase = 'box-passphrase';
  const config = {
    boxAppSettings: { clientID: 'box-client', clientSecret: 'box-secret', appAuth: { publicKeyID: 'pk1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString(), passphrase } },
    enterpriseID: '424242',
  };
  const auth = { keyfile: JSON.stringify(config) };
  return {
    type: 'box_admin_events',
    auth,
    make: (i, time) => ({
      type: 'event', event_id: `ev-${i}`, created_by: { type: 'user', id: '1' }, created_at: new Date(time).toISOString().replace(/\.\d{3}Z$/, '-00:00'),
      event_type: 'LOGIN', session_id: null, source: { type: 'user', id: '2' }, additional_details: null, ip_address: '198.51.100.12',
    }),
    serve(request, events) {
      if (request.url.pathname === '/oauth2/token') {
        const form = new URLSearchParams(request.body);
        const claims = verifyJwt(form.get('assertion') ?? '', publicKey);
        const ok = form.get('client_id') === 'box-client' && form.get('client_secret') === 'box-secret' && claims?.sub === '424242' && claims.box_sub_type === 'enterprise';
        return ok ? { status: 200, body: { access_token: 'box-token', expires_in: 3600 } } : { status: 400, body: { error: 'invalid_grant' } };
      }
      if (request.headers.authorization !== 'Bearer box-token') return unauthorized;
      const q = request.url.searchParams;
      const position = q.get('stream_position');
      const list = position === null ? since(events, Date.parse(q.get('created_after') ?? ''), (e) => Date.parse(String(e.created_at))) : events;
      const offset = position === null ? events.length - list.length : Number(position);
      const items = events.slice(offset, offset + PAGE);
      return { status: 200, body: { chunk_size: items.length, next_stream_position: offset + items.length, entries: items } };
    },
  };
}

/** Alibaba ActionTrail LookupEvents: HMAC-SHA1 signed RPC query, newest first, `NextToken`. */
export function aliyunSpec(): FakeApiSpec {
  const auth = { access_key_id: 'LTAIexample', access_key_secret: 'aliyun-secret', region_id: 'cn-hangzhou' };
  return {
    type: 'aliyun_actiontrail',
    auth,
    make: (i, time) => ({
      eventId: `ev-${i}`, eventVersion: '1', acsRegion: 'cn-hangzhou', eventType: 'ConsoleSignin', eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventName: 'ConsoleSignin', userIdentity: { userName: `user${i}`, type: 'ram-user' }, eventSource: 'signin.aliyun.com', requestId: `r${i}`,
      requestParameters: {}, serviceName: 'AasSub', sourceIpAddress: '198.51.100.13', userAgent: 'browser', referencedResources: {}, recipientAccountId: '1', apiVersion: '1',
      errorCode: '', errorMessage: 'success', additionalEventData: { mfaChecked: 'true' },
    }),
    serve(request, events) {
      const q = new URLSearchParams(request.url.search);
      const signature = q.get('Signature');
      q.delete('Signature');
      const params = Object.fromEntries(q.entries());
      const encode = (v: string): string => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const canonical = Object.keys(params).sort().map((k) => `${encode(k)}=${encode(params[k] ?? '')}`).join('&');
      const expected = createHmac('sha1', `${auth.access_key_secret}&`).update(`GET&%2F&${encode(canonical)}`).digest('base64');
      if (signature !== expected || params.AccessKeyId !== auth.access_key_id || params.Action !== 'LookupEvents') return { status: 400, body: { Code: 'SignatureDoesNotMatch' } };
      const from = Date.parse(params.StartTime ?? '');
      const to = Date.parse(params.EndTime ?? '');
      const list = events.filter((e) => Date.parse(String(e.eventTime)) >= from && Date.parse(String(e.eventTime)) <= to).reverse();
      const { items, next } = slice(list, Number(params.NextToken ?? 0), PAGE);
      return { status: 200, body: { RequestId: 'req', StartTime: params.StartTime, EndTime: params.EndTime, Events: items, ...(next === undefined ? {} : { NextToken: String(next) }) } };
    },
  };
}
