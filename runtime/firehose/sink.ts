/**
 * The Firehose sink of the rule processor: each classified record of a log type listed in
 * `global.firehose.log_types` goes, as one JSON line, to that log type's delivery stream, so that the
 * data bucket and its Glue tables (historical search with Athena) get every record. Calls fill up while
 * the batch is classified and go out one after the other per stream; `close()` waits for the last ones.
 * A Firehose failure never fails the batch: it is counted and logged at ERROR, and the records Firehose
 * still refuses once the retry budget is spent come back from `close()` for the dead letter.
 */
import type { ClassifiedRecord } from '../classifier/types';
import type { Config } from '../config/types';
import { firehoseStreamName } from '../config/names';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { deliverCall, sleep, type Sleep } from './deliver';
import { CallBuilder, FIREHOSE_LIMITS, type BatchLimits } from './limits';
import { encodeRecord } from './record-line';
import type { FirehoseCounts, FirehoseSender, RefusedRecord, RetryPolicy } from './types';

/** Options of {@link createFirehoseSink}. */
export interface FirehoseSinkOptions {
  readonly config: Pick<Config, 'account' | 'global'>;
  /** @default none: no sink */
  readonly sender?: FirehoseSender;
  readonly logger: Logger;
  /** @default up to 12 attempts from 100 ms, within an 8 s budget */
  readonly retry?: Partial<RetryPolicy>;
  /** @default FIREHOSE_LIMITS (tests use smaller ones) */
  readonly limits?: BatchLimits;
  /** @default setTimeout */
  readonly sleep?: Sleep;
}

/** The records of one batch on their way to Firehose. */
export interface FirehoseDelivery {
  add(record: ClassifiedRecord): void;
  /** Sends what is left and waits for every call; never rejects. */
  close(): Promise<FirehoseCounts>;
}

/** Opens a delivery per batch. */
export interface FirehoseSink {
  open(fields: Readonly<Record<string, unknown>>): FirehoseDelivery;
}

/**
 * The sink, or `undefined` when there is nothing to forward: Firehose disabled, no log types, or no sender
 * (local runs: `lambda test`, `process`).
 */
export function createFirehoseSink(options: FirehoseSinkOptions): FirehoseSink | undefined {
  const settings = options.config.global.firehose;
  const { sender, logger } = options;
  if (!settings.enabled || settings.log_types.length === 0 || sender === undefined) return undefined;
  const streams = new Map(settings.log_types.map((logType) => [logType, firehoseStreamName(options.config, logType)]));
  const policy: RetryPolicy = { attempts: 12, baseDelayMs: 100, budgetMs: 8000, ...options.retry };
  const limits = options.limits ?? FIREHOSE_LIMITS;
  const wait = options.sleep ?? sleep;

  return {
    open(fields) {
      const builders = new Map<string, CallBuilder>();
      const chains = new Map<string, Promise<void>>();
      const counts = { sent: 0, failed: 0, too_large: 0 };
      const refused: RefusedRecord[] = [];

      const send = (stream: string, records: Uint8Array[]): void => {
        if (records.length === 0) return;
        const previous = chains.get(stream) ?? Promise.resolve();
        chains.set(
          stream,
          previous.then(async () => {
            const outcome = await deliverCall(sender, stream, records, policy, wait);
            counts.sent += outcome.sent;
            counts.failed += outcome.failed;
            for (const r of outcome.refused) refused.push({ stream, line: r.record, code: r.code });
            if (outcome.failed > 0) {
              logger.error('firehose delivery failed', {
                ...fields,
                stream,
                failed: outcome.failed,
                sent: outcome.sent,
                error_codes: outcome.errors,
                ...(outcome.thrown === undefined ? { retry_budget_ms: policy.budgetMs } : { error: outcome.thrown }),
              });
            }
          }).catch((err: unknown) => {
            // deliverCall never throws: this guards the counting and logging, so no rejection goes unhandled.
            logger.error('firehose delivery failed', { ...fields, stream, error: errorMessage(err) });
          }),
        );
      };

      return {
        add(record) {
          const stream = streams.get(record.log_type);
          if (stream === undefined) return;
          const line = encodeRecord(record);
          if (line.byteLength > limits.maxRecordBytes) {
            counts.too_large += 1;
            refused.push({ stream, line, code: 'TooLarge' });
            logger.error('firehose record too large', {
              ...fields,
              stream,
              log_type: record.log_type,
              source: record.source,
              bytes: line.byteLength,
              max_bytes: limits.maxRecordBytes,
            });
            return;
          }
          let builder = builders.get(stream);
          if (builder === undefined) builders.set(stream, (builder = new CallBuilder(limits)));
          for (const call of builder.add(line)) send(stream, call);
        },
        async close() {
          for (const [stream, builder] of builders) send(stream, builder.take());
          await Promise.all(chains.values());
          return { ...counts, refused: [...refused] };
        },
      };
    },
  };
}
