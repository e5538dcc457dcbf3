/** Finds the StreamAlert conf directory and tells its layout apart. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../runtime/errors';
import { displayPath } from '../../../runtime/config';
import type { StreamAlertLayout } from './types';

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Resolves `from` to the directory that holds the files, and the layout:
 * v3 (global.json + clusters/ + schemas/ or logs.json, with cluster data_sources),
 * 1.4 (global.json + clusters/ + sources.json + logs.json), 1.3 (variables.json + conf/sources.json).
 */
export function detectLayout(from: string): { readonly dir: string; readonly layout: StreamAlertLayout } {
  const candidates = [from, join(from, 'conf')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'global.json')) && isDir(join(dir, 'clusters'))) {
      return { dir, layout: existsSync(join(dir, 'sources.json')) ? '1.4' : 'v3' };
    }
  }
  if (existsSync(join(from, 'variables.json')) && existsSync(join(from, 'conf', 'sources.json'))) {
    return { dir: from, layout: '1.3' };
  }
  throw new ConfigError([
    {
      file: displayPath(from),
      pointer: '',
      message: 'is not a StreamAlert configuration directory',
      hint: 'expected global.json and clusters/ (v3 or 1.4), or variables.json with conf/sources.json (1.3)',
    },
  ]);
}
