/**
 * A loopback proxy in front of an AWS API server (dynalite...) that records the region each request was
 * signed for (SigV4 credential scope), so a test can tell which region a client was built for.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface RegionProxy {
  readonly endpoint: string;
  /** `<region> <X-Amz-Target or path>` of every request, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

/** Starts a proxy forwarding every request to `target` (an http://127.0.0.1:port endpoint). */
export async function startRegionProxy(target: string): Promise<RegionProxy> {
  const calls: string[] = [];
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(String(req.headers.authorization ?? ''));
    calls.push(`${scope?.[1] ?? 'unsigned'} ${String(req.headers['x-amz-target'] ?? req.url)}`);
    const forward = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
