/**
 * Fuzzy parsing of rule descriptions (StreamAlert's `RuleDescriptionParser`): `field: value` lines, the text
 * before the first field being the description; `author`/`maintainer` give the author; long URLs split over
 * lines are joined; a blank line inside a field is kept as a line break.
 */

const FIELD = /^(?!http:|https:)([a-zA-Z\d\-_&\s]{0,20}):(.*)$/;
const URL_TEXT = /^(?:https?:\/\/)?[\w.-]+(?:\.[\w.-]+)+[\w\-._~:/?#[\]@!$&'()*+,;=.]+$/;

/** The presentation of a description. */
export interface RulePresentation {
  readonly author: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, string>>;
}

function parse(description: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  let current = 'description';
  for (const token of description.trim().split('\n').map((l) => l.trim())) {
    if (!lines.has(current)) lines.set(current, []);
    if (token === '') {
      lines.get(current)?.push('');
      continue;
    }
    const match = FIELD.exec(token);
    let value = token;
    if (match) {
      current = (match[1] ?? '').trim().toLowerCase();
      value = (match[2] ?? '').trim();
    }
    if (!lines.has(current)) lines.set(current, []);
    lines.get(current)?.push(value);
  }
  return lines;
}

function joinLines(lines: readonly string[]): string {
  let document: string | undefined;
  let newlines = '';
  for (const line of lines) {
    if (line === '') {
      newlines += '\n';
      continue;
    }
    if (document === undefined) {
      newlines = '';
      document = line;
    } else if (URL_TEXT.test(document + line)) {
      document += line;
    } else {
      document += (newlines || ' ') + line;
      newlines = '';
    }
  }
  return document ?? '';
}

/** Author, description and the other fields of a rule description. */
export function presentRuleDescription(description: string): RulePresentation {
  const fields: Record<string, string> = {};
  let author = '';
  let text = '';
  for (const [key, value] of parse(description ?? '')) {
    if (key === 'author' || key === 'maintainer') author = joinLines(value);
    else if (key === 'description') text = joinLines(value);
    else fields[key] = joinLines(value);
  }
  return { author, description: text, fields };
}
