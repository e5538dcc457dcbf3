import { loadConfig, type Config } from '../../../../runtime/config';
import { createRuleProcessor, type RuleProcessorOptions } from '../../../../runtime/handlers';
import { createLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { binaryGarbage, kinesisEvent, memoryGetter, s3Notification } from '../classifier/payloads/_events';
import { cloudtrailEvent, osquery } from '../handlers/_records';
import { deadLetterKey } from '../../../../runtime/dead-letter';
import { memoryWriter } from './_memory-writer';

const config: Config = loadConfig(DEFAULT_CONF_DIR);
const PROD_STREAM = 'acme_prod_streamalert';
const PROD_BUCKET = 'acme.prod.cloudtrail';

/** A prod rule processor with an in-memory dead-letter writer and captured log lines. */
function processor(options: Partial<RuleProcessorOptions> & { objects?: Record<string, Buffer | string> } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const writer = memoryWriter();
  const handle = createRuleProcessor({ config, cluster: 'prod', getObject: memoryGetter(options.objects ?? {}), logger, deadLetter: writer, ...options });
  return { handle, lines, writer };
}

describe('rule processor dead letters', () => {
  it('writes one object per invocation under dead-letter/<cluster>/dt=<day>/ named by the request id', async () => {
    const { handle, writer, lines } = processor();
    await handle(kinesisEvent(PROD_STREAM, '{"not":"osquery"}', 'plain text', JSON.stringify(osquery())), { awsRequestId: 'req-1' });
    expect(writer.objects).toHaveLength(1);
    const [object] = writer.objects;
    expect(object.key).toMatch(/^dead-letter\/prod\/dt=\d{4}-\d{2}-\d{2}\/\d{8}T\d{6}\.\d{3}Z-req-1\.json\.gz$/);
    expect(object.key.slice(20, 30).replace(/-/g, '')).toBe(object.key.slice(31, 39));
    expect(object.entries.map((e) => [e.kind, e.data, e.source?.resource, e.source?.cluster])).toEqual([
      ['unclassified', '{"not":"osquery"}', PROD_STREAM, 'prod'],
      ['unclassified', 'plain text', PROD_STREAM, 'prod'],
    ]);
    expect(object.entries[0]).toEqual(expect.objectContaining({ reason: expect.any(String), candidates: expect.arrayContaining([expect.objectContaining({ log_type: 'osquery:differential' })]) }));
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'batch processed', dead_letter: [`s3://memory/${object.key}`], counts: expect.objectContaining({ dead_lettered: 2 }) }),
    );
  });

  it.each([
    ['prod', '2026-01-02T03:04:05.678Z', 'req-1', 'dead-letter/prod/dt=2026-01-02/20260102T030405.678Z-req-1.json.gz'],
    ['corp', '2026-12-31T23:59:59.000Z', 'a/b c', 'dead-letter/corp/dt=2026-12-31/20261231T235959.000Z-a_b_c.json.gz'],
  ])('names the object of cluster %s at %s (request id %j) %s', (cluster, time, id, key) => {
    expect(deadLetterKey(cluster, new Date(time), id)).toBe(key);
  });

  it('keeps the whole raw data, which the log line cuts to 4,096 characters', async () => {
    const big = JSON.stringify({ unknown: 'x'.repeat(100_000) });
    const { handle, writer, lines } = processor();
    await handle(kinesisEvent(PROD_STREAM, big));
    expect((lines.find((l) => l.message === 'unclassified record')?.unclassified as { data: string }).data).toHaveLength(4096);
    expect(writer.objects[0].entries[0].data).toBe(big);
  });

  it('keeps a failed read with its reason, code, source and first bytes', async () => {
    const { handle, writer } = processor({ objects: { [`${PROD_BUCKET}/garbage.bin`]: binaryGarbage(4096) } });
    const result = await handle(s3Notification(PROD_BUCKET, 'garbage.bin'));
    expect(result.counts.failed_reads).toBe(1);
    expect(writer.objects[0].entries).toEqual([
      expect.objectContaining({ kind: 'failed_read', code: 'NotText', data: expect.stringMatching(/^.{256}$/su), reason: 's3://acme.prod.cloudtrail/garbage.bin: binary data (not UTF-8 text), not read', source: expect.objectContaining({ resource: PROD_BUCKET }), candidates: [] }),
    ]);
  });

  it('keeps a sub-record that the matching schema rejected as its own JSON, not the whole payload', async () => {
    const body = JSON.stringify({ Records: [cloudtrailEvent('CreateUser'), { eventName: 'odd', unexpected: true }] });
    const { handle, writer } = processor({ objects: { [`${PROD_BUCKET}/ct.json`]: body } });
    const result = await handle(s3Notification(PROD_BUCKET, 'ct.json'));
    expect(result.counts.classified).toEqual({ 'cloudtrail:events': 1 });
    expect(result.counts.unclassified).toBe(1);
    expect(writer.objects[0].entries).toHaveLength(1);
    expect(JSON.parse(writer.objects[0].entries[0].data as string)).toEqual({ eventName: 'odd', unexpected: true });
    expect(writer.objects[0].entries[0].whole_payload).toBeUndefined();
  });

  it('writes nothing when every record classified', async () => {
    const { handle, writer, lines } = processor();
    await handle(kinesisEvent(PROD_STREAM, JSON.stringify(osquery())));
    expect(writer.objects).toEqual([]);
    expect(lines.find((l) => l.message === 'batch processed')).not.toHaveProperty('dead_letter');
  });

  it('writes a part object whenever half the size bound is collected, so that nothing is dropped', async () => {
    const records = Array.from({ length: 10 }, (_, i) => `unknown record ${i} ${'y'.repeat(2000)}`);
    const { handle, writer, lines } = processor({ maxDeadLetterBytes: 8000 });
    const result = await handle(kinesisEvent(PROD_STREAM, ...records), { awsRequestId: 'req-2' });
    expect(writer.objects.length).toBeGreaterThan(1);
    expect(writer.objects.flatMap((o) => o.entries).map((e) => e.data)).toEqual(records);
    expect(writer.objects.map((o) => o.key.replace(/^.*-req-2/, ''))).toEqual(writer.objects.map((_, i) => (i === 0 ? '.json.gz' : `-${i}.json.gz`)));
    expect(lines.filter((l) => l.level === 'ERROR')).toEqual([]);
    expect(result.counts).toEqual(expect.objectContaining({ unclassified: 10, dead_lettered: 10 }));
  });

  it('fails the invocation when a dead letter cannot be written (Lambda retries it), logging the error and the counts', async () => {
    const event = kinesisEvent(PROD_STREAM, 'nope', JSON.stringify(osquery()));
    const { handle, lines } = processor({ deadLetter: memoryWriter(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })) });
    await expect(handle(event, { awsRequestId: 'req-9' })).rejects.toThrow('not written: AccessDenied: Access Denied');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: expect.stringContaining('dead letter not written'),
        error: 'AccessDenied: Access Denied',
        entries: 1,
        dropped_from_dead_letter: 0,
        object: expect.stringMatching(/^s3:\/\/memory\/dead-letter\/prod\/.*-req-9\.json\.gz$/),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ message: 'unclassified record' }));
  });

  it('writes nothing without DEAD_LETTER_BUCKET and without a writer', async () => {
    const saved = process.env.DEAD_LETTER_BUCKET;
    delete process.env.DEAD_LETTER_BUCKET;
    try {
      const { handle, lines } = processor({ deadLetter: undefined });
      await handle(kinesisEvent(PROD_STREAM, 'nope'));
      expect(lines.find((l) => l.message === 'batch processed')).not.toHaveProperty('dead_letter');
    } finally {
      if (saved !== undefined) process.env.DEAD_LETTER_BUCKET = saved;
    }
  });
});
