/**
 * A record as Slack mrkdwn lines: keys in bold, nested maps and lists indented with tabs, keys sorted
 * (StreamAlert's layout, kept so alerts look the same after a migration).
 */
import { isObject } from '../common/publication';

/** The record as mrkdwn lines. */
export function recordToMrkdwn(value: unknown, depth = 0): string[] {
  if (Array.isArray(value)) return entriesToLines(value.map((v, i) => [`[${i + 1}]`, v] as const), depth, true);
  if (isObject(value)) return entriesToLines(Object.keys(value).sort().map((k) => [k, value[k]] as const), depth, false);
  return [scalarText(value)];
}

function entriesToLines(entries: readonly (readonly [string, unknown])[], depth: number, list: boolean): string[] {
  const tab = '\t'.repeat(depth);
  const lines: string[] = [];
  for (const [key, value] of entries) {
    const label = list ? `*${key}*` : `*${key}:*`;
    const nested = (Array.isArray(value) && value.length > 0) || (isObject(value) && Object.keys(value).length > 0);
    if (nested) {
      lines.push(`${tab}${label}`, ...recordToMrkdwn(value, depth + 1));
    } else {
      lines.push(`${tab}${label} ${scalarText(value)}`);
    }
  }
  return lines;
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return '[]';
  if (isObject(value)) return '{}';
  return String(value);
}

/** Escapes the three characters Slack's mrkdwn reserves. https://api.slack.com/reference/surfaces/formatting#escaping */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
