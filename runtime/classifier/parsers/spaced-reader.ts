/**
 * A reader for space-separated access-log lines as AWS and web servers write them (VPC Flow Logs, S3 server
 * access logs, ALB access logs, CloudFront standard logs with a tab delimiter): fields split on a one-character
 * delimiter; `"..."` (with `\"` and `\\` escapes) and `[...]` group text holding delimiters into one field and
 * are removed; a field that is `-` (quoted or not) is null. Never throws.
 */

/** One field: its text, or null for `-`. */
export type SpacedField = string | null;

function readLine(line: string, delimiter: string): SpacedField[] {
  const fields: SpacedField[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    let text = '';
    const c = line[i];
    if (c === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n) i++;
        text += line[i++];
      }
      i++; // closing quote (or past the end of an unterminated one)
      const end = line.indexOf(delimiter, i);
      // Text glued after the closing quote belongs to the field (rare; kept rather than dropped).
      if (end === -1 ? i < n : end > i) text += line.slice(i, end === -1 ? n : end);
      i = end === -1 ? n + 1 : end + 1;
    } else if (c === '[') {
      const close = line.indexOf(']', i + 1);
      const end = close === -1 ? -1 : line.indexOf(delimiter, close + 1);
      text = close === -1 ? line.slice(i + 1) : line.slice(i + 1, close) + line.slice(close + 1, end === -1 ? n : end);
      i = close === -1 || end === -1 ? n + 1 : end + 1;
    } else {
      const end = line.indexOf(delimiter, i);
      text = line.slice(i, end === -1 ? n : end);
      i = end === -1 ? n + 1 : end + 1;
    }
    fields.push(text === '-' ? null : text);
  }
  return fields;
}

/** Splits `text` into rows (one per non-blank line) of fields. */
export function readSpaced(text: string, delimiter: string): SpacedField[][] {
  const rows: SpacedField[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    rows.push(readLine(line, delimiter));
  }
  return rows;
}
