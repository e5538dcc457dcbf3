/**
 * Where indicators come from, page by page: Anomali ThreatStream (StreamAlert's source) and plain feeds
 * (CSV with a header row, or JSON lines; beyond StreamAlert). A page's entries are converted by
 * `toIndicator`; an entry a feed cannot give (a CSV row of the wrong width, a JSON line that is not an
 * object) is passed on as a rejection with its reason.
 */
import type { FeedConfig, ThreatStreamConfig } from '../../config/intel';
import { readCsv } from '../../classifier/parsers/csv-reader';
import { BODY_LIMITS, readCappedText } from '../../http/body';
import { ThreatFeedError } from '../errors';
import { getWithRetry, nextLink, type RetryOptions } from './http';
import type { FeedEntry } from './indicators';

/** One page of a source. */
export interface FeedPage {
  readonly entries: readonly FeedEntry[];
  /** Reasons of entries that could not be read at all. */
  readonly rejected: readonly string[];
}

/** A source of indicators. */
export interface IndicatorSource {
  readonly name: string;
  readonly iocType?: string;
  readonly subType?: string;
  pages(maxPages: number): AsyncGenerator<FeedPage>;
}

/** ThreatStream API credentials, from the SSM SecureString parameter (StreamAlert's JSON shape). */
export interface ThreatStreamCredentials {
  readonly api_user: string;
  readonly api_key: string;
}

/** Most indicators per ThreatStream page and the offset past which StreamAlert stopped paging. */
export const THREATSTREAM_PAGE_LIMIT = 1000;
export const THREATSTREAM_MAX_OFFSET = 500_000 - THREATSTREAM_PAGE_LIMIT;

/** The intelligence query: active indicators of the wanted types, without the excluded sub types. */
export function threatStreamQuery(config: ThreatStreamConfig): string {
  const types = config.ioc_types.map((t) => `type="${t}"`).join(' OR ');
  const excluded = config.excluded_sub_types.map((t) => `itype="${t}"`).join(' OR ');
  return `(status="active") AND (${types})${excluded ? ` AND NOT (${excluded})` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `next` resolved against `base`, refused unless on the same host and scheme (the API key goes with it). */
function sameHost(base: string, next: string): string {
  const expected = new URL(base);
  const url = new URL(next, base);
  if (url.host !== expected.host || url.protocol !== expected.protocol) {
    throw new ThreatFeedError(`ThreatStream: refused a next link to ${url.protocol}//${url.host}: the API key is sent to ${expected.host} only`, false);
  }
  return url.toString();
}

/** ThreatStream's intelligence API, following `meta.next` (credentials in a header, never in the URL). */
export function threatStreamSource(config: ThreatStreamConfig, credentials: () => Promise<ThreatStreamCredentials>, retry: RetryOptions = {}): IndicatorSource {
  return {
    name: 'threatstream',
    async *pages(maxPages) {
      const creds = await credentials();
      const headers = { Authorization: `apikey ${creds.api_user}:${creds.api_key}`, Accept: 'application/json' };
      let url: string | undefined = `${config.api_url}/api/v2/intelligence/?limit=${THREATSTREAM_PAGE_LIMIT}&q=${encodeURIComponent(threatStreamQuery(config))}`;
      for (let page = 0; url !== undefined && page < maxPages; page += 1) {
        const response = await getWithRetry(url, { ...retry, headers });
        const body = parseJson(await readCappedText(response, BODY_LIMITS.feedPage, 'ThreatStream intelligence page')) as { meta?: { next?: string | null; offset?: number }; objects?: unknown[] } | undefined;
        if (!body || typeof body !== 'object') throw new ThreatFeedError('ThreatStream returned a body that is not JSON', false);
        const objects = Array.isArray(body.objects) ? body.objects : [];
        const entries = objects.filter((o): o is FeedEntry => o !== null && typeof o === 'object');
        const kept = config.ioc_filters.length === 0 ? entries : entries.filter((e) => config.ioc_filters.some((f) => String(e.source ?? '').toLowerCase().includes(f)));
        yield { entries: kept, rejected: [] };
        const next = body.meta?.next;
        const offset = body.meta?.offset ?? 0;
        url = next && offset < THREATSTREAM_MAX_OFFSET ? sameHost(config.api_url, next) : undefined;
      }
    },
  };
}

/** Entries of a plain feed body. */
export function parseFeedBody(text: string, format: FeedConfig['format']): FeedPage {
  const rejected: string[] = [];
  const entries: FeedEntry[] = [];
  if (format === 'jsonl') {
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const value: unknown = JSON.parse(line);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) entries.push(value as FeedEntry);
        else rejected.push(`line ${i + 1}: not a JSON object`);
      } catch {
        rejected.push(`line ${i + 1}: not valid JSON`);
      }
    });
    return { entries, rejected };
  }
  const rows = readCsv(text, { delimiter: ',', quotechar: '"' });
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  rows.forEach((row, i) => {
    if (row.length !== header.length) rejected.push(`row ${i + 2}: ${row.length} fields, the header has ${header.length}`);
    else entries.push(Object.fromEntries(header.map((h, j) => [h, row[j]])));
  });
  return { entries, rejected };
}

/** A plain feed, following `Link: <...>; rel="next"` headers. */
export function plainFeedSource(feed: FeedConfig, retry: RetryOptions = {}): IndicatorSource {
  return {
    name: feed.name,
    iocType: feed.ioc_type,
    subType: feed.sub_type,
    async *pages(maxPages) {
      let url: string | undefined = feed.url;
      for (let page = 0; url !== undefined && page < maxPages; page += 1) {
        const response = await getWithRetry(url, retry);
        yield parseFeedBody(await readCappedText(response, BODY_LIMITS.feedPage, `feed ${feed.name}`), feed.format);
        url = nextLink(response.headers.get('link'), url);
      }
    },
  };
}
