/**
 * The bundled conf sends CloudTrail to CloudWatch Logs and subscribes that log group to the prod stream
 * (cloudtrail.send_to_kinesis defaults to true with a kinesis module): what arrives there must classify.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../../../runtime/config';
import { createRuleProcessor } from '../../../../runtime/handlers';
import { silentLogger } from '../../../../runtime/logger';
import { CORPUS_DIR, DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { kinesisEvent } from '../classifier/payloads/_events';
import { memoryWriter } from '../dead-letter/_memory-writer';
import { itWithCorpus } from '../../../_helpers/corpus';

const config = loadConfig(DEFAULT_CONF_DIR);

/** Every CloudTrail event of the StreamAlert v3.5.0 rule test events (the `Records` of cloudtrail:events data). */
function corpusCloudtrailEvents(dir = join(CORPUS_DIR, 'events', 'v3.5.0')): Record<string, unknown>[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return corpusCloudtrailEvents(path);
    if (!name.endsWith('.json')) return [];
    const events = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(events)) return [];
    return events.flatMap((e: { log?: string; data?: { Records?: Record<string, unknown>[] } }) => (e.log === 'cloudtrail:events' ? (e.data?.Records ?? []) : []));
  });
}

describe('the bundled CloudTrail -> CloudWatch Logs -> prod stream subscription', () => {
  it('is on in the bundled conf', () => {
    const prod = config.clusters.prod.modules;
    expect(prod.cloudtrail?.send_to_kinesis).toBe(true);
    expect(prod.kinesis?.enabled).toBe(true);
  });

  itWithCorpus('classifies every CloudTrail event of the corpus delivered as CloudWatch Logs does, as cloudwatch:cloudtrail', async () => {
    const events = corpusCloudtrailEvents();
    expect(events.length).toBeGreaterThan(20);
    const writer = memoryWriter();
    const handle = createRuleProcessor({ config, cluster: 'prod', logger: silentLogger, deadLetter: writer });
    const envelope = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/streamalert/cloudtrail/acme_prod_streamalert',
      logStream: '123456789012_CloudTrail_us-east-1',
      subscriptionFilters: ['streamalert_cloudtrail'],
      logEvents: events.map((event, i) => ({ id: `${i}`, timestamp: 1_700_000_000_000 + i, message: JSON.stringify(event) })),
    };
    const { counts } = await handle(kinesisEvent('acme_prod_streamalert', gzipSync(JSON.stringify(envelope))));
    expect(writer.objects.flatMap((o) => o.entries).map((e) => e.reason)).toEqual([]);
    expect(counts.classified).toEqual({ 'cloudwatch:cloudtrail': events.length });
  });
});
