import { Readable, Writable } from 'node:stream';
import { processFiles } from '../../../../cli/process';
import { createIo } from '../../../../cli/io';
import type { CommandContext } from '../../../../cli/context';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';
import { osquery } from '../../runtime/handlers/_records';

/** A command context whose stdout and stderr are captured. */
function context(tty = false): { ctx: CommandContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _enc, done) => (into.push(String(chunk)), done()) });
  const io = createIo({ color: false, stdout: sink(out), stderr: Object.assign(sink(err), { isTTY: tty }) });
  return { ctx: { globals: { config: DEFAULT_CONF_DIR, json: false, debug: false, color: false }, io }, out, err };
}

describe('processFiles', () => {
  it('prints the alerts of an evaluator instead of the classified records', async () => {
    const { ctx, out, err } = context();
    const stdin = Readable.from([Buffer.from(`${JSON.stringify(osquery('a'))}\n${JSON.stringify(osquery('b'))}\n`)]);
    const evaluator = { evaluate: (r: { record: Record<string, unknown> }) => (r.record.hostIdentifier === 'b' ? [{ rule_name: 'r', host: 'b' }] : []) };
    const code = await processFiles(ctx, { config: DEFAULT_CONF_DIR, files: ['-'], stdin, evaluator });
    expect(code).toBe(0);
    expect(out.join('')).toBe('{"rule_name":"r","host":"b"}\n');
    expect(err.join('')).toMatch(/2 record\(s\), 2 classified, 0 unclassified[\s\S]*alerts: 1/);
  });

  it.each([
    [true, 1],
    [false, 0],
  ])('shows a progress line when stderr is a TTY (%s)', async (tty, expected) => {
    const { ctx, err } = context(tty);
    const stdin = Readable.from([Buffer.from(`${JSON.stringify(osquery())}\n`)]);
    await processFiles(ctx, { config: DEFAULT_CONF_DIR, files: ['-'], stdin });
    expect(err.filter((line) => line === '\r\x1b[Kstdin: 0.0 MB read, 1 record(s)')).toHaveLength(expected);
  });

  it('rejects reading stdin twice as bad usage', async () => {
    const { ctx } = context();
    await expect(processFiles(ctx, { config: DEFAULT_CONF_DIR, files: ['-', '-'] })).rejects.toMatchObject({ code: 'Usage', exitCode: 2 });
  });
});
