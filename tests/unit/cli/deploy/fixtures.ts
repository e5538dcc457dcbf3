/** A fake package and AWS errors for deploy and rollback tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionPackage } from '../../../../cli/package';
import { sha256 } from '../../../../cli/package';
import { makeTempDir } from '../../../_helpers/temp-dir';

export const FUNCTION_NAME = 'acme_prod_streamalert_rules';
export const BUCKET = 'acme.streamalert-source';

/** A package whose zip is a few bytes on disk. */
export function fakePackage(content = 'zip bytes'): FunctionPackage {
  const zipPath = join(makeTempDir(), `${FUNCTION_NAME}.zip`);
  const data = Buffer.from(content);
  writeFileSync(zipPath, data);
  const hash = sha256(data);
  return {
    target: { kind: 'rule', cluster: 'prod', name: FUNCTION_NAME, region: 'us-east-1' },
    zipPath,
    size: data.length,
    sha256: hash.hex,
    codeSha256: hash.base64,
    ruleFiles: [],
    warnings: [],
  };
}

/** An error shaped like the SDK's service exceptions. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
