/**
 * A worker thread of `streamalert process --jobs N` (built to dist/process-worker.js). It reads the tasks the
 * main thread sends, in order, and sends back its output lines in blocks tagged with the task, so that the
 * main thread writes them in input order. It pauses when too many blocks wait to be written (bounded memory).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadIssue } from '../../runtime/classifier/payloads';
import { loadConfig } from '../../runtime/config';
import { StreamAlertError, errorMessage } from '../../runtime/errors';
import { LineBlocks } from './output';
import type { FromWorker, ToWorker } from './protocol';
import { readTask, type Task } from './tasks';
import { createThread, loadBundleEvaluator, type ThreadSetup } from './thread';

/** Blocks sent and not yet written by the main thread before the worker waits. */
const MAX_UNACKED = 16;
/** Read issues forwarded for printing (all are counted). */
const MAX_FORWARDED_ISSUES = 11;

const port = parentPort;
if (port === null) throw new StreamAlertError('NotAWorker', 'process-worker.js runs as a worker thread of streamalert process', { source: 'internal' });
const setup = workerData as ThreadSetup;
const post = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

let current = -1;
let unacked = 0;
let wakeUp: (() => void) | undefined;
let forwarded = 0;
let bytes = 0;
const queue: { id: number; task: Task }[] = [];
const bodies = new Map<number, { push: (chunk: Uint8Array | null) => void }>();
let next: (() => void) | undefined;
let finishing = false;

const data = new LineBlocks((block) => send('data', block), 1024 * 1024);
const unclassified = new LineBlocks((block) => send('unclassified', block), 1024 * 1024);
function send(channel: 'data' | 'unclassified', block: string): void {
  unacked++;
  post({ type: 'block', id: current, channel, block });
}

try {
  const config = loadConfig(setup.configDir);
  const evaluator = setup.rulesBundle ? loadBundleEvaluator(setup.rulesBundle) : undefined;
  const thread = createThread(setup, config, evaluator, {
    data: (line) => data.push(line),
    unclassified: setup.unclassified ? (line) => unclassified.push(line) : undefined,
    issue: (issue: ReadIssue) => {
      if (issue.level !== 'info' && forwarded++ < MAX_FORWARDED_ISSUES) post({ type: 'issue', issue });
    },
  });
  port.on('message', (message: ToWorker) => {
    if (message.type === 'task') queue.push({ id: message.id, task: message.task });
    else if (message.type === 'ack') {
      unacked -= message.blocks;
      if (unacked < MAX_UNACKED) wakeUp?.();
    } else if (message.type === 'chunk') bodies.get(message.id)?.push(message.bytes);
    else if (message.type === 'finish') finishing = true;
    next?.();
  });
  void run(thread);
} catch (err) {
  post({ type: 'failed', message: errorMessage(err) });
}

async function run(thread: ReturnType<typeof createThread>): Promise<void> {
  for (;;) {
    const item = queue.shift();
    if (item === undefined) {
      if (finishing) break;
      await new Promise<void>((resolve) => (next = resolve));
      next = undefined;
      continue;
    }
    current = item.id;
    const how = { reader: thread.reader, replay: setup.replay, onBytes: (n: number) => (bytes += n), backpressure };
    await readTask(item.task, thread.processor, how, item.task.kind === 'object' && item.task.path === undefined ? pulled(item.id) : undefined);
    data.flush();
    unclassified.flush();
    post({ type: 'done', id: item.id, samples: thread.processor.takeSamples(), bytes, records: thread.processor.recordCount() });
  }
  post({ type: 'counts', counts: thread.processor.counts() });
}

/** Waits while too many blocks are unwritten. */
async function backpressure(): Promise<void> {
  while (unacked >= MAX_UNACKED) await new Promise<void>((resolve) => (wakeUp = resolve));
  wakeUp = undefined;
}

/** A body the main thread sends chunk by chunk, on request (stdin). */
async function* pulled(id: number): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const chunk = await new Promise<Uint8Array | null>((resolve) => {
        bodies.set(id, { push: resolve });
        post({ type: 'pull', id });
      });
      if (chunk === null) return;
      yield chunk;
    }
  } finally {
    bodies.delete(id);
  }
}
