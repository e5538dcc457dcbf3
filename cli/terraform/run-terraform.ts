/** Runs the installed `terraform` binary in the generated directory. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, StreamAlertError } from '../../runtime/errors';

/** The binary: `$STREAMALERT_TERRAFORM` when set (tests, pinned installs), else `terraform` on PATH. */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.STREAMALERT_TERRAFORM || 'terraform';
}

/** Terraform is missing or failed. Exit code 1. */
export class TerraformError extends StreamAlertError {
  /** The end of what terraform wrote to stderr, to recognise known failures. */
  readonly stderrTail: string;

  constructor(code: 'TerraformNotFound' | 'TerraformFailed', message: string, hint?: string, stderrTail = '') {
    super(code, message, { source: 'user', exitCode: ExitCode.Runtime, hint });
    this.stderrTail = stderrTail;
  }
}

/** How much of terraform's stderr is kept for {@link TerraformError.stderrTail}. */
const TAIL_CHARS = 16_384;

/** Runs `terraform <args>` in `dir`, output passed through to the user's terminal (stderr also kept, in part). */
export function runTerraform(dir: string, args: readonly string[]): Promise<void> {
  const binary = terraformBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd: dir, stdio: ['inherit', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(new TerraformError('TerraformNotFound', `terraform is not installed (no "${binary}" on PATH)`, 'install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install), or set STREAMALERT_TERRAFORM to its path'));
      } else reject(new TerraformError('TerraformFailed', `cannot run ${binary}: ${err.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new TerraformError('TerraformFailed', `terraform ${args[0]} failed (exit code ${code ?? 'signal'})`, undefined, tail));
    });
  });
}

/** `terraform init` when the directory has never been initialized. */
export async function ensureInitialized(dir: string): Promise<boolean> {
  if (existsSync(join(dir, '.terraform'))) return false;
  await runTerraform(dir, ['init', '-input=false']);
  return true;
}

/** What terraform's S3 backend says when the state bucket is missing ("S3 bucket does not exist", "NoSuchBucket"). */
const MISSING_BUCKET = /NoSuchBucket|S3 bucket (".*" )?does not exist/i;

/**
 * Adds the way out to a failure caused by a missing state bucket: on the first plan of a fresh account,
 * `terraform init` fails because nothing has created it yet. Other errors pass through unchanged.
 */
export function withStateBucketHint(err: unknown, stateBucket: string, duringInit: boolean): unknown {
  if (!(err instanceof TerraformError) || err.code !== 'TerraformFailed') return err;
  const bootstrap = 'create it with `streamalert terraform bootstrap`, then run this again';
  if (MISSING_BUCKET.test(err.stderrTail)) {
    return new TerraformError('TerraformFailed', `${err.message}: the state bucket "${stateBucket}" does not exist`, bootstrap, err.stderrTail);
  }
  if (duringInit) {
    return new TerraformError('TerraformFailed', err.message, `if the state bucket "${stateBucket}" does not exist yet, ${bootstrap}`, err.stderrTail);
  }
  return err;
}
