/** The Lambda and S3 calls of a deploy and a rollback, each a small function over the SDK clients. */
import { readFile } from 'node:fs/promises';
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PRODUCTION_ALIAS } from '../../runtime/config';
import type { FunctionPackage } from '../package';
import { StepError } from './errors';

/** The alias as read before moving it: the version it points at, and the revision that guards the move. */
export interface AliasState {
  readonly version: string;
  readonly revisionId?: string;
}

/** Reads the `production` alias. */
export async function readAlias(lambda: LambdaClient, functionName: string): Promise<AliasState> {
  const alias = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: PRODUCTION_ALIAS }));
  return { version: alias.FunctionVersion ?? '$LATEST', revisionId: alias.RevisionId };
}

/** `CodeSha256` of one version of a function. */
export async function codeShaOf(lambda: LambdaClient, functionName: string, version: string): Promise<string | undefined> {
  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: version }));
  return config.CodeSha256;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Uploads the package unless an object with its exact bytes is already at its key; returns whether it
 * uploaded. The stored object is reused only when S3 reports the package's SHA-256 (it was uploaded with that
 * checksum, which S3 verified): an object at the key without it, or with another one (a partial or
 * tampered upload), is replaced.
 */
export async function uploadIfMissing(s3: S3Client, bucket: string, key: string, pkg: FunctionPackage): Promise<boolean> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
    if (head.ChecksumSHA256 === pkg.codeSha256) return false;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const body = await readFile(pkg.zipPath);
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip', ChecksumSHA256: pkg.codeSha256 }),
  );
  return true;
}

/** Points `$LATEST` at the package in S3. */
export async function updateCode(lambda: LambdaClient, functionName: string, bucket: string, key: string): Promise<void> {
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: functionName, S3Bucket: bucket, S3Key: key, Publish: false }));
}

/** How long and how often {@link waitForUpdate} polls. */
export interface WaitOptions {
  /** @default 1000 (the SDK waiter's minimum delay) */
  readonly delayMs?: number;
  /** @default 300000 (Lambda's own waiter gives up after 5 minutes too) */
  readonly timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `GetFunction` until the code update is done. Not the SDK waiter: it retries on any
 * exception until it times out, which would hide an AccessDenied for minutes.
 */
export async function waitForUpdate(lambda: LambdaClient, functionName: string, options: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    const { Configuration: config } = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    const status = config?.LastUpdateStatus;
    if (status === 'Successful' || status === undefined) return;
    if (status === 'Failed') {
      const reason = [config?.LastUpdateStatusReasonCode, config?.LastUpdateStatusReason].filter(Boolean).join(': ');
      throw new StepError(functionName, 'wait', `the code update failed (${reason || 'no reason given'})`);
    }
    if (Date.now() >= deadline) {
      throw new StepError(functionName, 'wait', `the code update was still ${status} after ${Math.round((options.timeoutMs ?? 300_000) / 1000)}s`);
    }
    await sleep(options.delayMs ?? 1000);
  }
}

/** Publishes `$LATEST` as a version, only if its code is the package's (`CodeSha256` guard). */
export async function publishVersion(lambda: LambdaClient, functionName: string, pkg: FunctionPackage): Promise<string> {
  const published = await lambda.send(
    new PublishVersionCommand({ FunctionName: functionName, CodeSha256: pkg.codeSha256, Description: `streamalert ${pkg.sha256.slice(0, 12)}` }),
  );
  if (!published.Version) throw new StepError(functionName, 'publish', 'PublishVersion returned no version number');
  return published.Version;
}

/** Moves the alias, only if nobody moved it since it was read (`RevisionId` guard). */
export async function moveAlias(lambda: LambdaClient, functionName: string, version: string, alias: AliasState): Promise<void> {
  await lambda.send(
    new UpdateAliasCommand({ FunctionName: functionName, Name: PRODUCTION_ALIAS, FunctionVersion: version, RevisionId: alias.revisionId }),
  );
}

/** Every published version number of a function (`$LATEST` excluded), ascending, over every page. */
export async function listPublishedVersions(lambda: LambdaClient, functionName: string): Promise<number[]> {
  const versions: number[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }));
    for (const v of page.Versions ?? []) {
      if (v.Version && /^\d+$/.test(v.Version)) versions.push(Number(v.Version));
    }
    marker = page.NextMarker;
  } while (marker);
  return versions.sort((a, b) => a - b);
}
