/** Imports a StreamAlert sample configuration from the corpus into a temporary directory. */
import { join } from 'node:path';
import { importStreamAlertConfig, type ImportReport } from '../../cli/config/import';
import { CORPUS_DIR } from './paths';
import { makeTempDir } from './temp-dir';

/** The StreamAlert sample configurations of the corpus, by name, with what each needs to import. */
export const CORPUS_SAMPLES: Readonly<Record<string, { readonly from: string; readonly schemas?: string; readonly dropUnknownLogTypes?: boolean }>> = {
  'v3.5.0': { from: join(CORPUS_DIR, 'config', 'v3.5.0', 'conf') },
  'v3.5.0-unit-conf': { from: join(CORPUS_DIR, 'config', 'v3.5.0-unit-conf') },
  'v3.5.0-unit-conf-athena': { from: join(CORPUS_DIR, 'config', 'v3.5.0-unit-conf-athena') },
  '1.4.0': { from: join(CORPUS_DIR, 'config', '1.4.0', 'conf') },
  // 1.3 kept its schemas in a logs.json the sample does not include: borrow 1.4's and drop the test-only types.
  '1.3.0': {
    from: join(CORPUS_DIR, 'config', '1.3.0'),
    schemas: join(CORPUS_DIR, 'config', '1.4.0', 'conf', 'logs.json'),
    dropUnknownLogTypes: true,
  },
};

/** Imports one corpus sample (with placeholder account values replaced) and returns the new conf dir. */
export function importCorpusSample(name: keyof typeof CORPUS_SAMPLES | string): { readonly dir: string; readonly report: ImportReport } {
  const sample = CORPUS_SAMPLES[name];
  if (!sample) throw new Error(`unknown corpus sample ${name}`);
  const dir = join(makeTempDir('streamalert-import-'), 'conf');
  const report = importStreamAlertConfig({ ...sample, to: dir, accountId: '123456789012', prefix: 'acme' });
  return { dir, report };
}
