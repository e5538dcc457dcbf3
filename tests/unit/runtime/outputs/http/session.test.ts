import { createLogger } from '../../../../../runtime/logger';
import { createHttpSession, OutputHttpError, parseRetryAfter, backoffDelay, type HttpSessionOptions } from '../../../../../runtime/outputs/http';
import { startRecordingServer, type RecordingServer } from '../../../../_helpers/recording-server';

const SECRET = 'xoxb-SECRET-token-123456';
let server: RecordingServer;
let lines: string[];
let waits: number[];

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  lines = [];
  waits = [];
});

function session(overrides: Partial<HttpSessionOptions> = {}) {
  return createHttpSession({
    service: 'test',
    budgetMs: 3000,
    secrets: [SECRET],
    logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<OutputHttpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OutputHttpError)) throw new Error(`expected an OutputHttpError, got ${String(err)}`);
  return err;
}

describe('http session', () => {
  it('retries a 500 and returns the response that follows', async () => {
    server.queue({ status: 500, body: 'boom' });
    const res = await session().request({ url: `${server.url}/hook/${SECRET}`, json: { a: 1 } });
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((r) => r.json)).toEqual([{ a: 1 }, { a: 1 }]);
    expect(waits).toEqual([100]); // base 200 * 2^0 * jitter 0.5
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    server.queue({ status: 429, headers: { 'Retry-After': '2' }, body: 'slow down' });
    await session().request({ url: `${server.url}/x`, json: {} });
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('does not retry a 400 and reports the body cut to a few hundred characters', async () => {
    server.queue({ status: 400, body: `invalid_payload ${'x'.repeat(1000)}` });
    const err = await failure(session().request({ url: `${server.url}/x`, json: {} }));
    expect(server.requests).toHaveLength(1);
    expect(err.retryable).toBe(false);
    expect(err.status).toBe(400);
    expect(err.message).toContain('HTTP 400: invalid_payload');
    expect(err.message.length).toBeLessThan(450);
  });

  it('gives up after the attempts are used, still retryable', async () => {
    server.setFallback(() => ({ status: 503, body: 'down' }));
    const err = await failure(session({ maxAttempts: 3 }).request({ url: `${server.url}/x` }));
    expect(server.requests).toHaveLength(3);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('gave up after 3 attempts');
  });

  it('does not wait past the budget when Retry-After is longer than the time left', async () => {
    server.queue({ status: 429, headers: { 'Retry-After': '60' } });
    const err = await failure(session({ budgetMs: 2000 }).request({ url: `${server.url}/x` }));
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('would pass the 2000 ms output timeout');
  });

  it('abandons a call to a hanging server at the timeout', async () => {
    server.setFallback(() => ({ hang: true }));
    const err = await failure(session({ budgetMs: 300, sleep: undefined }).request({ url: `${server.url}/x` }));
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/no response within \d+ ms/);
  });

  it('retries a refused connection as a network error', async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const err = await failure(session({ maxAttempts: 2 }).request({ url: `${url}/x` }));
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('network error: ECONNREFUSED');
    expect(waits).toHaveLength(1);
  });

  it('treats a redirect as permanent and does not follow it', async () => {
    server.queue({ status: 302, headers: { Location: 'http://example.invalid/' } });
    const err = await failure(session().request({ url: `${server.url}/x` }));
    expect(err.retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('never shows a secret in errors or log lines, even when the server echoes it', async () => {
    server.queue({ status: 500, body: `bad token ${SECRET}` }, { status: 403, body: `token ${SECRET} rejected` });
    const err = await failure(session().request({ url: `${server.url}/hook/${SECRET}?token=${SECRET}`, headers: { Authorization: SECRET }, json: { t: 1 } }));
    expect(server.requests[0].headers.authorization).toBe(SECRET);
    expect(lines.length).toBeGreaterThan(0);
    expect(err.message).toContain('***');
    expect(`${err.message}\n${lines.join('\n')}`).not.toContain(SECRET);
    expect(`${err.message}\n${lines.join('\n')}`).not.toContain('/hook/');
  });

  it('sends query values, repeating array keys', async () => {
    await session().request({ url: `${server.url}/q`, query: { a: 'b c', 'l[]': ['x', 'y'], n: 2, skip: undefined } });
    expect(server.requests[0].method).toBe('GET');
    expect(server.requests[0].query.getAll('l[]')).toEqual(['x', 'y']);
    expect(server.requests[0].query.get('a')).toBe('b c');
    expect(server.requests[0].query.has('skip')).toBe(false);
  });
});

describe('retry timing', () => {
  it.each([
    ['delta seconds', '3', 3000],
    ['an HTTP date', new Date(10_000 + 5000).toUTCString(), 5000],
    ['garbage', 'soon', undefined],
    ['absent', null, undefined],
  ])('reads Retry-After given as %s', (_label, value, expected) => {
    expect(parseRetryAfter(value, 10_000)).toBe(expected);
  });

  it('caps the exponential backoff', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 200, 2000, () => 1))).toEqual([200, 400, 800, 1600, 2000, 2000]);
  });
});

describe('secret expansion', () => {
  it('hides the token parts of a secret URL when a server echoes only them', async () => {
    const { expandSecrets, redactSecrets } = await import('../../../../../runtime/outputs/http');
    const secrets = expandSecrets(['https://hooks.example.com/services/T000/B000/TOKENTOKENTOKEN?key=QUERYKEY123']);
    expect(redactSecrets('bad path services/T000/B000/TOKENTOKENTOKEN and key QUERYKEY123', secrets)).toBe('bad path *** and key ***');
    expect(redactSecrets('channel T000 not found', secrets)).toBe('channel T000 not found');
  });
});
