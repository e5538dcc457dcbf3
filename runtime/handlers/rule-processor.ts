/**
 * The deployed rule processor (one per cluster): read the event's payloads, classify each record against
 * the log types of its source, run the rules, and log a summary line, every unclassified record and every
 * read failure as JSON lines (CloudWatch Logs). Both are also kept, whole, in one dead-letter object per
 * invocation (`DEAD_LETTER_BUCKET`) for replay, so nothing is lost. A bad record never fails the batch.
 */
import { createClassifier, type RecordSource } from '../classifier';
import { readEventBatches } from '../classifier/payloads';
import { createSourceResolver, UnknownSourceError } from '../classifier/sources';
import { StreamAlertError, ExitCode } from '../errors';
import { createFirehoseSink, defaultFirehoseSender, type FirehoseDelivery } from '../firehose';
import { createLogger, type Logger } from '../logger';
import { createDeadLetterCollector, deadLetterWriterFromEnv, flushDeadLetters } from '../dead-letter';
import { createBatch, type Candidates } from './batch';
import { defaultEnrichment } from './enrichment';
import type { BatchResult, RuleProcessorOptions } from './types';

export type { BatchResult, RecordEvaluator, RuleProcessorOptions } from './types';

/** The handler: one Lambda event in, the batch's counts, unclassified records and alerts out. */
export type RuleProcessor = (event: unknown, context?: unknown) => Promise<BatchResult>;

/**
 * Builds the rule processor of `options.cluster`. The classifier's schemas are compiled here, once per
 * cold start; the S3 client is only created when a first object is read.
 * @throws StreamAlertError (`UnknownCluster`) when the cluster is not in the configuration.
 */
export function createRuleProcessor(options: RuleProcessorOptions): RuleProcessor {
  const { config, cluster } = options;
  if (config.clusters[cluster] === undefined) {
    throw new StreamAlertError('UnknownCluster', `cluster "${cluster}" is not in the configuration (clusters: ${Object.keys(config.clusters).join(', ')})`, {
      source: 'internal',
      exitCode: ExitCode.InvalidConfig,
    });
  }
  const logger: Logger = options.logger ?? createLogger();
  const classifier = createClassifier(config);
  const resolve = createSourceResolver(config, cluster);
  const deadLetter = options.deadLetter ?? deadLetterWriterFromEnv();
  const candidatesFor = (source: RecordSource): Candidates => {
    const found = resolve(source);
    return found instanceof UnknownSourceError ? { ok: false, reason: found.message } : { ok: true, logTypes: found.logTypes, cluster: found.cluster };
  };
  const enrich = options.enrich ?? defaultEnrichment(config, cluster, logger);
  const firehose = createFirehoseSink({ config, sender: options.firehose ?? defaultFirehoseSender(config), logger });

  return async (event, context) => {
    const requestId = requestIdOf(context);
    const fields = requestId === undefined ? { cluster } : { cluster, request_id: requestId };
    const delivery = firehose?.open(fields);
    const kept = deadLetter === undefined ? undefined : createDeadLetterCollector(options.maxDeadLetterBytes);
    const batch = createBatch({
      onClassified: delivery && ((record) => delivery.add(record)),
      classifier,
      candidatesFor,
      evaluator: options.evaluator,
      enrich,
      onUnclassified: (record, raw, rejected) => {
        logger.warn('unclassified record', { ...fields, unclassified: record });
        kept?.unclassified(record, raw, rejected);
      },
      // Until alert delivery exists, each alert is one JSON log line (kept by CloudWatch Logs).
      onAlert: (alert) => logger.info('alert', { ...fields, alert }),
      onIssue: (issue) => {
        logger[issue.level](issue.level === 'error' ? 'failed read' : 'skipped', { ...fields, issue });
        if (issue.level === 'error') kept?.failedRead(issue);
      },
      onEvaluationError: (record, message) =>
        logger.error('rule evaluation failed', { ...fields, log_type: record.log_type, source: record.source, error: message }),
    });
    const payloads = readEventBatches(event, {
      onIssue: (issue) => batch.issue(issue),
      getObject: options.getObject,
      limits: options.limits,
      // An object from a bucket this cluster does not declare is not downloaded.
      beforeFetch: (source) => {
        const found = candidatesFor(source);
        return found.ok ? undefined : found.reason;
      },
    });
    for await (const records of payloads) {
      for (const raw of records) batch.add(raw);
      await batch.flush();
    }
    const result = await withFirehoseCounts(batch.result(), delivery);
    const deadLetters =
      deadLetter && kept ? await flushDeadLetters({ writer: deadLetter, collector: kept, cluster, logger, fields, requestId }) : undefined;
    logger.info('batch processed', deadLetters ? { ...fields, counts: result.counts, dead_letter: deadLetters } : { ...fields, counts: result.counts });
    return result;
  };
}

/** Adds what Firehose did to the counts (it never fails the batch: alerts matter more). */
async function withFirehoseCounts(result: BatchResult, delivery: FirehoseDelivery | undefined): Promise<BatchResult> {
  if (delivery === undefined) return result;
  const sent = await delivery.close();
  return { ...result, counts: { ...result.counts, firehose_sent: sent.sent, firehose_failed: sent.failed, firehose_too_large: sent.too_large } };
}

function requestIdOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const id = (context as { awsRequestId?: unknown }).awsRequestId;
  return typeof id === 'string' ? id : undefined;
}
