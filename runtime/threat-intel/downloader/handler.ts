/**
 * The downloader function's work, from the configuration: sources from `threat_intel.json`'s `downloader`
 * (ThreatStream with credentials from SSM, and plain feeds), written to the IOC table. It fails the
 * invocation (so the error alarm sees it) only when every source failed.
 */
import type { Config } from '../../config/types';
import { threatStreamParameterName } from '../../config/names';
import type { Logger } from '../../logger';
import { ThreatFeedError } from '../errors';
import { ssmCredentials } from './credentials';
import { runDownloader, type DownloaderSummary } from './run';
import { plainFeedSource, threatStreamSource, type IndicatorSource, type ThreatStreamCredentials } from './sources';
import { dynamoDbIocWriter, type IocWriter } from './writer';
import type { RetryOptions } from './http';

/** Options of {@link createDownloader}; tests replace the AWS parts. */
export interface DownloaderOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** @default the SSM parameter threatStreamParameterName(config) */
  readonly credentials?: () => Promise<ThreatStreamCredentials>;
  /** @default BatchWriteItem into threat_intel.table */
  readonly write?: IocWriter;
  readonly retry?: RetryOptions;
  readonly now?: () => number;
}

/** The sources the configuration enables. */
export function configuredSources(options: DownloaderOptions): IndicatorSource[] {
  const d = options.config.threat_intel.downloader;
  const retry: RetryOptions = { ...options.retry, onRetry: (attempt, reason) => options.logger.warn('retrying threat feed request', { attempt, reason }) };
  const sources: IndicatorSource[] = [];
  if (d.threatstream?.enabled) {
    sources.push(threatStreamSource(d.threatstream, options.credentials ?? ssmCredentials(threatStreamParameterName(options.config)), retry));
  }
  for (const feed of d.feeds) sources.push(plainFeedSource(feed, retry));
  return sources;
}

/** The downloader handler: one run per invocation. */
export function createDownloader(options: DownloaderOptions): (event: unknown, context?: unknown) => Promise<DownloaderSummary> {
  const { config, logger } = options;
  const write = options.write ?? dynamoDbIocWriter(config.threat_intel.table, { region: config.account.region });
  return async (_event, context) => {
    const sources = configuredSources(options);
    const remaining = (context as { getRemainingTimeInMillis?: () => number } | undefined)?.getRemainingTimeInMillis;
    const summary = await runDownloader({
      sources,
      write,
      logger,
      expiryDays: config.threat_intel.downloader.expiry_days,
      maxPages: config.threat_intel.downloader.max_pages,
      now: options.now,
      remainingMs: remaining && (() => remaining.call(context)),
    });
    logger.info('threat intel downloaded', { table: config.threat_intel.table, sources: summary });
    const results = Object.values(summary);
    if (results.length > 0 && results.every((r) => r.error !== undefined)) {
      throw new ThreatFeedError(`every threat feed failed: ${Object.entries(summary).map(([n, r]) => `${n}: ${r.error}`).join('; ')}`, true);
    }
    return summary;
  };
}
