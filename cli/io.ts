/**
 * The one place the CLI prints. Human text goes to stderr, the `--json` result to stdout,
 * and colours are off when stderr is not a TTY, when NO_COLOR is set, or with `--no-color`.
 */
import { Chalk, type ChalkInstance } from 'chalk';

/** Where and how the CLI prints. */
export interface IoOptions {
  readonly json?: boolean;
  readonly color?: boolean;
  readonly debug?: boolean;
  /** @default process.stdout */
  readonly stdout?: NodeJS.WritableStream;
  /** @default process.stderr */
  readonly stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Output channel handed to every command's work function. */
export interface Io {
  readonly json: boolean;
  readonly debugEnabled: boolean;
  readonly isTty: boolean;
  readonly style: ChalkInstance;
  /** A line of human text (stderr). Suppressed in `--json` mode unless `force`. */
  info(message: string): void;
  /** A warning line (stderr), always shown. */
  warn(message: string): void;
  /** An error line (stderr), always shown. */
  error(message: string): void;
  /** A debug line (stderr), shown with `--debug`. */
  debug(message: string): void;
  /** The primary result: pretty JSON on stdout with `--json`. */
  result(value: unknown): void;
  /** Raw data on stdout (one JSON line per record, for instance). Dropped once stdout is closed. */
  data(line: string): void;
  /**
   * True once stdout was closed by its reader (EPIPE, as in `streamalert process ... | head -1`): nothing
   * written to it can arrive any more, so a command producing data may stop early and exit quietly.
   */
  dataClosed(): boolean;
  /**
   * Resolves once stdout has taken what was written (at once unless its reader is slower than the writer).
   * A command writing much data awaits it now and then, so unwritten data never piles up in memory.
   */
  dataDrained(): Promise<void>;
  /** A human line on stderr even with --json (statistics that accompany JSON-lines data on stdout). */
  note(message: string): void;
  /** Rewrites a progress line in place on a TTY; a no-op otherwise. */
  progress(message: string): void;
  /** Clears the progress line, if any. */
  endProgress(): void;
}

/** Colours are wanted unless disabled by option, NO_COLOR, or a non-TTY stream. */
export function isColorWanted(option: boolean | undefined, stream: { isTTY?: boolean }): boolean {
  if (option === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const watched = new WeakMap<NodeJS.WritableStream, { closed: boolean }>();

/**
 * Watches a stream for its reader going away (EPIPE once `| head` has read enough): that is the end of the
 * output, not an error (no stack trace, no exit 1). One listener per stream, however many io objects use it.
 */
function watchClosed(stream: NodeJS.WritableStream): { closed: boolean } {
  let state = watched.get(stream);
  if (state === undefined) {
    const created = { closed: false };
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      created.closed = true;
    });
    watched.set(stream, (state = created));
  }
  return state;
}

/**
 * Makes stdout and stderr end quietly when their reader goes away, for output written before any io object
 * exists (commander's `--help`: `streamalert --help | head -1`).
 */
export function watchStdio(): void {
  watchClosed(process.stdout);
  watchClosed(process.stderr);
}

function drained(stream: NodeJS.WritableStream, output: { closed: boolean }): Promise<void> {
  const writable = stream as NodeJS.WritableStream & { writableNeedDrain?: boolean };
  if (output.closed || writable.writableNeedDrain !== true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** Creates the io object for one CLI run. */
export function createIo(options: IoOptions = {}): Io {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const isTty = stderr.isTTY === true;
  const style = new Chalk({ level: isColorWanted(options.color, stderr) ? 1 : 0 });
  const json = options.json === true;
  let progressShown = false;
  const output = watchClosed(stdout);

  const line = (text: string): void => {
    if (progressShown) clearProgress();
    stderr.write(`${text}\n`);
  };
  const clearProgress = (): void => {
    stderr.write('\r\x1b[K');
    progressShown = false;
  };

  return {
    json,
    debugEnabled: options.debug === true,
    isTty,
    style,
    info: (message) => {
      if (!json) line(message);
    },
    warn: (message) => line(style.yellow(`warning: ${message}`)),
    note: (message) => line(message),
    error: (message) => line(style.red(`error: ${message}`)),
    debug: (message) => {
      if (options.debug) line(style.gray(`debug: ${message}`));
    },
    result: (value) => {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    data: (text) => {
      if (!output.closed) stdout.write(`${text}\n`);
    },
    dataClosed: () => output.closed,
    dataDrained: () => drained(stdout, output),
    progress: (message) => {
      if (!isTty) return;
      stderr.write(`\r\x1b[K${message}`);
      progressShown = true;
    },
    endProgress: () => {
      if (progressShown) clearProgress();
    },
  };
}
