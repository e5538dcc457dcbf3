/**
 * Runs the built CLI as a separate process without blocking the event loop, so that a loopback
 * server in the test process (the fake AWS) can answer it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import type { CliRun } from './run-cli';

/** Environment pointing the AWS SDK at `endpoint`, with dummy credentials and no shared config files. */
export function fakeAwsEnv(endpoint: string, credentials = true): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: join(REPO_ROOT, '.no-such-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(REPO_ROOT, '.no-such-aws-credentials'),
    // Never reach for the instance metadata service (network beyond loopback).
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: credentials ? 'AKIAFAKEFAKEFAKEFAKE' : undefined,
    AWS_SECRET_ACCESS_KEY: credentials ? 'fake-secret' : undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
  };
}

/** Runs `streamalert <args>` asynchronously (colours off) and resolves with its exit code and output; `input` is piped to stdin. */
export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliRun> {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'streamalert.js'), ...args], { cwd: REPO_ROOT, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
