import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctionBundle } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { firehoseStreamName } from '../../../../runtime/config/names';
import { silentLogger } from '../../../../runtime/logger';
import { startFakeFirehose } from '../../../_helpers/fake-firehose';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { kinesisEvent } from '../../runtime/classifier/payloads/_events';
import { osquery } from '../../runtime/handlers/_records';
import { useLoopbackAws } from '../../../_helpers/aws-env';

const config = loadConfig(DEFAULT_CONF_DIR);

type Entry = { createHandler: (o: object) => (event: unknown) => Promise<{ counts: Record<string, unknown> }> };

describe('rule processor bundle with Firehose', () => {
  it('keeps the Firehose client in a lazy file that the deployed function loads to send its classified records', async () => {
    const bundle = await buildFunctionBundle({ config, cluster: 'prod', rulesDir: makeTempDir(), project: REPO_ROOT, typecheck: false });
    const chunk = bundle.chunks['firehose-sdk.lazy.js'];
    // Checked with includes() so that a failure does not print half a megabyte of bundle.
    expect(bundle.code.includes('import("./firehose-sdk.lazy.js")')).toBe(true);
    expect(bundle.code.includes('Firehose_20150804')).toBe(false);
    expect(chunk.includes('Firehose_20150804')).toBe(true);

    const dir = makeTempDir();
    writeFileSync(join(dir, 'index.js'), bundle.code);
    for (const [name, code] of Object.entries(bundle.chunks)) writeFileSync(join(dir, name), code);
    const fake = await startFakeFirehose();
    const restoreEnv = useLoopbackAws(fake.url, { AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules' });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(join(dir, 'index.js')) as Entry;
      const result = await entry.createHandler({ logger: silentLogger })(kinesisEvent('acme_prod_streamalert', JSON.stringify(osquery('host-9'))));
      expect(fake.calls.map((c) => [c.target, c.stream])).toEqual([['Firehose_20150804.PutRecordBatch', firehoseStreamName(config, 'osquery:differential')]]);
      expect(JSON.parse(fake.calls[0].records[0])).toEqual(expect.objectContaining({ hostIdentifier: 'host-9' }));
      expect(result.counts).toEqual(expect.objectContaining({ firehose_sent: 1, firehose_failed: 0, firehose_too_large: 0 }));
    } finally {
      restoreEnv();
      await fake.close();
    }
  });
});
