import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildFunctionBundle } from '../../../../cli/package';
import { loadConfig } from '../../../../runtime/config';
import { silentLogger } from '../../../../runtime/logger';
import { DEFAULT_CONF_DIR, REPO_ROOT } from '../../../_helpers/paths';
import { makeTempDir } from '../../../_helpers/temp-dir';
import { kinesisEvent } from '../../runtime/classifier/payloads/_events';
import { useLoopbackAws } from '../../../_helpers/aws-env';

const config = loadConfig(DEFAULT_CONF_DIR);

describe('the rule processor bundle and its dead letters', () => {
  it('keeps the PutObject code in the lazy S3 file, not in index.js, and writes the dead letter through it', async () => {
    const bundle = await buildFunctionBundle({ config, cluster: 'prod', rulesDir: makeTempDir(), project: REPO_ROOT, typecheck: false });
    // One lazy S3 file for reading and writing (the SDK is in the zip once); Firehose and DynamoDB (alerts) have their own.
    expect(Object.keys(bundle.chunks)).toEqual(['dynamodb-sdk.lazy.js', 'firehose-sdk.lazy.js', 's3-sdk.lazy.js']);
    // The PutObject serializer (operation name as a string) is SDK code; index.js only names the export.
    expect(bundle.code.includes('"PutObject"')).toBe(false);
    expect(bundle.chunks['s3-sdk.lazy.js'].includes('"PutObject"')).toBe(true);

    const dir = makeTempDir();
    writeFileSync(join(dir, 'index.js'), bundle.code);
    writeFileSync(join(dir, 's3-sdk.lazy.js'), bundle.chunks['s3-sdk.lazy.js']);
    const received: { method?: string; url?: string; encoding?: string; body: Buffer }[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, encoding: req.headers['content-encoding'], body: Buffer.concat(chunks) });
        res.writeHead(200, { etag: '"1"' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const restoreEnv = useLoopbackAws(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      DEAD_LETTER_BUCKET: 'acme-streamalert-data',
      AWS_LAMBDA_FUNCTION_NAME: 'acme_prod_streamalert_rules',
    });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const entry = require(join(dir, 'index.js')) as { createHandler: (o: object) => (event: unknown, context: unknown) => Promise<unknown> };
      await entry.createHandler({ logger: silentLogger })(kinesisEvent('acme_prod_streamalert', 'not a log'), { awsRequestId: 'r1' });
      expect(received).toHaveLength(1);
      expect(received[0]).toEqual(expect.objectContaining({ method: 'PUT', encoding: 'gzip' }));
      expect(decodeURIComponent(received[0].url ?? '')).toMatch(/^\/acme-streamalert-data\/dead-letter\/prod\/dt=[\d-]+\/[\dT.]+Z-r1\.json\.gz\?x-id=PutObject$/);
      // The S3 client may send the body with aws-chunked encoding; the gzip data is inside it.
      const body = received[0].body;
      const gzipAt = body.indexOf(Buffer.from([0x1f, 0x8b]));
      expect(JSON.parse(gunzipSync(body.subarray(gzipAt)).toString('utf8'))).toEqual(expect.objectContaining({ kind: 'unclassified', data: 'not a log' }));
    } finally {
      restoreEnv();
      server.close();
    }
  });
});
