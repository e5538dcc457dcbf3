/**
 * Retry semantics of the rule processor. Transient read failures are retried by Lambda: for Kinesis and
 * SQS through a partial batch response naming exactly the affected record or message; for S3 and SNS
 * (asynchronous invocations) by failing the invocation, after which Lambda retries twice and then sends the
 * event to the function's on-failure destination. Permanent failures are dead-lettered, never retried.
 */
import type { ReadIssue } from '../classifier/payloads';
import { StreamAlertError } from '../errors';
import type { BatchItemFailure } from './types';

/** Fails an invocation on purpose, so that Lambda retries it (the message says why). */
export class RetryInvocationError extends StreamAlertError {
  constructor(reasons: readonly string[]) {
    const shown = reasons.slice(0, 3).join('; ');
    const more = reasons.length > 3 ? ` and ${reasons.length - 3} more` : '';
    super('RetryInvocation', `transient failure, the invocation is failed so that Lambda retries it: ${shown}${more}`, { source: 'aws' });
  }
}

/** Collects what must be retried in one invocation. */
export interface RetryPlan {
  /** Records a transient issue; returns true when it is handled by retry (so it is not dead-lettered). */
  note(issue: ReadIssue): boolean;
  /** The partial batch response. */
  batchItemFailures(): BatchItemFailure[];
  /** Throws {@link RetryInvocationError} when something can only be retried by failing the invocation. */
  throwIfInvocationMustFail(): void;
}

/** Starts the retry plan of one invocation. */
export function createRetryPlan(): RetryPlan {
  const items = new Set<string>();
  const reasons: string[] = [];
  return {
    note(issue) {
      if (!issue.retry) return false;
      const item = issue.item;
      if (item !== undefined && (item.service === 'kinesis' || item.service === 'sqs') && item.id !== undefined && item.id !== '') {
        items.add(item.id);
      } else {
        reasons.push(issue.reason);
      }
      return true;
    },
    batchItemFailures: () => [...items].map((itemIdentifier) => ({ itemIdentifier })),
    throwIfInvocationMustFail() {
      if (reasons.length > 0) throw new RetryInvocationError(reasons);
    },
  };
}
