/**
 * The output interface: every alert destination (aws-s3, slack, pagerduty-v2, ...) is one {@link OutputService}
 * registered by its StreamAlert service name. The alert processor looks an output up by `service:descriptor`,
 * validates the descriptor's configuration, loads its secrets from SSM (SecureString under
 * `/<prefix>/streamalert/outputs/<service>/<descriptor>`) and calls `send`.
 */
import type { Logger } from '../logger';
import type { Publication } from '../publishers/types';
import type { Alert } from '../rules/types';

/** What one `send` did. A retryable failure is tried again later by the alert merger; a permanent one is not. */
export type OutputResult =
  | { readonly ok: true; readonly detail?: string }
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/** One property a descriptor needs (StreamAlert's `OutputProperty`): its name is StreamAlert's key. */
export interface OutputProperty {
  readonly name: string;
  readonly description: string;
  /** Secret properties live in SSM only, are read at a prompt with echo off, and are never logged. */
  readonly secret: boolean;
  /** @default true */
  readonly required?: boolean;
}

/** Everything `send` gets besides the alert. */
export interface OutputContext {
  /** The descriptor name ('security-alerts' of 'slack:security-alerts'). */
  readonly descriptor: string;
  /**
   * The descriptor's value in `outputs.json` for services that keep a resource there (aws-s3: bucket name,
   * aws-sns: topic name or ARN, ...); undefined for services whose descriptors are a plain list.
   */
  readonly resource?: string;
  /** The descriptor's properties from SSM (secret and non-secret alike), by StreamAlert's property names. */
  readonly properties: Readonly<Record<string, string>>;
  /** The alert after its publishers ran for this output. */
  readonly publication: Publication;
  /** Deployment facts outputs may need (account, prefix, region). */
  readonly account: { readonly id: string; readonly prefix: string; readonly region: string };
  /** Milliseconds one call may take before it is abandoned (a retryable failure). */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /**
   * Where the full record is kept ("alert <id>; full record: s3://..."), shown by outputs that must shorten
   * an alert to fit their vendor's limit. @default `alert <id>`
   */
  readonly recordPointer?: string;
  /**
   * Outputs that send one alert as several messages (Slack): how many messages earlier attempts already had
   * accepted, so a retry goes on from there instead of sending them again. @default 0
   */
  readonly resumeAt?: number;
  /** Called with the number of messages accepted so far, after each one (see {@link OutputContext.resumeAt}). */
  readonly onProgress?: (accepted: number) => void;
}

/** One output service. */
export interface OutputService {
  /** StreamAlert's service name: 'aws-s3', 'slack', 'pagerduty-v2', ... */
  readonly service: string;
  /** Properties a descriptor needs, in prompt order. Empty for AWS outputs configured by resource in outputs.json. */
  readonly properties: readonly OutputProperty[];
  /** Whether descriptors of this service carry a resource value in outputs.json (an object) or are a list. */
  readonly resourceInConfig: boolean;
  /** Sends one alert. Never throws: every failure is an {@link OutputResult}. */
  send(alert: Alert, context: OutputContext): Promise<OutputResult>;
}
