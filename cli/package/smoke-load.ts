/**
 * Loads a packaged function in a fresh Node process before its zip is written: module initialisation (the
 * rules are registered there: a rule defined twice fails it) and one no-op event through `handler`. A bundle
 * that cannot start would otherwise fail every invocation after deploy; here it fails `lambda package`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleLoadError } from './errors';
import type { ZipEntry } from './zip';

/** The event each function kind gets: nothing to read, nothing to send. */
const NO_OP_EVENT = { Records: [] };

/** Longest a load may take (a cold start is well under this). */
const TIMEOUT_MS = 60_000;

// Runs in the child: require the bundle, call its handler once, print nothing unless it fails.
const SCRIPT = `
const entry = require(process.argv[1]);
if (typeof entry.handler !== 'function') { console.error('index.js exports no handler function'); process.exit(2); }
if (process.argv[2] === '') process.exit(0);
Promise.resolve(entry.handler(JSON.parse(process.argv[2]), { awsRequestId: 'package-smoke-load', functionName: 'package-smoke-load', getRemainingTimeInMillis: () => 60000 }))
  .then(() => process.exit(0), (err) => { console.error(err && err.stack || String(err)); process.exit(3); });
`;

/**
 * Writes `files` to a temporary folder and loads `index.js` there in a new Node process, with no AWS
 * settings in its environment (nothing it does reaches AWS). With `invoke` (rule processors), `handler`
 * also runs once on an event with no records; other kinds are only initialised (their events differ).
 * @throws BundleLoadError with the child's error output when initialisation or the no-op event fails.
 */
export function smokeLoadBundle(functionName: string, files: readonly ZipEntry[], options: { readonly invoke: boolean } = { invoke: true }): void {
  const dir = mkdtempSync(join(tmpdir(), 'streamalert-smoke-'));
  try {
    for (const file of files) writeFileSync(join(dir, file.name), file.data);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LOG_LEVEL: 'error', NODE_OPTIONS: '' };
    const event = options.invoke ? JSON.stringify(NO_OP_EVENT) : '';
    const run = spawnSync(process.execPath, ['-e', SCRIPT, join(dir, 'index.js'), event], {
      env,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    if (run.status !== 0) {
      const output = `${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim();
      throw new BundleLoadError(functionName, output === '' ? `exit ${String(run.status ?? run.signal)}` : output);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
