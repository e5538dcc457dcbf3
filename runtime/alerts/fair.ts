/** Sharing the merger's dispatch budget across rules. */

/**
 * Orders items so that rules take turns: the first item of each rule (rules in the order their first item
 * comes), then the second of each, and so on. Within a rule the order is kept (oldest due first). A rule with
 * a backlog therefore never holds back another rule's due alerts: with a budget of N dispatches and R rules
 * that have due alerts, each rule gets at least floor(N / R) of them.
 */
export function roundRobin<T>(items: readonly T[], ruleOf: (item: T) => string): T[] {
  const byRule = new Map<string, T[]>();
  for (const item of items) {
    const rule = ruleOf(item);
    let list = byRule.get(rule);
    if (list === undefined) byRule.set(rule, (list = []));
    list.push(item);
  }
  const lists = [...byRule.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
