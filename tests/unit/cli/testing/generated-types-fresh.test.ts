import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createIo } from '../../../../cli/io';
import { writeRecordTypes } from '../../../../cli/testing/record-types';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';

describe('rules/types.generated.d.ts', () => {
  it('is what `streamalert types generate` writes for the bundled conf/ (run it after changing a schema)', () => {
    const io = createIo({ stdout: new PassThrough(), stderr: new PassThrough(), color: false });
    // Generated beside the committed file so that its import of runtime/rules/types is the same relative path.
    const out = join(makeTempDir(), 'types.generated.d.ts');
    writeRecordTypes({ globals: { config: DEFAULT_CONF_DIR, json: false, debug: false, color: false }, io }, { out });
    const normalise = (text: string): string => text.replace(/(["'])[^"']*runtime\/rules\/types\1/g, '"<runtime>/rules/types"');
    expect(normalise(readFileSync(out, 'utf8'))).toBe(normalise(readFileSync(join(REPO_ROOT, 'rules', 'types.generated.d.ts'), 'utf8')));
  });
});
