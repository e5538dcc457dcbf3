/**
 * The acceptance test of the classifier: every StreamAlert v3.5.0 test event of the corpus classifies as its
 * declared `log` type, using the schemas and the cluster `data_sources` of the corpus configuration imported
 * with `streamalert config import`. Candidates come from the event's `service` and `source`, exactly as the
 * rule processor gets them; no sample is special-cased.
 */
import { createClassifier } from '../../runtime/classifier';
import { expandLogTypes, loadConfig, type Config, type LogService } from '../../runtime/config';
import { corpusEventData, corpusEvents } from '../_helpers/corpus-events';
import { importCorpusSample } from '../_helpers/corpus-import';
import { describeWithCorpus } from '../_helpers/corpus';

describeWithCorpus('corpus-classification (reads the StreamAlert corpus)', () => {

  /** The log types a source carries, from the data sources of every cluster that declares it. */
  function candidatesFor(config: Config, service: LogService, resource: string): string[] | undefined {
    const entries = Object.values(config.clusters).flatMap((cluster) => cluster.data_sources[service]?.[resource] ?? []);
    if (entries.length === 0) return undefined;
    return expandLogTypes(entries, Object.keys(config.logs)).logTypes;
  }

  describe('StreamAlert v3.5.0 test events', () => {
    const { dir } = importCorpusSample('v3.5.0');
    const config = loadConfig(dir);
    const classifier = createClassifier(config);
    const events = corpusEvents();

    it('are found in the corpus', () => {
      expect(events.length).toBeGreaterThan(50);
    });

    it('each classify as their declared log type with the candidates of their data source', () => {
      const mismatches = events.flatMap(({ name, event }) => {
        const candidates = candidatesFor(config, event.service, event.source);
        if (!candidates) return [`${name}: no cluster declares ${event.service} source "${event.source}"`];
        const outcome = classifier.classify(
          { data: corpusEventData(event, config), source: { service: event.service, resource: event.source } },
          candidates,
        );
        if (outcome.ok && outcome.log_type === event.log && outcome.records.length > 0) return [];
        const why = outcome.ok
          ? `classified as ${outcome.log_type} (${outcome.records.length} records)`
          : (outcome.unclassified.candidates.find((c) => c.log_type === event.log)?.reason ??
            `${event.log} is not a candidate of the source (${candidates.join(', ')})`);
        return [`${name} "${event.description ?? ''}": want ${event.log}, ${why}`];
      });
      expect(mismatches).toEqual([]);
    });
  });

  describe.each(['v3.5.0-unit-conf', '1.4.0', '1.3.0'])('the imported StreamAlert %s sample configuration', (sample) => {
    it('compiles into a classifier with every log type', () => {
      const config = loadConfig(importCorpusSample(sample).dir);
      const classifier = createClassifier(config);
      expect(classifier.logTypes).toEqual(Object.keys(config.logs));
      expect(classifier.logTypes.length).toBeGreaterThan(5);
    });
  });
});
