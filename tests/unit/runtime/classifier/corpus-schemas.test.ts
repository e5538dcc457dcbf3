/**
 * Every StreamAlert v3.5.0 schema loads and compiles, and every StreamAlert v3.5.0 test event classifies as its
 * declared log type, with the log types of its family as candidates and with every log type as candidates.
 * (tests/integration/corpus-classification.test.ts does the same with the candidates of the imported
 * configuration's data sources.)
 */
import { join } from 'node:path';
import { createClassifier } from '../../../../runtime/classifier';
import { logFamily } from '../../../../runtime/config';
import { CORPUS_EVENTS_DIR, corpusEventData, corpusEvents } from '../../../_helpers/corpus-events';
import { configWith, corpusSchemaFiles } from './classifier-helpers';
import { describeWithCorpus } from '../../../_helpers/corpus';

describeWithCorpus('corpus-schemas (reads the StreamAlert corpus)', () => {

  const config = configWith({}, corpusSchemaFiles());
  const classifier = createClassifier(config);
  const events = corpusEvents(join(CORPUS_EVENTS_DIR, 'rules'));

  describe('StreamAlert v3.5.0 schemas', () => {
    it('all load and compile', () => {
      expect(classifier.logTypes.length).toBeGreaterThan(60);
      expect(classifier.logTypes).toEqual(expect.arrayContaining(['cloudtrail:events', 'osquery:differential', 'pan', 'cloudwatch:rds_aurora']));
    });

    it('have test events to check', () => {
      expect(events.length).toBeGreaterThan(50);
    });

    it.each([
      ['the log types of its family', (log: string) => classifier.logTypes.filter((t) => logFamily(t) === logFamily(log))],
      ['every log type', () => classifier.logTypes],
    ])('classify every test event as its declared log type, with %s as candidates', (_name, candidatesFor) => {
      const mismatches = events.flatMap(({ name, event }) => {
        const outcome = classifier.classify(
          { data: corpusEventData(event, config), source: { service: 'kinesis', resource: 'corpus' } },
          candidatesFor(event.log),
        );
        if (outcome.ok && outcome.log_type === event.log) return [];
        const why = outcome.ok
          ? `classified as ${outcome.log_type}`
          : outcome.unclassified.candidates.find((c) => c.log_type === event.log)?.reason ?? outcome.unclassified.reason;
        return [`${name} (${event.description ?? ''}): want ${event.log}, ${why}`];
      });
      expect(mismatches).toEqual([]);
    });
  });
});
