/** A command context whose io writes into strings, for work-function tests. */
import { Writable } from 'node:stream';
import type { CommandContext } from '../../../../cli/context';
import { createIo } from '../../../../cli/io';

export interface CapturedContext {
  readonly ctx: CommandContext;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

/** A context reading configuration from `configDir`. */
export function captureContext(configDir: string, json = false): CapturedContext {
  const out = sink();
  const err = sink();
  const io = createIo({ json, color: false, stdout: out.stream, stderr: err.stream });
  return { ctx: { globals: { config: configDir, json, debug: false, color: false }, io }, stdout: out.text, stderr: err.text };
}
