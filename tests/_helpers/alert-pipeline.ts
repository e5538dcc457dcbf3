/**
 * The alert path on real parts for tests: an alerts table on dynalite, the alert processor sending to `webhook`
 * outputs on loopback recording servers, and a merger whose dispatch calls the processor, all on a clock the
 * test moves. Records of large alerts live in memory (`objects`), where a test can make a read fail.
 */
import { createAlertStore, type AlertObjects, type AlertStore } from '../../runtime/alerts';
import { loadConfig, type Config } from '../../runtime/config';
import { createAlertMerger, type AlertMerger, type AlertMergerOptions } from '../../runtime/handlers/alert-merger';
import { createAlertProcessor, type AlertProcessor } from '../../runtime/handlers/alert-processor';
import { createLogger, type Logger } from '../../runtime/logger';
import '../../runtime/outputs/all';
import type { SecretSource } from '../../runtime/outputs';
import type { Dynalite } from './dynalite';
import { DEFAULT_CONF_DIR } from './paths';
import type { RecordedRequest, RecordingServer } from './recording-server';

/** 2026-01-01T00:00:00Z: minute 0 of every pipeline. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');
/** ISO time `minutes` after {@link T0}. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** Options of {@link startPipeline}. */
export interface PipelineOptions {
  readonly db: Dynalite;
  readonly table: string;
  /** Webhook descriptors and the server each posts to. */
  readonly webhooks: Readonly<Record<string, RecordingServer>>;
  /** Replaces `global.alerts.merger` settings. */
  readonly merger?: Partial<Config['global']['alerts']['merger']>;
  /** Replaces the record store (default: an in-memory map). */
  readonly objects?: AlertObjects;
}

/** A running pipeline. */
export interface Pipeline {
  readonly store: AlertStore;
  readonly processor: AlertProcessor;
  readonly clock: { now: number };
  /** Every payload the merger dispatched, in order. */
  readonly payloads: unknown[];
  readonly lines: Record<string, unknown>[];
  readonly objects: Map<string, unknown>;
  /** A merger (another instance for an overlapping run); `invoke` defaults to calling the processor at once. */
  merger(invoke?: AlertMergerOptions['invoke']): AlertMerger;
  /** Moves the clock to `minutes` after T0. */
  setMinute(minutes: number): void;
}

/** The bundled configuration with webhook descriptors `names`. */
export function configWithWebhooks(names: readonly string[], merger: Partial<Config['global']['alerts']['merger']> = {}): Config {
  const base = loadConfig(DEFAULT_CONF_DIR);
  const alerts = { ...base.global.alerts, merger: { ...base.global.alerts.merger, ...merger } };
  return { ...base, global: { ...base.global, alerts }, outputs: { ...base.outputs, webhook: Object.fromEntries(names.map((n) => [n, null])) } };
}

/** Starts a pipeline on a fresh table. */
export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  await options.db.createAlertsTable(options.table);
  const config = configWithWebhooks(Object.keys(options.webhooks), options.merger);
  const objects = new Map<string, unknown>();
  const memory: AlertObjects = options.objects ?? { put: async (k, v) => void objects.set(k, JSON.parse(JSON.stringify(v))), get: async (k) => objects.get(k) };
  const clock = { now: T0 };
  const now = (): Date => new Date(clock.now);
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  const store = createAlertStore({ table: options.table, ttlDays: 30, dynamo: options.db.handle, objects: memory, now, writeConcurrency: 64 });
  const secrets: SecretSource = {
    get: async (service, descriptor) => {
      const server = service === 'webhook' ? options.webhooks[descriptor] : undefined;
      return server === undefined ? undefined : { url: `${server.url}/${descriptor}`, signing_secret: 'soak' };
    },
  };
  const processor = createAlertProcessor({ config, store, secrets, logger, now });
  const payloads: unknown[] = [];
  return {
    store,
    processor,
    clock,
    payloads,
    lines,
    objects,
    merger: (invoke) =>
      createAlertMerger({
        config,
        store,
        objects: memory,
        logger,
        now,
        invoke:
          invoke ??
          (async (payload) => {
            payloads.push(JSON.parse(payload));
            await processor(JSON.parse(payload));
          }),
      }),
    setMinute: (minutes) => {
      clock.now = T0 + minutes * 60_000;
    },
  };
}

/** Alert ids in the webhook requests `requests`, one entry per delivery (a merged alert counts each member). */
export function deliveredIds(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r) => {
    const body = r.json as { alert_id: string; publication: { record?: { AlertIDs?: string[] } } } | undefined;
    if (body === undefined) return [];
    return body.publication.record?.AlertIDs ?? [body.alert_id];
  });
}
