/**
 * A real HTTP server on 127.0.0.1 that records every request (method, path, query, headers, raw body) and
 * answers from a script: tests of HTTP outputs start one per file and queue the replies they need.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** A scripted reply; `hang` never answers (for timeouts). */
export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly hang?: boolean;
}

/** A reply computed from the request. */
export type Responder = (request: RecordedRequest) => Reply;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replies used in order, one per request; when none is queued, `fallback` answers. */
  queue(...replies: Reply[]): void;
  /** Answers requests no queued reply covers. @default 200 with body "ok" */
  setFallback(responder: Responder): void;
  /** Forgets requests, queued replies and the fallback. */
  reset(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  const body = reply.body === undefined ? 'ok' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const type = typeof reply.body === 'string' || reply.body === undefined ? 'text/plain' : 'application/json';
  res.writeHead(reply.status ?? 200, { 'Content-Type': type, ...reply.headers });
  res.end(body);
}

/** Starts a recording server on a free port of 127.0.0.1. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let replies: Reply[] = [];
  const defaultFallback: Responder = () => ({ status: 200, body: 'ok' });
  let fallback = defaultFallback;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, json };
      requests.push(recorded);
      send(res, replies.shift() ?? fallback(recorded));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...more) => void replies.push(...more),
    setFallback: (responder) => {
      fallback = responder;
    },
    reset: () => {
      requests.length = 0;
      replies = [];
      fallback = defaultFallback;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
