/**
 * Response bodies are read with a cap per kind (app pages, feed pages, output responses), against loopback
 * servers: past it the body is abandoned with a clear error, never read whole into memory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppHttp } from '../../../../runtime/apps';
import { AppHttpError } from '../../../../runtime/apps/errors';
import { BODY_LIMITS, readCappedText } from '../../../../runtime/http/body';
import { createLogger } from '../../../../runtime/logger';
import { createHttpSession } from '../../../../runtime/outputs/http';
import { runDownloader } from '../../../../runtime/threat-intel/downloader/run';
import { plainFeedSource } from '../../../../runtime/threat-intel/downloader/sources';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/declared-huge') {
      // Claims more than any cap, sends a little: refused on the declared length.
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(BODY_LIMITS.feedPage + 1) });
      res.write('value\n');
      setTimeout(() => res.destroy(), 50);
      return;
    }
    // Chunked, no length: 2 MB in 64 KB pieces.
    res.writeHead(200, { 'content-type': 'application/json' });
    const piece = 'x'.repeat(64 * 1024);
    let sent = 0;
    const more = (): void => {
      while (sent < 32) {
        sent += 1;
        if (!res.write(piece)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('capped response bodies', () => {
  it('app pages: a body over the cap is a clear, permanent error', async () => {
    const http = createAppHttp({ maxBodyBytes: 1024 * 1024, retries: 0 });
    const error = await http.request(`${url}/page?token=SECRET`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppHttpError);
    expect(String((error as Error).message)).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/page: the response body is over the 1048576 byte limit/);
    expect(String((error as Error).message)).not.toContain('SECRET');
    expect((error as AppHttpError).retryable).toBe(false);
  });

  it('output responses: a vendor answer over 1 MB is not read, and the send fails retryably', async () => {
    const session = createHttpSession({ service: 'webhook', budgetMs: 5000, secrets: [], logger: createLogger({ level: 'error', write: () => undefined }), maxAttempts: 1 });
    await expect(session.request({ url: `${url}/hook`, json: {} })).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/over the 1048576 byte limit/) });
  });

  it('feed pages: a feed declaring a body over the cap fails that feed with the reason, the run goes on', async () => {
    const feed = plainFeedSource({ name: 'huge', url: `${url}/declared-huge`, format: 'csv', ioc_type: 'ip' } as never, { attempts: 1 });
    const summary = await runDownloader({ sources: [feed], write: async (iocs) => iocs.length, logger: createLogger({ level: 'error', write: () => undefined }), expiryDays: 1, maxPages: 1 });
    expect(summary.huge).toMatchObject({ pages: 0, written: 0, error: expect.stringMatching(/feed huge: the response body is over the \d+ byte limit/) });
  });

  it('reads a body within the cap whole', async () => {
    const text = await readCappedText(await fetch(`${url}/page`), 4 * 1024 * 1024, 'test');
    expect(text.length).toBe(32 * 64 * 1024);
  });
});
