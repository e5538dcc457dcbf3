/** Log type names: 'family:subtype' (or a bare 'family'), and what a data source's entry refers to. */

/** The family of a log type: 'cloudtrail' for 'cloudtrail:events'. */
export function logFamily(logType: string): string {
  const colon = logType.indexOf(':');
  return colon === -1 ? logType : logType.slice(0, colon);
}

/**
 * Expands data-source entries ('cloudtrail' or 'cloudtrail:events') to the declared log types they name,
 * in declaration order, without duplicates. Entries that name nothing are returned in `unknown`.
 */
export function expandLogTypes(
  entries: readonly string[],
  declared: readonly string[],
): { readonly logTypes: string[]; readonly unknown: string[] } {
  const logTypes: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const matches = entry.includes(':')
      ? declared.filter((name) => name === entry)
      : declared.filter((name) => name === entry || logFamily(name) === entry);
    if (matches.length === 0) unknown.push(entry);
    for (const name of matches) {
      if (!seen.has(name)) {
        seen.add(name);
        logTypes.push(name);
      }
    }
  }
  return { logTypes, unknown };
}
