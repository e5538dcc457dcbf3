/** Paths shared by tests. */
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
/** The reference corpus beside the repository (read-only, never copied in). */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus', 'streamalert');
export const DEFAULT_CONF_DIR = join(REPO_ROOT, 'conf');
