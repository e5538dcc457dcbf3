/**
 * One run of the threat intel downloader: every source is read page by page, its entries turned into
 * indicators with an expiry and written to the IOC table as they come. A source that fails (after the
 * HTTP retries) is logged and counted, and the others still run; what it gave before failing is kept.
 * The run stops reading when the function is close to its timeout (the next scheduled run reads again).
 */
import { errorMessage } from '../../errors';
import type { Logger } from '../../logger';
import { toIndicator } from './indicators';
import type { IndicatorSource } from './sources';
import type { IocWriter } from './writer';

/** Options of {@link runDownloader}. */
export interface DownloaderRunOptions {
  readonly sources: readonly IndicatorSource[];
  readonly write: IocWriter;
  readonly logger: Logger;
  readonly expiryDays: number;
  readonly maxPages: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Milliseconds the invocation has left. @default always enough */
  readonly remainingMs?: () => number;
  /** Stop reading when less than this is left. @default 15000 */
  readonly reserveMs?: number;
}

/** What one source gave. */
export interface SourceSummary {
  readonly pages: number;
  readonly written: number;
  readonly rejected: number;
  readonly error?: string;
  readonly stopped_early?: boolean;
}

/** Per source. */
export type DownloaderSummary = Record<string, SourceSummary>;

/** Reads every source into the table. */
export async function runDownloader(options: DownloaderRunOptions): Promise<DownloaderSummary> {
  const now = options.now ?? Date.now;
  const remaining = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const reserve = options.reserveMs ?? 15_000;
  const summary: DownloaderSummary = {};
  for (const source of options.sources) {
    let pages = 0;
    let written = 0;
    let rejected = 0;
    let stopped = false;
    try {
      for await (const page of source.pages(options.maxPages)) {
        pages += 1;
        const defaults = { source: source.name, iocType: source.iocType, subType: source.subType, expirySeconds: options.expiryDays * 86_400, nowSeconds: Math.floor(now() / 1000) };
        const iocs = [];
        for (const reason of page.rejected) options.logger.warn('feed entry skipped', { feed: source.name, reason });
        rejected += page.rejected.length;
        for (const entry of page.entries) {
          const result = toIndicator(entry, defaults);
          if (result.ok) iocs.push(result.ioc);
          else {
            rejected += 1;
            options.logger.warn('feed entry skipped', { feed: source.name, reason: result.reason });
          }
        }
        written += await options.write(iocs);
        if (remaining() < reserve) {
          stopped = true;
          options.logger.warn('stopping before the function times out; the next run reads the feed again', { feed: source.name, pages });
          break;
        }
      }
      summary[source.name] = { pages, written, rejected, ...(stopped ? { stopped_early: true } : {}) };
    } catch (err) {
      options.logger.error('threat feed failed', { feed: source.name, pages, written, error: errorMessage(err) });
      summary[source.name] = { pages, written, rejected, error: errorMessage(err) };
    }
    if (stopped) break;
  }
  return summary;
}
