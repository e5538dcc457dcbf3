/**
 * The deployed rule processor (one per cluster): read the event's payloads, classify each record against
 * the log types of its source, run the rules, and log a summary line, every unclassified record and every
 * read failure as JSON lines (CloudWatch Logs). Both are also kept, whole, in dead-letter objects
 * (`DEAD_LETTER_BUCKET`) for replay, so nothing is lost. A bad record never fails the batch; a transient
 * failure is retried (see retry.ts); a dead letter that cannot be written fails the invocation.
 */
import { defaultAlertSink } from '../alerts/sink';
import type { Alert } from '../rules/types';
import { createClassifier, type RecordSource } from '../classifier';
import { readEventBatches } from '../classifier/payloads';
import { createSourceResolver, UnknownSourceError } from '../classifier/sources';
import { StreamAlertError, ExitCode } from '../errors';
import { createFirehoseSink, defaultFirehoseSender, type FirehoseCounts } from '../firehose';
import { createLogger, type Logger } from '../logger';
import { createDeadLetterCollector, deadLetterWriterFromEnv, flushDeadLetters, MAX_DEAD_LETTER_BYTES, type DeadLetterCollector } from '../dead-letter';
import { createBatch, type Candidates } from './batch';
import { defaultEnrichment } from './enrichment';
import { createRetryPlan } from './retry';
import type { BatchCounts, BatchResult, RuleProcessorOptions } from './types';

export type { BatchResult, RecordEvaluator, RuleProcessorOptions } from './types';
export { RetryInvocationError } from './retry';

/** The handler: one Lambda event in, the batch's counts and the records to retry out. */
export type RuleProcessor = (event: unknown, context?: unknown) => Promise<BatchResult>;

/**
 * Builds the rule processor of `options.cluster`. The classifier's schemas are compiled here, once per
 * cold start; the S3 client is only created when a first object is read.
 * @throws StreamAlertError (`UnknownCluster`) when the cluster is not in the configuration.
 */
export function createRuleProcessor(options: RuleProcessorOptions): RuleProcessor {
  const { config, cluster } = options;
  if (!Object.prototype.hasOwnProperty.call(config.clusters, cluster)) {
    throw new StreamAlertError('UnknownCluster', `cluster "${cluster}" is not in the configuration (clusters: ${Object.keys(config.clusters).join(', ')})`, {
      source: 'internal',
      exitCode: ExitCode.InvalidConfig,
    });
  }
  const logger: Logger = options.logger ?? createLogger();
  const classifier = createClassifier(config);
  const resolve = createSourceResolver(config, cluster);
  const deadLetter = options.deadLetter ?? deadLetterWriterFromEnv();
  const maxDeadLetterBytes = options.maxDeadLetterBytes ?? MAX_DEAD_LETTER_BYTES;
  const candidatesFor = (source: RecordSource): Candidates => {
    const found = resolve(source);
    return found instanceof UnknownSourceError ? { ok: false, reason: found.message } : { ok: true, logTypes: found.logTypes, cluster: found.cluster };
  };
  const enrich = options.enrich ?? defaultEnrichment(config, cluster, logger);
  const alerts = options.alerts ?? defaultAlertSink(config);
  const firehose = createFirehoseSink({ config, sender: options.firehose ?? defaultFirehoseSender(config), logger, retry: options.firehoseRetry });

  return async (event, context) => {
    const requestId = requestIdOf(context);
    const fields = requestId === undefined ? { cluster } : { cluster, request_id: requestId };
    const delivery = firehose?.open(fields);
    const retry = createRetryPlan();
    let kept: DeadLetterCollector | undefined = deadLetter === undefined ? undefined : createDeadLetterCollector(maxDeadLetterBytes);
    const written = { parts: 0, entries: 0, objects: [] as string[] };
    // A part is written whenever the collector is half full, so one invocation never holds more than that.
    const flushPart = async (force: boolean): Promise<void> => {
      if (deadLetter === undefined || kept === undefined) return;
      if (!force && kept.bytes() < maxDeadLetterBytes / 2) return;
      const report = await flushDeadLetters({ writer: deadLetter, collector: kept, cluster, logger, fields, requestId, part: written.parts });
      kept = createDeadLetterCollector(maxDeadLetterBytes);
      if (report === undefined) return;
      written.parts += 1;
      written.entries += report.entries;
      if (report.object !== undefined) written.objects.push(report.object);
    };
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
      onAlert: alerts && ((alert) => alerts.add(alert as Alert)),
      onIssue: (issue) => {
        if (retry.note(issue)) {
          logger.warn('read failed, will be retried', { ...fields, issue });
          return;
        }
        logger[issue.level](issue.level === 'error' ? 'failed read' : 'skipped', { ...fields, issue });
        if (issue.level === 'error') kept?.failedRead(issue);
      },
      onEvaluationError: (record, message) =>
        logger.error('rule evaluation failed', { ...fields, log_type: record.log_type, source: record.source, error: message }),
      onRecordFailed: (raw, reason) => {
        logger.error('record failed, kept for replay', { ...fields, source: raw.source, reason });
        kept?.failedRecord(raw, reason);
      },
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
      await flushPart(false);
      if (alerts && alerts.pending() >= ALERT_FLUSH_PENDING) await alerts.flush();
    }
    // Alerts are stored before the invocation succeeds; a failed write fails it (Lambda retries the batch).
    await alerts?.flush();
    const report = batch.result();
    const sent = delivery === undefined ? undefined : await delivery.close();
    for (const refused of sent?.refused ?? []) kept?.firehoseFailed(refused);
    await flushPart(true);
    const counts: BatchCounts = { ...report.counts, ...firehoseCounts(sent), ...(deadLetter ? { dead_lettered: written.entries } : {}) };
    const deadLetters = written.objects.length > 0 ? { dead_letter: written.objects } : {};
    // `function` is the dimension of the metric filters Terraform puts on this line.
    logger.info('batch processed', { ...fields, function: functionNameOf(context), counts, ...deadLetters });
    retry.throwIfInvocationMustFail();
    return { counts, batchItemFailures: retry.batchItemFailures() };
  };
}

/** Pending alerts past which the handler writes them between payloads. */
const ALERT_FLUSH_PENDING = 100;

/** What Firehose did, for the counts (it never fails the batch: refused records are dead-lettered). */
function firehoseCounts(sent: FirehoseCounts | undefined): Partial<BatchCounts> {
  if (sent === undefined) return {};
  return { firehose_sent: sent.sent, firehose_failed: sent.failed, firehose_too_large: sent.too_large };
}

function functionNameOf(context: unknown): string | undefined {
  const name = typeof context === 'object' && context !== null ? (context as { functionName?: unknown }).functionName : undefined;
  return typeof name === 'string' ? name : process.env.AWS_LAMBDA_FUNCTION_NAME;
}

function requestIdOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const id = (context as { awsRequestId?: unknown }).awsRequestId;
  return typeof id === 'string' ? id : undefined;
}
