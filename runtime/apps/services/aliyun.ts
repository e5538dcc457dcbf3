/**
 * Alibaba Cloud ActionTrail (StreamAlert's `aliyun_actiontrail`): the RPC API `LookupEvents` on
 * `actiontrail.<region>.aliyuncs.com`, signed with HMAC-SHA1 over the canonical query (Alibaba's signature
 * version 1.0), between a StartTime and an EndTime fixed for the scan, following `NextToken`. Events come
 * newest first and carry `eventId` and `eventTime`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { followPage, startTime, type LogIdentity } from '../cursor';
import type { AppDefinition } from '../types';
import { apiUrl, field, isoMillis } from './common';

const identity: LogIdentity = { timeOf: (log) => isoMillis(field(log, 'eventTime')), idOf: (log) => String(field(log, 'eventId')) };

/** RFC 3986 encoding as Alibaba's signature wants it. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signed query string of an RPC call. */
export function signAliyunQuery(params: Readonly<Record<string, string>>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
  const signature = createHmac('sha1', `${secret}&`).update(`GET&${encode('/')}&${encode(canonical)}`).digest('base64');
  return `${canonical}&Signature=${encode(signature)}`;
}

const seconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `aliyun_actiontrail`. */
export const aliyunActiontrail: AppDefinition = {
  type: 'aliyun_actiontrail',
  service: 'aliyun',
  auth: [
    { name: 'access_key_id', description: 'a RAM user access key id allowed actiontrail:LookupEvents', secret: false },
    { name: 'access_key_secret', description: 'its access key secret' },
    { name: 'region_id', description: "the ActionTrail region, like 'cn-hangzhou'", secret: false, pattern: /^[a-z]{2}-[a-z0-9-]+$/ },
  ],
  async poll(context) {
    const scan = context.cursor.cursor === undefined ? undefined : (JSON.parse(context.cursor.cursor) as { NextToken: string; StartTime: string; EndTime: string });
    const window = scan ?? { StartTime: seconds(startTime(context.cursor, context.now, context.firstRunLookbackSeconds)), EndTime: seconds(context.now.getTime()) };
    const params: Record<string, string> = {
      Action: 'LookupEvents',
      Version: '2020-07-06',
      Format: 'JSON',
      AccessKeyId: context.auth.access_key_id ?? '',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: seconds(context.now.getTime()),
      MaxResults: '50',
      StartTime: window.StartTime,
      EndTime: window.EndTime,
      ...(scan === undefined ? {} : { NextToken: scan.NextToken }),
    };
    const base = apiUrl(context, `https://actiontrail.${context.auth.region_id}.aliyuncs.com`, '/');
    const response = await context.http.request(`${base.replace(/\?.*$/, '')}?${signAliyunQuery(params, context.auth.access_key_secret ?? '')}`);
    const events = field(response.body, 'Events');
    const next = field(response.body, 'NextToken');
    const hasNext = typeof next === 'string' && next !== '';
    const page = followPage(context.cursor, Array.isArray(events) ? events : [], identity, hasNext ? JSON.stringify({ NextToken: next, StartTime: window.StartTime, EndTime: window.EndTime }) : undefined);
    return { ...page, more: hasNext };
  },
};
