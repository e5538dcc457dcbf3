/**
 * Property-based fuzzing (fast-check) of the payload readers, the classifier and the rule processor: random
 * and mutated events never throw, and every record is accounted for.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { createClassifier, type RawRecord } from '../../runtime/classifier';
import { readEvent, type ReadIssue } from '../../runtime/classifier/payloads';
import { loadConfig } from '../../runtime/config';
import { createRuleProcessor } from '../../runtime/handlers';
import { silentLogger } from '../../runtime/logger';
import { DEFAULT_CONF_DIR } from '../_helpers/paths';
import { kinesisEvent, memoryGetter, s3Notification } from '../unit/runtime/classifier/payloads/_events';
import { memoryWriter } from '../unit/runtime/dead-letter/_memory-writer';
import { osquery } from '../unit/runtime/handlers/_records';

const config = loadConfig(DEFAULT_CONF_DIR);
const classifier = createClassifier(config);
const STREAM = 'acme_prod_streamalert';
const BUCKET = 'acme.prod.cloudtrail';
const RUNS = { numRuns: 150 };

async function readAll(event: unknown, objects: Record<string, Buffer> = {}, limits = {}): Promise<{ records: RawRecord[]; issues: ReadIssue[] }> {
  const records: RawRecord[] = [];
  const issues: ReadIssue[] = [];
  for await (const record of readEvent(event, { onIssue: (i) => issues.push(i), getObject: memoryGetter(objects, 13), limits })) records.push(record);
  return { records, issues };
}

/** Bytes of a payload: random, text, JSON, or a valid gzip with some bytes flipped or cut. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.jsonValue({ maxDepth: 6 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .tuple(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.option(fc.nat()))
    .map(([v, flips, cut]) => {
      const gz = Buffer.from(gzipSync(JSON.stringify(v)));
      for (const [at, byte] of flips) gz[at % gz.length] = byte;
      return cut === null ? gz : gz.subarray(0, cut % (gz.length + 1));
    }),
  fc.constant(Buffer.from(JSON.stringify(osquery()))),
);

describe('fuzzing the payload readers, the classifier and the rule processor', () => {
  it('reads random Kinesis payloads without throwing: each record gives one raw record or one issue', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 8 }), async (items) => {
        const { records, issues } = await readAll(kinesisEvent(STREAM, ...items));
        expect(records.length + issues.length).toBe(items.length);
      }),
      RUNS,
    );
  });

  it('reads random and mutated S3 objects without throwing, reporting anything it cannot read', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const { records, issues } = await readAll(s3Notification(BUCKET, 'k'), { [`${BUCKET}/k`]: body });
        for (const record of records) expect(record.source.resource).toBe(BUCKET);
        // Only an object of blank lines gives neither a record nor an issue.
        if (!/^[ \t\r\n]*$/.test(body.toString('latin1'))) expect(records.length + issues.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('reads text whose first two bytes form a zlib header as text (fast-check counterexample "hC ")', async () => {
    const { records, issues } = await readAll(s3Notification(BUCKET, 'k'), { [`${BUCKET}/k`]: Buffer.from('hC \n!') });
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(records.map((r) => r.data)).toEqual(['hC ', '!']);
  });

  it('reads one record per non-blank line of a JSON-lines object, whatever the chunking', async () => {
    const line = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !/[\n\r]/.test(s) && s.trim() !== '' && !s.trimStart().startsWith('{') && !s.trimStart().startsWith('['));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), async (lines) => {
        const { records, issues } = await readAll(s3Notification(BUCKET, 'k'), { [`${BUCKET}/k`]: Buffer.from(lines.join('\n')) });
        expect(issues.filter((i) => i.level === 'error')).toEqual([]);
        expect(records.map((r) => r.data)).toEqual(lines.map((l, i) => (i === 0 && l.charCodeAt(0) === 0xfeff ? l.slice(1) : l)));
      }),
      RUNS,
    );
  });

  it('splits a list document past the cap into exactly its elements, whatever they hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 5 }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 16, max: 400 }), async (elements, cap) => {
        const text = JSON.stringify({ Records: elements });
        const { records, issues } = await readAll(s3Notification(BUCKET, 'k'), { [`${BUCKET}/k`]: Buffer.from(text) }, { maxDocumentBytes: cap });
        expect(issues.filter((i) => i.level === 'error')).toEqual([]);
        const read = records.flatMap((r) => (JSON.parse(r.data as string) as { Records: unknown[] }).Records);
        expect(read).toEqual(JSON.parse(JSON.stringify(elements)));
      }),
      RUNS,
    );
  });

  it('classifies random JSON values and text against every declared log type without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })), (data) => {
        const outcome = classifier.classify({ data, source: { service: 'kinesis', resource: STREAM } }, classifier.logTypes);
        // Unclassified: either blank (nothing to try) or with the reason of every candidate.
        if (!outcome.ok && data.trim() !== '') expect(outcome.unclassified.candidates.length).toBe(classifier.logTypes.length);
        if (outcome.ok) expect(outcome.records.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('runs random Kinesis batches through the rule processor: counts add up, everything not classified is kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 6 }), async (items) => {
        const writer = memoryWriter();
        const handle = createRuleProcessor({ config, cluster: 'prod', logger: silentLogger, deadLetter: writer });
        const { counts, batchItemFailures } = await handle(kinesisEvent(STREAM, ...items));
        expect(batchItemFailures).toEqual([]);
        expect(counts.records).toBe(counts.records_classified + counts.records_unclassified + counts.failed_records);
        expect(counts.records + counts.failed_reads + counts.skipped).toBe(items.length);
        expect(writer.objects.flatMap((o) => o.entries)).toHaveLength(counts.unclassified + counts.failed_reads + counts.failed_records);
      }),
      { numRuns: 60 },
    );
  });
});
