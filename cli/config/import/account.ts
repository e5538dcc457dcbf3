/** Account id, prefix and region of an imported configuration, with the user's overrides. */
import { displayPath } from '../../../runtime/config';
import type { ConfigProblem } from '../../../runtime/errors';
import type { ImportOptions, VariablesDraft } from './types';

const ACCOUNT_ID = /^[0-9]{12}$/;
const PREFIX = /^[a-z][a-z0-9-]{0,19}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Applies `--account-id` / `--prefix`, and reports values that cannot be used as they are. */
export function applyAccount(
  draft: VariablesDraft,
  options: ImportOptions,
  dir: string,
  problems: ConfigProblem[],
  warn: (l: string) => void,
): void {
  const file = displayPath(`${dir}/global.json`);
  const originalPrefix = draft.account.prefix;
  if (options.accountId !== undefined) draft.account.id = options.accountId;
  if (options.prefix !== undefined) draft.account.prefix = options.prefix;
  if (!ACCOUNT_ID.test(draft.account.id)) {
    problems.push({
      file,
      pointer: '/account/aws_account_id',
      message: options.accountId !== undefined ? '--account-id must be 12 digits' : 'is not a 12-digit AWS account id',
      value: draft.account.id,
      hint: 'pass --account-id <12 digits>',
    });
  }
  if (!PREFIX.test(draft.account.prefix)) {
    problems.push({
      file,
      pointer: '/account/prefix',
      message: 'is not usable as a prefix (lower-case letters, digits and dashes, starting with a letter, at most 20)',
      value: draft.account.prefix,
      hint: 'pass --prefix <prefix>',
    });
  }
  const bucket = draft.terraform?.state_bucket;
  if (typeof bucket === 'string') {
    const renamed = originalPrefix ? bucket.split(originalPrefix).join(draft.account.prefix) : bucket;
    if (BUCKET.test(renamed)) draft.terraform!.state_bucket = renamed;
    else {
      delete draft.terraform!.state_bucket;
      warn(`global.json: terraform.tfstate_bucket "${bucket}" is not a valid bucket name; the default <prefix>-streamalert-terraform-state is used`);
    }
  }
}
