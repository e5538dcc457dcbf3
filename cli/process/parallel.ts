/**
 * The main thread of `streamalert process --jobs N` with N > 1: hands tasks (whole files, chunks of a large
 * plain file) to worker threads, two at a time each, and writes their output blocks in task order, so the
 * output of every file keeps its order. Memory stays bounded: a worker waits once 16 of its blocks are
 * unwritten, and chunks are read only as workers take them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadIssue } from '../../runtime/classifier/payloads';
import type { UnclassifiedRecord } from '../../runtime/classifier';
import { StreamAlertError } from '../../runtime/errors';
import type { BatchCounts } from '../../runtime/handlers';
import type { FromWorker, ToWorker } from './protocol';
import type { Task } from './tasks';
import type { ThreadSetup } from './thread';

/** Tasks a worker holds at once (one read, one waiting): no worker idles while the next chunk is posted. */
const TASKS_PER_WORKER = 2;

/** Where the coordinator sends what the workers produce. */
export interface ParallelSinks {
  data(block: string): void;
  unclassified(block: string): void;
  issue(issue: ReadIssue): void;
  /** After each finished task: total bytes and records so far. */
  progress(bytes: number, records: number): void;
  /** True once output cannot be delivered (stdout closed): the run stops. */
  stopped(): boolean;
  /** Resolves once the output has taken what was written: workers are let on only then. */
  drained(): Promise<void>;
}

/** What the workers did. */
export interface ParallelResult {
  readonly counts: readonly BatchCounts[];
  /** The first unclassified records, in input order. */
  readonly samples: readonly UnclassifiedRecord[];
  readonly stopped: boolean;
}

/** The worker script beside the built CLI (dist/process-worker.js); undefined when running from sources. */
export function workerScript(): string | undefined {
  const file = join(__dirname, 'process-worker.js');
  return existsSync(file) ? file : undefined;
}

interface Slot {
  readonly worker: Worker;
  held: number;
  counts?: BatchCounts;
}

/** Runs the tasks on `jobs` workers. `bodies` gives the body of an object task without a path (stdin). */
export async function runParallel(options: {
  readonly jobs: number;
  readonly script: string;
  readonly setup: ThreadSetup;
  readonly tasks: Iterator<Task>;
  readonly bodies: (task: Task) => AsyncIterator<Uint8Array | string> | undefined;
  readonly sinks: ParallelSinks;
}): Promise<ParallelResult> {
  const { sinks } = options;
  const slots: Slot[] = [];
  const waiting = new Map<number, { worker: Worker; blocks: { channel: 'data' | 'unclassified'; block: string }[]; done: boolean }>();
  const samplesByTask = new Map<number, readonly UnclassifiedRecord[]>();
  const streams = new Map<number, AsyncIterator<Uint8Array | string>>();
  let nextId = 0;
  let head = 0;
  let exhausted = false;
  let finished = 0;
  let bytes = 0;
  let records = 0;

  return new Promise<ParallelResult>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      for (const slot of slots) void slot.worker.terminate();
      reject(err instanceof StreamAlertError ? err : new StreamAlertError('WorkerFailed', `a process worker failed: ${String(err)}`, { source: 'internal' }));
    };
    const finish = (stopped: boolean): void => {
      if (settled) return;
      settled = true;
      for (const slot of slots) void slot.worker.terminate();
      const samples = [...samplesByTask.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, s]) => s);
      resolve({ counts: slots.flatMap((s) => (s.counts ? [s.counts] : [])), samples, stopped });
    };
    // A block is acknowledged once the output took it, so a slow reader holds the workers back.
    const ack = (worker: Worker, blocks: number): void => {
      sinks.drained().then(
        () => !settled && worker.postMessage({ type: 'ack', blocks } satisfies ToWorker),
        fail,
      );
    };
    const write = (channel: 'data' | 'unclassified', block: string): void => (channel === 'data' ? sinks.data(block) : sinks.unclassified(block));
    const dispatch = (slot: Slot): void => {
      while (!exhausted && slot.held < TASKS_PER_WORKER) {
        const next = options.tasks.next();
        if (next.done) {
          exhausted = true;
          for (const s of slots) s.worker.postMessage({ type: 'finish' } satisfies ToWorker);
          return;
        }
        const id = nextId++;
        const task = next.value;
        waiting.set(id, { worker: slot.worker, blocks: [], done: false });
        const body = options.bodies(task);
        if (body) streams.set(id, body);
        slot.held++;
        const transfer = task.kind === 'lines' ? [task.bytes.buffer as ArrayBuffer] : [];
        slot.worker.postMessage({ type: 'task', id, task } satisfies ToWorker, transfer);
      }
    };
    /** Writes the blocks of the head task and moves on past every finished one. */
    const drain = (): void => {
      for (;;) {
        const entry = waiting.get(head);
        if (entry === undefined) return;
        if (entry.blocks.length > 0) {
          for (const { channel, block } of entry.blocks) write(channel, block);
          ack(entry.worker, entry.blocks.length);
          entry.blocks = [];
        }
        if (!entry.done) return;
        waiting.delete(head);
        head++;
      }
    };
    const onMessage = (slot: Slot, message: FromWorker): void => {
      if (settled) return;
      switch (message.type) {
        case 'block': {
          const entry = waiting.get(message.id);
          if (message.id === head && entry) {
            write(message.channel, message.block);
            ack(slot.worker, 1);
          } else entry?.blocks.push({ channel: message.channel, block: message.block });
          break;
        }
        case 'issue':
          sinks.issue(message.issue);
          break;
        case 'pull':
          void pull(slot, message.id);
          break;
        case 'done': {
          const entry = waiting.get(message.id);
          if (entry) entry.done = true;
          if (message.samples.length > 0) samplesByTask.set(message.id, message.samples);
          streams.delete(message.id);
          bytes += message.bytes - (slotBytes.get(slot) ?? 0);
          slotBytes.set(slot, message.bytes);
          records += message.records - (slotRecords.get(slot) ?? 0);
          slotRecords.set(slot, message.records);
          slot.held--;
          drain();
          sinks.progress(bytes, records);
          if (sinks.stopped()) return finish(true);
          dispatch(slot);
          break;
        }
        case 'counts':
          slot.counts = message.counts;
          if (++finished === slots.length) finish(false);
          break;
        case 'failed':
          fail(new StreamAlertError('WorkerFailed', `a process worker could not start: ${message.message}`, { source: 'internal' }));
          break;
      }
    };
    const slotBytes = new Map<Slot, number>();
    const slotRecords = new Map<Slot, number>();
    const pull = async (slot: Slot, id: number): Promise<void> => {
      try {
        const next = await streams.get(id)?.next();
        const chunk = next === undefined || next.done ? null : typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        slot.worker.postMessage({ type: 'chunk', id, bytes: chunk } satisfies ToWorker);
      } catch (err) {
        fail(err);
      }
    };
    for (let i = 0; i < options.jobs; i++) {
      const worker = new Worker(options.script, { workerData: options.setup });
      const slot: Slot = { worker, held: 0 };
      slots.push(slot);
      worker.on('message', (message: FromWorker) => {
        try {
          onMessage(slot, message);
        } catch (err) {
          fail(err);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!settled && code !== 0) fail(new StreamAlertError('WorkerFailed', `a process worker exited with code ${code}`, { source: 'internal' }));
      });
    }
    for (const slot of slots) dispatch(slot);
    if (exhausted && nextId === 0) finish(false);
  });
}
