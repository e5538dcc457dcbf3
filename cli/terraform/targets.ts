/** `--target` words: a module everywhere, a cluster, a module of one cluster, or a global module. */
import { UsageError } from '../../runtime/errors';
import type { DeclaredAddress } from './synthesize';

/** Target word -> Terraform addresses, in name order. */
export function targetMap(addresses: readonly DeclaredAddress[]): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  const add = (key: string, address: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(address);
  };
  for (const { address, target } of addresses) {
    add(target, address);
    const slash = target.indexOf('/');
    if (slash !== -1) {
      add(target.slice(0, slash), address);
      add(target.slice(slash + 1), address);
    }
  }
  return new Map([...map.keys()].sort().map((key) => [key, [...map.get(key)!].sort()]));
}

/**
 * Terraform `-target` addresses of the given words.
 * @throws UsageError naming the unknown word and the known ones.
 */
export function resolveTargets(words: readonly string[], addresses: readonly DeclaredAddress[]): string[] {
  const map = targetMap(addresses);
  const result = new Set<string>();
  for (const word of words) {
    const found = map.get(word);
    if (!found) {
      throw new UsageError(`unknown target "${word}"`, `run \`streamalert terraform list-targets\`; known: ${[...map.keys()].join(', ')}`);
    }
    found.forEach((a) => result.add(a));
  }
  return [...result].sort();
}
