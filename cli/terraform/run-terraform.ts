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
  constructor(code: 'TerraformNotFound' | 'TerraformFailed', message: string, hint?: string) {
    super(code, message, { source: 'user', exitCode: ExitCode.Runtime, hint });
  }
}

/** Runs `terraform <args>` in `dir`, output passed through to the user's terminal. */
export function runTerraform(dir: string, args: readonly string[]): Promise<void> {
  const binary = terraformBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd: dir, stdio: 'inherit' });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(new TerraformError('TerraformNotFound', `terraform is not installed (no "${binary}" on PATH)`, 'install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install), or set STREAMALERT_TERRAFORM to its path'));
      } else reject(new TerraformError('TerraformFailed', `cannot run ${binary}: ${err.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new TerraformError('TerraformFailed', `terraform ${args[0]} failed (exit code ${code ?? 'signal'})`));
    });
  });
}

/** `terraform init` when the directory has never been initialized. */
export async function ensureInitialized(dir: string): Promise<boolean> {
  if (existsSync(join(dir, '.terraform'))) return false;
  await runTerraform(dir, ['init', '-input=false']);
  return true;
}
