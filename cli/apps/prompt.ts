/**
 * Reading credentials without argv: one line per property from the terminal with echo off for secrets, or
 * from piped input (scripted), or a JSON object on stdin (`--from-stdin`). Values are never printed.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from '../../runtime/errors';

/** A property to ask for. */
export interface PromptProperty {
  readonly name: string;
  readonly description: string;
  /** Secret values are typed with echo off. @default true */
  readonly secret?: boolean;
}

/** Where prompts read and write. */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Prompts go here (stderr: stdout stays for results). */
  readonly output: NodeJS.WritableStream;
}

/** Asks for each property in turn; returns name -> value. */
export async function promptProperties(properties: readonly PromptProperty[], streams: PromptStreams): Promise<Record<string, string>> {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) streams.output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: streams.input, output: echo, terminal: streams.input.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  const values: Record<string, string> = {};
  try {
    for (const property of properties) {
      streams.output.write(`${property.name} (${property.description})${property.secret === false ? '' : ' [hidden]'}: `);
      muted = property.secret !== false;
      const next = await lines.next();
      muted = false;
      if (property.secret !== false) streams.output.write('\n');
      if (next.done) throw new UsageError(`input ended before "${property.name}" was given`, 'give one line per property, or a JSON object with --from-stdin');
      values[property.name] = String(next.value).trim();
    }
  } finally {
    rl.close();
  }
  return values;
}

/** Reads a JSON object of string values from a stream (`--from-stdin`). */
export async function readJsonObject(input: NodeJS.ReadableStream, what: string): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    // Never quote the input: it holds secrets.
    throw new UsageError(`${what} on stdin is not valid JSON`, 'pipe an object such as {"api_token": "..."}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${what} on stdin must be a JSON object`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new UsageError(`${what} on stdin: "${key}" must be a string`);
    out[key] = v;
  }
  return out;
}
