/** Messages between the main thread of `streamalert process` and its workers. */
import type { ReadIssue } from '../../runtime/classifier/payloads';
import type { UnclassifiedRecord } from '../../runtime/classifier';
import type { BatchCounts } from '../../runtime/handlers';
import type { Task } from './tasks';

/** Main thread to worker. */
export type ToWorker =
  | { readonly type: 'task'; readonly id: number; readonly task: Task }
  /** Blocks written: the worker may send more. */
  | { readonly type: 'ack'; readonly blocks: number }
  /** The next chunk of a body the worker pulls (null: the end). */
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array | null }
  /** No more tasks: send the counts once the queue is done. */
  | { readonly type: 'finish' };

/** Worker to main thread. */
export type FromWorker =
  | { readonly type: 'block'; readonly id: number; readonly channel: 'data' | 'unclassified'; readonly block: string }
  | { readonly type: 'issue'; readonly issue: ReadIssue }
  | { readonly type: 'pull'; readonly id: number }
  | { readonly type: 'done'; readonly id: number; readonly samples: readonly UnclassifiedRecord[]; readonly bytes: number; readonly records: number }
  | { readonly type: 'counts'; readonly counts: BatchCounts }
  | { readonly type: 'failed'; readonly message: string };
