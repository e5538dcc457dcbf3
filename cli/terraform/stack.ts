/**
 * The one cdktf stack that holds the whole infrastructure, with readable Terraform addresses.
 *
 * cdktf's default logical ids end with a hash of the construct path (`prod_kinesis_1A2B3C4D`); we build
 * them from the path instead (`prod_kinesis`), dropping `Default` ids, so that plans read like the
 * configuration and a resource keeps its address when unrelated constructs change.
 */
import { Construct, Node } from 'constructs';
import { TerraformElement, TerraformStack } from 'cdktf';
import { StreamAlertError } from '../../runtime/errors';

/** Construct id that adds nothing to an address (the main resource of a construct). */
export const DEFAULT_ID = 'Default';

/** Stack id; also the first component of every construct path. */
export const STACK_ID = 'streamalert';

/** Turns a name into a Terraform identifier: letters, digits and underscores, not starting with a digit. */
export function toIdentifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned || '_';
}

/** The stack every module is built in. */
export class StreamAlertStack extends TerraformStack {
  /**
   * @param scope the root; by default a bare construct rather than a cdktf `App`, which would create a
   *   `cdktf.out/` directory in the working directory although we never use it (we call `toTerraform()`).
   */
  constructor(scope: Construct = new Construct(undefined as unknown as Construct, ''), id: string = STACK_ID) {
    super(scope, id);
  }

  /** `prod/kinesis/Default` -> `prod_kinesis`; `prod/kinesis/writer_role` -> `prod_kinesis_writer_role`. */
  override allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const parts = node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .map((scope) => scope.node.id)
      .filter((id) => id !== DEFAULT_ID);
    if (parts.length === 0) {
      throw new StreamAlertError('TerraformAddress', `construct ${node.path} has no address of its own`, {
        source: 'internal',
      });
    }
    return toIdentifier(parts.join('_'));
  }
}
