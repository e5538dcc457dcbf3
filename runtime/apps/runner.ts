/**
 * One app run: take the lease, poll page after page, send each page's logs to the rule processor, and save
 * the cursor only after every batch of the page was accepted. A crash between a send and the save makes the
 * next run send that page again (duplicates, never a gap). A failed run keeps the last saved cursor, marks
 * the state failed and throws, so the function's error metric alarms; the next schedule resumes.
 */
import { errorMessage } from '../errors';
import { silentLogger, type Logger } from '../logger';
import { AppAuthError, AppCursorStuckError } from './errors';
import { createAppHttp } from './http';
import { DEFAULT_BATCH_BYTES, packLogs, type PayloadSender } from './sender';
import type { AppStore } from './store';
import type { AppCursor, AppDefinition, AppHttp, AppState } from './types';

/** Options of {@link runApp}. */
export interface RunAppOptions {
  readonly app: AppDefinition;
  /** The app's function name: the `streamalert_app` value the rule processor looks up in `data_sources`. */
  readonly name: string;
  readonly store: AppStore;
  readonly send: PayloadSender;
  /** @default createAppHttp bound to the run's time budget */
  readonly http?: AppHttp;
  /** Replaces the API's scheme and host (tests, `app run --endpoint-url`). */
  readonly endpoint?: string;
  /** Milliseconds left in the invocation. @default 5 minutes from the start */
  readonly remainingMs?: () => number;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** How far back the very first run reads. @default 3600 */
  readonly firstRunLookbackSeconds?: number;
  /** @default 256 KiB */
  readonly maxBatchBytes?: number;
  /** Most polls in one run. @default 1000 */
  readonly maxPolls?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly logger?: Logger;
}

/** What one run did (also logged as the `app run` summary line). */
export interface AppRunSummary {
  readonly app: string;
  readonly type: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly polls: number;
  readonly logs_gathered: number;
  readonly logs_sent: number;
  readonly batches: number;
  /** Logs over Lambda's asynchronous payload limit on their own (each logged at ERROR with its size). */
  readonly too_large: number;
  /** True when the API had more when the time budget ran out (the next schedule continues). */
  readonly more: boolean;
  readonly error?: string;
}

/** Margin kept at the end of the invocation for the final state save. */
const END_MARGIN_MS = 3_000;

/** Missing auth properties of `app` in `auth`, by name (values are never quoted). */
export function missingAuth(app: AppDefinition, auth: Readonly<Record<string, string>>): string[] {
  return app.auth.filter((p) => !Object.prototype.hasOwnProperty.call(auth, p.name) || auth[p.name] === '').map((p) => p.name);
}

/** Runs one poll cycle of an app. Throws after saving a failed state when the run fails. */
export async function runApp(options: RunAppOptions): Promise<AppRunSummary> {
  const { app, name, store } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const remaining = options.remainingMs ?? (() => 300_000 - (Date.now() - started));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const http = options.http ?? createAppHttp({ remainingMs: () => remaining() - END_MARGIN_MS });
  const counts = { polls: 0, logs_gathered: 0, logs_sent: 0, batches: 0, too_large: 0 };
  const summary = (status: AppRunSummary['status'], more: boolean, error?: string): AppRunSummary => ({
    app: name,
    type: app.type,
    status,
    ...counts,
    more,
    ...(error === undefined ? {} : { error }),
  });

  const state: AppState = await store.loadState();
  const until = state.running_until === undefined ? NaN : Date.parse(state.running_until);
  if (state.current_state === 'running' && until > now().getTime()) {
    logger.warn('app already running; this run does nothing', { app: name, running_until: state.running_until });
    return summary('skipped', false);
  }
  const auth = await store.loadAuth();
  const missing = missingAuth(app, auth);
  if (missing.length > 0) {
    throw new AppAuthError(`app ${name} (${app.type}): credentials lack ${missing.join(', ')}`, 'set them again with `streamalert app new`');
  }

  let cursor: AppCursor = { last_timestamp: state.last_timestamp, cursor: state.cursor, seen_ids: state.seen_ids, seen_count: state.seen_count, scan: state.scan };
  const lease = (): string => new Date(now().getTime() + Math.max(remaining(), 0) + 60_000).toISOString();
  const save = (extra: Partial<AppState>): Promise<void> => store.saveState({ ...cursor, last_success: state.last_success, ...extra });
  await save({ current_state: 'running', running_until: lease() });

  const session = new Map<string, unknown>();
  let more = false;
  let slowest = 0;
  // The pause some APIs require between polls (Duo: 30 s) counts against the time left.
  const pauseMs = (app.sleepSeconds ?? 0) * 1000;
  try {
    do {
      if (counts.polls > 0 && pauseMs > 0) await sleep(pauseMs);
      const pollStart = Date.now();
      const before = JSON.stringify(cursor);
      const page = await app.poll({
        auth,
        cursor,
        http,
        endpoint: options.endpoint,
        now: now(),
        firstRunLookbackSeconds: options.firstRunLookbackSeconds ?? 3600,
        session,
        logger,
      });
      counts.polls += 1;
      counts.logs_gathered += page.logs.length;
      const { batches, oversized } = packLogs(name, page.logs, options.maxBatchBytes ?? DEFAULT_BATCH_BYTES);
      for (const big of oversized) {
        counts.too_large += 1;
        logger.error('app log larger than the asynchronous invoke limit; not sent', { app: name, index: big.index, bytes: big.bytes });
      }
      for (const batch of batches) {
        await options.send(batch.payload);
        counts.batches += 1;
        counts.logs_sent += batch.logs.length;
      }
      cursor = page.cursor;
      await save({ current_state: 'running', running_until: lease() });
      more = page.more;
      slowest = Math.max(slowest, Date.now() - pollStart);
      if (more && JSON.stringify(cursor) === before) {
        // The same page again (a next link that never changes): stop instead of resending it until the timeout.
        logger.error('app cursor did not advance; stopping the run', { app: name, app_cursor_stuck: 1, polls: counts.polls });
        throw new AppCursorStuckError(`app ${name} (${app.type}): the API answered with the same cursor again while saying it has more; stopped after ${counts.polls} poll(s)`);
      }
      if (more && counts.polls < (options.maxPolls ?? 1000) && remaining() <= pauseMs + 2 * slowest + END_MARGIN_MS && remaining() > 2 * slowest + END_MARGIN_MS) {
        logger.info('not pausing before the next poll: the rest of the run would not fit; the next schedule continues', { app: name, pause_ms: pauseMs });
      }
    } while (more && counts.polls < (options.maxPolls ?? 1000) && remaining() > pauseMs + 2 * slowest + END_MARGIN_MS);
  } catch (err) {
    const message = errorMessage(err);
    logger.error('app run failed; the next schedule resumes from the last saved cursor', { app: name, error: message, ...counts });
    await save({ current_state: 'failed', last_error: message }).catch((saveErr: unknown) =>
      logger.error('saving the failed state failed too', { app: name, error: errorMessage(saveErr) }),
    );
    throw err;
  }
  await save({ current_state: 'succeeded', last_success: now().toISOString() });
  const result = summary('succeeded', more);
  logger.info('app run complete', { ...result });
  return result;
}
