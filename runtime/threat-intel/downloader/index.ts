/** The threat intel downloader: feeds -> indicators with an expiry -> the IOC table. */
export { runDownloader, type DownloaderRunOptions, type DownloaderSummary, type SourceSummary } from './run';
export { threatStreamSource, plainFeedSource, parseFeedBody, threatStreamQuery, THREATSTREAM_PAGE_LIMIT, type IndicatorSource, type FeedPage, type ThreatStreamCredentials } from './sources';
export { toIndicator, expiryOf, type FeedEntry, type IndicatorDefaults } from './indicators';
export { dynamoDbIocWriter, BATCH_WRITE_MAX_ITEMS, type IocWriter } from './writer';
export { getWithRetry, nextLink, safeUrl, type RetryOptions } from './http';
export { ssmCredentials } from './credentials';
export { createDownloader, configuredSources, type DownloaderOptions } from './handler';
