/**
 * A CSV reader with the semantics of Python's `csv.reader` (which StreamAlert uses) in its default,
 * non-strict mode: one-character delimiter and quote character, doubled quotes inside quoted fields,
 * an optional escape character (inside or outside quotes), quote characters inside unquoted fields kept
 * literally, quoted fields may span lines, an unterminated quote ends at the end of the text.
 * Blank lines yield no row (Python yields an empty row, which no schema could match anyway).
 */

/** Dialect of a CSV log type. */
export interface CsvDialect {
  readonly delimiter: string;
  readonly quotechar: string;
  /** No escape character when undefined. */
  readonly escapechar?: string;
}

const enum State {
  StartRecord,
  StartField,
  Escaped,
  InField,
  InQuoted,
  EscapeInQuoted,
  QuoteInQuoted,
}

/** Splits `text` into rows of fields. Never throws. */
export function readCsv(text: string, dialect: CsvDialect): string[][] {
  const { delimiter, quotechar } = dialect;
  const escape = dialect.escapechar ?? '';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let state = State.StartRecord;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    rows.push(row);
    row = [];
    state = State.StartRecord;
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const newline = c === '\n' || c === '\r';
    if (state === State.StartRecord) {
      if (newline) continue;
      state = State.StartField;
    }
    switch (state) {
      case State.StartField:
        if (newline) endRow();
        else if (c === quotechar) state = State.InQuoted;
        else if (c === escape) state = State.Escaped;
        else if (c === delimiter) {
          row.push(field);
          field = '';
          state = State.StartField;
        } else {
          field += c;
          state = State.InField;
        }
        break;
      case State.Escaped:
        field += c;
        state = State.InField;
        break;
      case State.InField: {
        if (newline) endRow();
        else if (c === escape) state = State.Escaped;
        else if (c === delimiter) {
          row.push(field);
          field = '';
          state = State.StartField;
        } else {
          // Copy the run of ordinary characters at once.
          let j = i + 1;
          while (j < n) {
            const d = text[j];
            if (d === delimiter || d === escape || d === '\n' || d === '\r') break;
            j++;
          }
          field += text.slice(i, j);
          i = j - 1;
        }
        break;
      }
      case State.InQuoted:
        if (c === escape) state = State.EscapeInQuoted;
        else if (c === quotechar) state = State.QuoteInQuoted;
        else {
          let j = i + 1;
          while (j < n) {
            const d = text[j];
            if (d === quotechar || d === escape) break;
            j++;
          }
          field += text.slice(i, j);
          i = j - 1;
        }
        break;
      case State.EscapeInQuoted:
        field += c;
        state = State.InQuoted;
        break;
      case State.QuoteInQuoted:
        if (c === quotechar) {
          field += c;
          state = State.InQuoted;
        } else if (c === delimiter) {
          row.push(field);
          field = '';
          state = State.StartField;
        } else if (newline) endRow();
        else {
          field += c;
          state = State.InField;
        }
        break;
    }
  }
  if (state === State.Escaped) field += '\n';
  if (state !== State.StartRecord) endRow();
  return rows;
}
