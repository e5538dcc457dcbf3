/**
 * Every StreamAlert v3.5.0 test event of the corpus, wrapped in a real Lambda event of its service
 * (Kinesis base64 gzip, an S3 notification with a gzip object, an SNS message, a StreamAlert app payload),
 * goes through the deployed rule processor of the cluster that declares its source and classifies as its
 * declared log type: the payload readers add nothing and lose nothing on the way to the classifier.
 */
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../../../runtime/config';
import { createRuleProcessor, type RuleProcessor } from '../../../../runtime/handlers';
import { silentLogger } from '../../../../runtime/logger';
import { importCorpusSample } from '../../../_helpers/corpus-import';
import { corpusEventData, corpusEvents, type CorpusEvent } from '../../../_helpers/corpus-events';
import { memoryWriter } from '../dead-letter/_memory-writer';
import { kinesisEvent, memoryGetter, s3Notification, snsEvent } from '../classifier/payloads/_events';
import { describeWithCorpus } from '../../../_helpers/corpus';

describeWithCorpus('corpus-events (reads the StreamAlert corpus)', () => {

  /** A Lambda event carrying `data` from the source, and the objects an S3 notification names. */
  function lambdaEvent(event: CorpusEvent, data: unknown): { event: unknown; objects: Record<string, Buffer> } {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    switch (event.service) {
      case 'kinesis':
        return { event: kinesisEvent(event.source, gzipSync(text)), objects: {} };
      case 's3':
        return { event: s3Notification(event.source, 'test/object+1.gz'), objects: { [`${event.source}/test/object 1.gz`]: gzipSync(`${text}\n`) } };
      case 'sns':
        return { event: snsEvent(event.source, text), objects: {} };
      default:
        return { event: { streamalert_app: event.source, logs: [data] }, objects: {} };
    }
  }

  describe('StreamAlert v3.5.0 test events through the rule processor', () => {
    const config = loadConfig(importCorpusSample('v3.5.0').dir);
    const events = corpusEvents();

    it('each classify as their declared log type after being read from their service', async () => {
      expect(events.length).toBeGreaterThan(50);
      const processors = new Map<string, RuleProcessor>();
      let objects: Record<string, Buffer> = {};
      const getObject = memoryGetter(new Proxy({}, { get: (_t, key: string) => objects[key] }));
      const mismatches: string[] = [];
      const writer = memoryWriter();
      const services = new Set<string>();
      for (const { name, event } of events) {
        const cluster = Object.values(config.clusters).find((c) => c.data_sources[event.service]?.[event.source] !== undefined)?.name;
        if (cluster === undefined) {
          mismatches.push(`${name}: no cluster declares ${event.service} ${event.source}`);
          continue;
        }
        const built = lambdaEvent(event, corpusEventData(event, config));
        objects = built.objects;
        let handle = processors.get(cluster);
        if (!handle) {
          handle = createRuleProcessor({ config, cluster, getObject, logger: silentLogger, deadLetter: writer });
          processors.set(cluster, handle);
        }
        const result = await handle(built.event);
        services.add(event.service);
        const types = Object.keys(result.counts.classified);
        if (types.length !== 1 || types[0] !== event.log || result.counts.failed_reads > 0) {
          mismatches.push(`${name} (${event.service}): want ${event.log}, got ${JSON.stringify(result.counts)} ${JSON.stringify(writer.objects.slice(-1)[0]?.entries.map((e) => e.reason) ?? [])}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect([...services].sort()).toEqual(['kinesis', 's3', 'sns', 'streamalert_app']);
    });
  });
});
