/**
 * The bootstrap package: a tiny, deterministic zip that `terraform generate` writes beside the
 * Terraform files, so that the first `terraform apply` can create every function before any
 * `lambda deploy` (the "Function not found" trap of StreamAlert). Its handler fails every
 * invocation with a message saying what to do; Terraform ignores code changes afterwards.
 */
import { createDeterministicZip } from '../package/zip';

/** File name of the bootstrap package inside terraform/. */
export const BOOTSTRAP_PACKAGE_FILE = 'bootstrap.zip';

/** Handler of every function: `index.js` at the root of the package (bootstrap and real bundle alike). */
export const BOOTSTRAP_HANDLER = 'index.handler';

/** What the bootstrap function answers. */
export const BOOTSTRAP_MESSAGE = 'not deployed yet: run streamalert lambda deploy';

const SOURCE = `'use strict';
// StreamAlert bootstrap package, written by \`streamalert terraform generate\`.
exports.handler = async () => {
  throw new Error(${JSON.stringify(BOOTSTRAP_MESSAGE)});
};
`;

/** The package bytes: one `index.js` entry, zipped like every Lambda package (same bytes on every run). */
export function bootstrapPackage(): Promise<Buffer> {
  return createDeterministicZip([{ name: 'index.js', data: SOURCE }]);
}
