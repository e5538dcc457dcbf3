/** Runs the built CLI (bin/streamalert.js -> dist/cli.js) as a separate process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string | Buffer;
  /** @default 120000 */
  readonly timeoutMs?: number;
}

/** Runs `streamalert <args>` and returns its exit code and output (colours off). */
export function runCli(args: readonly string[], options: RunCliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'streamalert.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
