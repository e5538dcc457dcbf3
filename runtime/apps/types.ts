/**
 * Types of StreamAlert apps: scheduled functions that page through a SaaS audit API and send what is new
 * to their cluster's rule processor as `{"Records": [{"streamalert_app": "<function>", "logs": [...]}]}`.
 */
import type { Logger } from '../logger';

/** One credential or setting an app needs (kept in SSM as part of the app's auth parameter). */
export interface AppAuthProperty {
  /** StreamAlert's key name ('api_hostname', 'integration_key', ...). */
  readonly name: string;
  readonly description: string;
  /** Secret values are read at a prompt with echo off and never printed. @default true */
  readonly secret?: boolean;
  /** A value must match, e.g. a host name. */
  readonly pattern?: RegExp;
}

/**
 * Where an app stopped, as the app understands it. Saved as JSON in SSM only after the records up to it
 * were accepted by the rule processor.
 */
export interface AppCursor {
  /** Time of the newest record sent (the app's own format: epoch seconds, ISO 8601, ...). */
  readonly last_timestamp?: string;
  /** An opaque position the API gave (stream position, next link, page token). */
  readonly cursor?: string;
  /** Ids of the records at exactly `last_timestamp`, for APIs whose time filter is inclusive. */
  readonly seen_ids?: readonly string[];
  /**
   * Instead of `seen_ids` when more records than fit the state share `last_timestamp` (100 Duo logs in one
   * second): how many of them, in the API's order, were sent. Keeps the state within SSM's size.
   */
  readonly seen_count?: number;
  /**
   * While following an API's next links: the cursor the scan started from. Pages may come newest first, so
   * records are compared with the scan's start, not with what earlier pages of the same scan moved to.
   */
  readonly scan?: { readonly last_timestamp?: string; readonly seen_ids?: readonly string[]; readonly seen_count?: number };
}

/** The state parameter: the cursor and what the last run did. */
export interface AppState extends AppCursor {
  readonly current_state?: 'running' | 'succeeded' | 'failed';
  /** While running: when the run's lease ends (a run past it is considered dead). */
  readonly running_until?: string;
  readonly last_success?: string;
  readonly last_error?: string;
}

/** A JSON response of an API call. */
export interface AppResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** How apps call their API: retries, timeouts and rate limits are handled here, not in each app. */
export interface AppHttp {
  /** GET or POST a URL and parse JSON; throws {@link AppHttpError} once retries are spent. */
  request(url: string, init?: AppRequestInit): Promise<AppResponse>;
}

/** Request options of {@link AppHttp.request}. */
export interface AppRequestInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** A string body is sent as is; an object as JSON. */
  readonly body?: string | Readonly<Record<string, unknown>>;
}

/** What one poll gets. */
export interface AppPollContext {
  /** Values of the app's auth properties. */
  readonly auth: Readonly<Record<string, string>>;
  /** Where the previous page (or run) stopped; empty on the very first run. */
  readonly cursor: AppCursor;
  readonly http: AppHttp;
  /** Replaces the API's scheme and host (tests and `app run --endpoint-url`); undefined in production. */
  readonly endpoint?: string;
  readonly now: Date;
  /** How far back the very first run looks. */
  readonly firstRunLookbackSeconds: number;
  /** Token cache shared by the polls of one run (OAuth access tokens). */
  readonly session: Map<string, unknown>;
  readonly logger: Logger;
}

/** One page of logs. */
export interface AppPage {
  /** Logs in the order the API returned them (oldest first where the API allows). */
  readonly logs: readonly unknown[];
  /** The cursor after this page. */
  readonly cursor: AppCursor;
  /** True when the API has more right now. */
  readonly more: boolean;
}

/** One app type. */
export interface AppDefinition {
  /** StreamAlert's app type: 'duo_auth', 'onelogin_events', ... */
  readonly type: string;
  /** The service whose log types the app's records classify as ('duo', 'onelogin', 'okta', ...). */
  readonly service: string;
  readonly auth: readonly AppAuthProperty[];
  /** Seconds to wait between polls, for APIs that ask for it. @default 0 */
  readonly sleepSeconds?: number;
  /** Fetches the page after `context.cursor`. */
  poll(context: AppPollContext): Promise<AppPage>;
}
