import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { silentLogger } from '../../../../../runtime/logger';
import { createHttpSession, OutputHttpError } from '../../../../../runtime/outputs/http';
import { makeTempDir } from '../../../../_helpers/temp-dir';

let server: Server;
let url: string;
let received = 0;

beforeAll(async () => {
  // A certificate nobody trusts, made for this test (openssl is part of the build image).
  const dir = makeTempDir();
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    received += 1;
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('http session TLS', () => {
  it('verifies certificates: a self-signed server is refused before any request reaches it', async () => {
    const session = createHttpSession({ service: 'test', budgetMs: 3000, secrets: [], logger: silentLogger, maxAttempts: 1 });
    const err = await session.request({ url, json: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputHttpError);
    expect((err as OutputHttpError).message).toMatch(/network error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/);
    expect(received).toBe(0);
  });
});
