import { PassThrough } from 'node:stream';
import { terminalPrompter } from '../../../../cli/outputs/prompt';
import { UsageError } from '../../../../runtime/errors';

/** A stand-in for a TTY stdin: raw mode is recorded, typed keys are pushed as data. */
function fakeTty(isTTY = true) {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(mode: boolean): void; rawModes: boolean[] };
  input.isTTY = isTTY;
  input.isRaw = false;
  input.rawModes = [];
  input.setRawMode = (mode: boolean) => {
    input.isRaw = mode;
    input.rawModes.push(mode);
  };
  const output = new PassThrough();
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString()));
  return { input, output, written: () => written };
}

describe('terminal prompter', () => {
  it('reads a secret in raw mode without echoing a character, handling backspace', async () => {
    const tty = fakeTty();
    const prompter = terminalPrompter({ input: tty.input as unknown as NodeJS.ReadStream, output: tty.output });
    const answer = prompter.ask({ label: 'url', secret: true });
    tty.input.write('hunter22\u007f3\r');
    await expect(answer).resolves.toBe('hunter23');
    expect(tty.written()).toBe('url (input hidden): \n');
    expect(tty.input.rawModes).toEqual([true, false]);
  });

  it('echoes a non-secret answer', async () => {
    const tty = fakeTty();
    const answer = terminalPrompter({ input: tty.input as unknown as NodeJS.ReadStream, output: tty.output }).ask({ label: 'repository', secret: false });
    tty.input.write('acme/sec\n');
    await expect(answer).resolves.toBe('acme/sec');
    expect(tty.written()).toBe('repository: acme/sec\n');
  });

  it('stops on Ctrl-C', async () => {
    const tty = fakeTty();
    const answer = terminalPrompter({ input: tty.input as unknown as NodeJS.ReadStream, output: tty.output }).ask({ label: 'x', secret: true });
    tty.input.write('abc\u0003');
    await expect(answer).rejects.toThrow('cancelled');
  });

  it('refuses to prompt when stdin is not a terminal', async () => {
    const tty = fakeTty(false);
    await expect(terminalPrompter({ input: tty.input as unknown as NodeJS.ReadStream, output: tty.output }).ask({ label: 'x', secret: true })).rejects.toBeInstanceOf(UsageError);
  });
});
