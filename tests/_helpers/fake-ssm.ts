/**
 * A loopback SSM Parameter Store (JSON 1.1 protocol: `POST /` with `X-Amz-Target: AmazonSSM.<Operation>`)
 * holding parameters in memory: PutParameter, GetParameter, DeleteParameter. Tests read `requests` to see
 * exactly what the SDK sent (type, KMS key id) and `parameters` for what is stored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One stored parameter. */
export interface FakeParameter {
  readonly Name: string;
  readonly Type: string;
  readonly Value: string;
  readonly KeyId?: string;
  readonly Version: number;
}

export interface FakeSsm {
  readonly url: string;
  readonly parameters: Map<string, FakeParameter>;
  /** Operation and body of every request, in order. */
  readonly requests: { readonly operation: string; readonly body: Record<string, unknown> }[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

function handle(operation: string, body: Record<string, unknown>, parameters: Map<string, FakeParameter>): Reply {
  const name = String(body.Name ?? '');
  const notFound: Reply = { status: 400, body: { __type: 'ParameterNotFound', message: `Parameter ${name} not found.` } };
  switch (operation) {
    case 'PutParameter': {
      const existing = parameters.get(name);
      if (existing && body.Overwrite !== true) return { status: 400, body: { __type: 'ParameterAlreadyExists', message: 'exists' } };
      const version = (existing?.Version ?? 0) + 1;
      parameters.set(name, { Name: name, Type: String(body.Type), Value: String(body.Value), KeyId: body.KeyId as string | undefined, Version: version });
      return { status: 200, body: { Version: version, Tier: 'Standard' } };
    }
    case 'GetParameter': {
      const found = parameters.get(name);
      if (!found) return notFound;
      // Without decryption a SecureString comes back encrypted: the fake makes that visible.
      const value = found.Type === 'SecureString' && body.WithDecryption !== true ? 'ENCRYPTED' : found.Value;
      return { status: 200, body: { Parameter: { Name: name, Type: found.Type, Value: value, Version: found.Version } } };
    }
    case 'DeleteParameter':
      return parameters.delete(name) ? { status: 200, body: {} } : notFound;
    default:
      return { status: 400, body: { __type: 'InvalidAction', message: `fake SSM does not do ${operation}` } };
  }
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeSsm(): Promise<FakeSsm> {
  const parameters = new Map<string, FakeParameter>();
  const requests: FakeSsm['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSSM\./, '');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      requests.push({ operation, body });
      const reply = handle(operation, body, parameters);
      res.writeHead(reply.status, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    parameters,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
