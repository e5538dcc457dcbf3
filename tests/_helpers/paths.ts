/** Paths shared by tests. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
/** The reference corpus beside the repository (read-only, never copied in). */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
/**
 * Airbnb StreamAlert's configuration and test events, read by the corpus tests: `STREAMALERT_CORPUS_DIR`, else
 * `../shared/corpus/streamalert` beside the repository. A user's clone has neither: those tests are skipped.
 */
export const CORPUS_DIR = process.env.STREAMALERT_CORPUS_DIR ? resolve(process.env.STREAMALERT_CORPUS_DIR) : join(SHARED_DIR, 'corpus', 'streamalert');
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'config'));
/** CI names the corpus (or sets STREAMALERT_CORPUS_REQUIRED=1): there a missing corpus fails the tests instead. */
export const CORPUS_REQUIRED = process.env.STREAMALERT_CORPUS_REQUIRED === '1' || Boolean(process.env.STREAMALERT_CORPUS_DIR);
export const DEFAULT_CONF_DIR = join(REPO_ROOT, 'conf');
