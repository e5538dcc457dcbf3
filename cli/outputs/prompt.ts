/**
 * Asking for descriptor properties at the terminal. Secret properties are read with echo off (raw mode:
 * nothing typed is written back); the answers never reach argv, logs or the shell history.
 */
import { UsageError, StreamAlertError } from '../../runtime/errors';

/** One question. */
export interface PromptQuestion {
  readonly label: string;
  /** Read with echo off. */
  readonly secret: boolean;
}

/** Asks questions; tests inject a scripted one. */
export interface Prompter {
  ask(question: PromptQuestion): Promise<string>;
}

/** The streams the terminal prompter uses. */
export interface TerminalStreams {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WritableStream;
}

/** Reads one line from a TTY in raw mode; `echo` false writes nothing back. */
function readLine(streams: TerminalStreams, echo: boolean): Promise<string> {
  const { input, output } = streams;
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (error?: Error): void => {
      input.removeListener('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new StreamAlertError('Cancelled', 'cancelled at the prompt', { source: 'user' }));
        if (char === '\u007f' || char === '\b') {
          if (value.length > 0) {
            value = value.slice(0, -1);
            if (echo) output.write('\b \b');
          }
          continue;
        }
        if (char < ' ') continue;
        value += char;
        if (echo) output.write(char);
      }
    };
    input.on('data', onData);
  });
}

/** The prompter of an interactive terminal (stdin must be a TTY). */
export function terminalPrompter(streams: TerminalStreams = { input: process.stdin, output: process.stderr }): Prompter {
  return {
    async ask(question) {
      if (!streams.input.isTTY) {
        throw new UsageError('stdin is not a terminal, so properties cannot be asked for', 'pipe a JSON object of the properties and pass --from-stdin');
      }
      streams.output.write(`${question.label}${question.secret ? ' (input hidden)' : ''}: `);
      return readLine(streams, !question.secret);
    },
  };
}

/** Reads all of stdin as text. */
export async function readAllStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
