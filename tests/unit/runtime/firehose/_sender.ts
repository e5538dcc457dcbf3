/** An in-memory Firehose sender for the forwarder tests: records every call, refuses or throws on demand. */
import type { FailedEntry, FirehoseSender } from '../../../../runtime/firehose';

/** One PutRecordBatch call the sender received. */
export interface ReceivedCall {
  readonly stream: string;
  /** The records as text. */
  readonly lines: string[];
}

/** How the sender answers call `n` (0-based): refused entries or a thrown error. */
export type Answer = (call: ReceivedCall, n: number) => readonly FailedEntry[] | Error;

/** A sender that keeps every call and answers with `answer` (default: all accepted). */
export function memorySender(answer: Answer = () => []): FirehoseSender & { readonly calls: ReceivedCall[] } {
  const calls: ReceivedCall[] = [];
  const decoder = new TextDecoder();
  return {
    calls,
    async putRecordBatch(stream, records) {
      const call = { stream, lines: records.map((r) => decoder.decode(r)) };
      calls.push(call);
      const outcome = answer(call, calls.length - 1);
      if (outcome instanceof Error) throw outcome;
      return { failed: outcome };
    },
  };
}
