/**
 * Finds the JSON object or list embedded in a text value (`json_regex_key`), as StreamAlert's regular
 * expression `{.+[:,].+}|\[.+[,:].+\]` does: the leftmost `{` (or `[`) of a line that has a `:` or `,` after it
 * and a closing `}` (or `]`) later on the same line, up to the last such closing character of that line.
 * Done without a regular expression so that a long line cannot backtrack for minutes.
 */

function blobAt(text: string, start: number, lineEnd: number): number {
  const close = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(close, lineEnd - 1);
  if (end - start < 4) return -1;
  for (let p = start + 2; p <= end - 2; p++) {
    const c = text[p];
    if (c === ':' || c === ',') return end;
  }
  return -1;
}

/** The embedded JSON text, or undefined. */
export function findJsonBlob(text: string): string | undefined {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    // On one line only the first `{` and the first `[` can start a match: later ones have less room.
    const starts = [line.indexOf('{'), line.indexOf('[')].filter((i) => i !== -1).sort((a, b) => a - b);
    for (const offset of starts) {
      const start = lineStart + offset;
      const end = blobAt(text, start, lineEnd);
      if (end !== -1) return text.slice(start, end + 1);
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
