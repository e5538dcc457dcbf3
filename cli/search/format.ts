/** Query results as an aligned text table (cells cut to a width, so one long value does not wreck the layout). */

/**
 * Control characters shown escaped (`\x1b`, `\u202e`): log fields are attacker-controlled, and raw escape
 * sequences would act on the analyst's terminal (clear the screen, set the window title, write the clipboard
 * with OSC 52) or reorder what is shown (bidirectional overrides).
 */
export function escapeControls(text: string): string {
  // C0 controls and DEL, C1 controls, bidirectional embeddings, overrides and isolates.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Renders rows under their column names; cells longer than `maxWidth` end with "…"; control characters escaped. */
export function formatTable(columns: readonly string[], rows: readonly Record<string, string | null>[], maxWidth = 60): string[] {
  const cell = (value: string | null | undefined): string => {
    const text = escapeControls((value ?? 'NULL').replace(/[ \t\n\r]+/g, ' '));
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const names = columns.map((c) => escapeControls(c));
  const widths = columns.map((c, i) => Math.max(names[i]?.length ?? 0, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: readonly string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(names), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
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
