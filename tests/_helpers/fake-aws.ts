/**
 * A small loopback HTTP server speaking the S3 (path-style) and Lambda REST calls that
 * `lambda deploy` and `lambda rollback` make, with state a test can inspect and faults it can inject.
 * Only what the CLI uses: HeadObject, PutObject, GetFunction, GetFunctionConfiguration,
 * UpdateFunctionCode, PublishVersion, GetAlias, UpdateAlias, ListVersionsByFunction; and for
 * `terraform bootstrap` the bucket calls HeadBucket, CreateBucket, PutBucketVersioning,
 * PutBucketEncryption, PutPublicAccessBlock, GetBucketPolicy, PutBucketPolicy, PutBucketOwnershipControls.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Operations a fault can be injected into. */
export type FakeOperation =
  | 'HeadObject'
  | 'PutObject'
  | 'GetFunction'
  | 'GetFunctionConfiguration'
  | 'UpdateFunctionCode'
  | 'PublishVersion'
  | 'GetAlias'
  | 'UpdateAlias'
  | 'ListVersionsByFunction'
  | BucketOperation;

/** Bucket-level S3 operations (path `/<bucket>` with a sub-resource query such as `?versioning`). */
export type BucketOperation =
  | 'HeadBucket'
  | 'CreateBucket'
  | 'PutBucketVersioning'
  | 'PutBucketEncryption'
  | 'PutPublicAccessBlock'
  | 'GetBucketPolicy'
  | 'PutBucketPolicy'
  | 'PutBucketOwnershipControls';

/** The account the fake takes every caller for (owner of the buckets it creates). */
export const FAKE_ACCOUNT = '123456789012';

/** One fake bucket: its owner and the raw bodies of the settings put on it. */
export interface FakeBucket {
  readonly owner: string;
  /** Request body of CreateBucket (the LocationConstraint, if any). */
  readonly createBody: string;
  /** Raw request bodies by operation (XML, or the policy JSON). */
  readonly settings: Map<BucketOperation, string>;
}

export interface FakeFault {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

/** One fake function: its `$LATEST` code, its published versions and its `production` alias. */
export interface FakeFunction {
  latestSha: string;
  /** GetFunction polls left before an update reports Successful. */
  pendingPolls: number;
  versions: Map<number, string>;
  alias: { version: string; revisionId: string };
}

export interface FakeAws {
  readonly url: string;
  /** S3 objects by `bucket/key`. */
  readonly objects: Map<string, Buffer>;
  readonly functions: Map<string, FakeFunction>;
  /** Operations received, in order. */
  readonly calls: FakeOperation[];
  readonly faults: Map<FakeOperation, FakeFault>;
  /** Buckets by name (only those made by CreateBucket or {@link FakeAws.addBucket}). */
  readonly buckets: Map<string, FakeBucket>;
  /** Adds an existing bucket owned by `owner`, with an optional bucket policy. */
  addBucket(name: string, owner?: string, policy?: string): void;
  /** Adds a function with published versions `versions` (number -> CodeSha256) and the alias on `aliasVersion`. */
  addFunction(name: string, versions: Record<number, string>, aliasVersion: string): void;
  close(): Promise<void>;
}

/** How many list items per page, so that rollback has to follow `NextMarker`. */
const PAGE_SIZE = 2;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, fault: FakeFault, s3 = false): void {
  if (s3) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.type}</Code><Message>${fault.message}</Message></Error>`;
    res.writeHead(fault.status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)) });
    res.end(res.req.method === 'HEAD' ? undefined : xml);
    return;
  }
  send(res, fault.status, { Type: 'User', message: fault.message }, { 'x-amzn-errortype': fault.type });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the fake on 127.0.0.1 (random port). */
export async function startFakeAws(): Promise<FakeAws> {
  const objects = new Map<string, Buffer>();
  const functions = new Map<string, FakeFunction>();
  const calls: FakeOperation[] = [];
  const faults = new Map<FakeOperation, FakeFault>();
  const buckets = new Map<string, FakeBucket>();
  let revision = 0;
  const nextRevision = (): string => `rev-${++revision}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const path = decodeURIComponent(url.pathname);
    const lambda = /^\/2015-03-31\/functions\/([^/]+)(\/.*)?$/.exec(path);
    // Path-style bucket calls: `/<bucket>` or `/<bucket>/` (the SDK adds the slash), never a key.
    const bucketLevel = !lambda && /^\/[^/]+\/?$/.test(path);
    const op = lambda ? lambdaOperation(req.method ?? '', lambda[2] ?? '') : bucketLevel ? bucketOperation(req.method ?? '', url) : s3Operation(req.method ?? '');
    if (!op) return send(res, 404, { message: `fake AWS: unsupported ${req.method} ${path}` }, { 'x-amzn-errortype': 'UnsupportedOperation' });
    calls.push(op);
    const fault = faults.get(op);
    if (fault) return sendError(res, fault, !lambda);
    if (bucketLevel) return handleBucket(op as BucketOperation, path.replace(/\//g, ''), req, body, res);
    if (!lambda) return handleS3(op, path.slice(1), body, res);
    const fn = functions.get(lambda[1]);
    if (!fn) return sendError(res, { status: 404, type: 'ResourceNotFoundException', message: `Function not found: ${lambda[1]}` });
    return handleLambda(op, lambda[1], fn, url, body, res);
  };

  const handleS3 = (op: FakeOperation, key: string, body: Buffer, res: ServerResponse): void => {
    if (op === 'HeadObject') {
      const object = objects.get(key);
      if (!object) return sendError(res, { status: 404, type: 'NotFound', message: 'Not Found' }, true);
      // As S3 answers HeadObject with checksum mode for an object uploaded with a SHA-256 checksum.
      const checksum = createHash('sha256').update(object).digest('base64');
      res.writeHead(200, { 'content-length': String(object.length), etag: '"fake"', 'x-amz-checksum-sha256': checksum });
      return void res.end();
    }
    objects.set(key, body);
    res.writeHead(200, { etag: '"fake"', 'content-length': '0' });
    res.end();
  };

  const handleBucket = (op: BucketOperation, name: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void => {
    const bucket = buckets.get(name);
    const expected = req.headers['x-amz-expected-bucket-owner'];
    const ok = (status = 200) => {
      res.writeHead(status, { 'content-length': '0' });
      res.end();
    };
    if (op === 'CreateBucket') {
      if (bucket) return sendError(res, bucket.owner === FAKE_ACCOUNT ? { status: 409, type: 'BucketAlreadyOwnedByYou', message: 'Your previous request to create the named bucket succeeded and you already own it.' } : { status: 409, type: 'BucketAlreadyExists', message: 'The requested bucket name is not available.' }, true);
      buckets.set(name, { owner: FAKE_ACCOUNT, createBody: body.toString('utf8'), settings: new Map() });
      return ok();
    }
    if (!bucket) return sendError(res, { status: 404, type: 'NoSuchBucket', message: 'The specified bucket does not exist' }, true);
    if (expected !== undefined && expected !== bucket.owner) return sendError(res, { status: 403, type: 'AccessDenied', message: 'Access Denied' }, true);
    if (op === 'HeadBucket') return ok();
    if (op === 'GetBucketPolicy') {
      const policy = bucket.settings.get('PutBucketPolicy');
      if (policy === undefined) return sendError(res, { status: 404, type: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' }, true);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(policy)) });
      return void res.end(policy);
    }
    bucket.settings.set(op, body.toString('utf8'));
    return ok(op === 'PutBucketPolicy' ? 204 : 200);
  };

  const configuration = (name: string, fn: FakeFunction, version: string) => ({
    FunctionName: name,
    Version: version,
    CodeSha256: version === '$LATEST' ? fn.latestSha : fn.versions.get(Number(version)),
    LastUpdateStatus: version === '$LATEST' && fn.pendingPolls > 0 ? 'InProgress' : 'Successful',
  });

  const handleLambda = (op: FakeOperation, name: string, fn: FakeFunction, url: URL, raw: Buffer, res: ServerResponse): void => {
    const input = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, string | undefined>) : {};
    const precondition = (message: string) => sendError(res, { status: 412, type: 'PreconditionFailedException', message });
    switch (op) {
      case 'GetFunction': {
        const config = configuration(name, fn, '$LATEST');
        if (fn.pendingPolls > 0) fn.pendingPolls -= 1;
        return send(res, 200, { Configuration: config, Code: { RepositoryType: 'S3' } });
      }
      case 'GetFunctionConfiguration': {
        const qualifier = url.searchParams.get('Qualifier') ?? '$LATEST';
        if (qualifier !== '$LATEST' && !fn.versions.has(Number(qualifier))) {
          return sendError(res, { status: 404, type: 'ResourceNotFoundException', message: `Function not found: ${name}:${qualifier}` });
        }
        return send(res, 200, configuration(name, fn, qualifier));
      }
      case 'UpdateFunctionCode': {
        const object = objects.get(`${input.S3Bucket}/${input.S3Key}`);
        if (!object) return sendError(res, { status: 400, type: 'InvalidParameterValueException', message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey' });
        fn.latestSha = createHash('sha256').update(object).digest('base64');
        fn.pendingPolls = 1;
        return send(res, 200, { ...configuration(name, fn, '$LATEST'), LastUpdateStatus: 'InProgress' });
      }
      case 'PublishVersion': {
        if (input.CodeSha256 && input.CodeSha256 !== fn.latestSha) return precondition('CodeSha256 does not match the code of $LATEST');
        const published = [...fn.versions.keys()].sort((a, b) => a - b);
        const last = published[published.length - 1];
        // Like Lambda: publishing unchanged code returns the latest version instead of a new one.
        if (last !== undefined && fn.versions.get(last) === fn.latestSha) return send(res, 201, configuration(name, fn, String(last)));
        const version = (last ?? 0) + 1;
        fn.versions.set(version, fn.latestSha);
        return send(res, 201, configuration(name, fn, String(version)));
      }
      case 'GetAlias':
        return send(res, 200, { Name: 'production', FunctionVersion: fn.alias.version, RevisionId: fn.alias.revisionId });
      case 'UpdateAlias': {
        if (input.RevisionId && input.RevisionId !== fn.alias.revisionId) return precondition('The RevisionId provided does not match the latest RevisionId');
        if (!fn.versions.has(Number(input.FunctionVersion))) {
          return sendError(res, { status: 404, type: 'ResourceNotFoundException', message: `Version not found: ${input.FunctionVersion}` });
        }
        fn.alias = { version: String(input.FunctionVersion), revisionId: nextRevision() };
        return send(res, 200, { Name: 'production', FunctionVersion: fn.alias.version, RevisionId: fn.alias.revisionId });
      }
      case 'ListVersionsByFunction': {
        const all = ['$LATEST', ...[...fn.versions.keys()].sort((a, b) => a - b).map(String)];
        const start = Number(url.searchParams.get('Marker') ?? '0');
        const page = all.slice(start, start + PAGE_SIZE).map((v) => configuration(name, fn, v));
        const next = start + PAGE_SIZE < all.length ? String(start + PAGE_SIZE) : undefined;
        return send(res, 200, { Versions: page, ...(next ? { NextMarker: next } : {}) });
      }
      default:
        return send(res, 500, { message: `fake AWS: ${op} is not a Lambda operation` });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { message: String(err) }, { 'x-amzn-errortype': 'ServiceException' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    functions,
    calls,
    faults,
    buckets,
    addBucket(name, owner = FAKE_ACCOUNT, policy) {
      const settings = new Map<BucketOperation, string>();
      if (policy !== undefined) settings.set('PutBucketPolicy', policy);
      buckets.set(name, { owner, createBody: '', settings });
    },
    addFunction(name, versions, aliasVersion) {
      const map = new Map(Object.entries(versions).map(([v, sha]) => [Number(v), sha] as const));
      const latest = [...map.entries()].sort((a, b) => a[0] - b[0]).pop();
      functions.set(name, { latestSha: latest?.[1] ?? '', pendingPolls: 0, versions: map, alias: { version: aliasVersion, revisionId: nextRevision() } });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function s3Operation(method: string): FakeOperation | undefined {
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'PUT') return 'PutObject';
  return undefined;
}

function bucketOperation(method: string, url: URL): BucketOperation | undefined {
  const has = (name: string) => url.searchParams.has(name);
  if (method === 'HEAD') return 'HeadBucket';
  if (method === 'GET' && has('policy')) return 'GetBucketPolicy';
  if (method !== 'PUT') return undefined;
  if (has('versioning')) return 'PutBucketVersioning';
  if (has('encryption')) return 'PutBucketEncryption';
  if (has('publicAccessBlock')) return 'PutPublicAccessBlock';
  if (has('policy')) return 'PutBucketPolicy';
  if (has('ownershipControls')) return 'PutBucketOwnershipControls';
  return 'CreateBucket';
}

function lambdaOperation(method: string, rest: string): FakeOperation | undefined {
  const table: Record<string, FakeOperation> = {
    'GET ': 'GetFunction',
    'GET /configuration': 'GetFunctionConfiguration',
    'PUT /code': 'UpdateFunctionCode',
    'POST /versions': 'PublishVersion',
    'GET /versions': 'ListVersionsByFunction',
    'GET /aliases/production': 'GetAlias',
    'PUT /aliases/production': 'UpdateAlias',
  };
  return table[`${method} ${rest}`];
}
