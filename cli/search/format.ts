/** Query results as an aligned text table (cells cut to a width, so one long value does not wreck the layout). */

/** Renders rows under their column names; cells longer than `maxWidth` end with "…". */
export function formatTable(columns: readonly string[], rows: readonly Record<string, string | null>[], maxWidth = 60): string[] {
  const cell = (value: string | null | undefined): string => {
    const text = (value ?? 'NULL').replace(/\s+/g, ' ');
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: readonly string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
}

/** Bytes for people: 1.2 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
