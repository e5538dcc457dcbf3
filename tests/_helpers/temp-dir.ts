/** Temporary directories that tests create and remove. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A fresh empty directory, removed after all tests of the file. */
export function makeTempDir(prefix = 'streamalert-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A copy of `source` in a fresh temporary directory. */
export function copyToTempDir(source: string): string {
  const dir = makeTempDir();
  cpSync(source, dir, { recursive: true });
  return dir;
}

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});
