/**
 * The subscription filter that sends the functions' error lines into their cluster's stream. It must
 * match what the runtime logger writes at error level and nothing it writes at other levels: a WARN line
 * that matched (an unclassified record is logged at WARN with its text) would come back as a record,
 * fail to classify, be logged at WARN again, and so on forever.
 *
 * CloudWatch Logs evaluates the pattern, not us; the evaluator below implements the two pattern forms in
 * play, from https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html:
 * a JSON filter `{ $.field = "value" }` (matches only JSON log events whose field equals the value) and
 * the term form `?A ?B` (matches events containing any of the terms) that was used before.
 */
import { ERROR_FILTER_PATTERN } from '../../../../../cli/terraform/modules/cloudwatch-logs';
import { createLogger } from '../../../../../runtime/logger';

/** Does a CloudWatch Logs filter pattern (JSON equality, or `?` terms) match one log event? */
function matches(pattern: string, event: string): boolean {
  const json = /^\{\s*\$\.([A-Za-z0-9_.]+)\s*(=|!=)\s*(?:"([^"]*)"|(\S+))\s*\}$/.exec(pattern);
  if (json) {
    let value: unknown;
    try {
      value = JSON.parse(event);
    } catch {
      return false; // JSON filters skip events that are not JSON
    }
    for (const key of json[1].split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined) return false;
    const equal = String(value) === (json[3] ?? json[4]);
    return json[2] === '=' ? equal : !equal;
  }
  const terms = pattern.split(/\s+/).filter(Boolean);
  if (!terms.every((t) => t.startsWith('?'))) throw new Error(`the test evaluator does not handle ${pattern}`);
  return terms.some((t) => event.includes(t.slice(1).replace(/^"|"$/g, '')));
}

function loggedLines(): Record<'error' | 'warnWithError' | 'warnQuotingAnError' | 'info', string> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  logger.error('rule evaluation failed', { cluster: 'prod', log_type: 'osquery:differential', error: 'TypeError: x is undefined' });
  logger.warn('unclassified record', { cluster: 'prod', unclassified: { data: 'Error: connection reset' } });
  logger.warn('unclassified record', { cluster: 'prod', unclassified: { data: lines[0] } });
  logger.info('batch processed', { cluster: 'prod', counts: { records: 1 } });
  const [error, warnWithError, warnQuotingAnError, info] = lines;
  return { error, warnWithError, warnQuotingAnError, info };
}

describe('the function-errors subscription filter', () => {
  const lines = loggedLines();

  it('is a JSON filter on the level field the runtime logger writes', () => {
    expect(ERROR_FILTER_PATTERN).toBe('{ $.level = "ERROR" }');
    expect(JSON.parse(lines.error).level).toBe('ERROR');
  });

  it('matches a line the logger writes at error level', () => {
    expect(matches(ERROR_FILTER_PATTERN, lines.error)).toBe(true);
  });

  it.each([
    ['a WARN line whose text contains "Error"', 'warnWithError'],
    ['a WARN line quoting a whole ERROR line (an unclassified error record)', 'warnQuotingAnError'],
    ['an INFO line', 'info'],
  ] as const)('does not match %s', (_name, key) => {
    expect(matches(ERROR_FILTER_PATTERN, lines[key])).toBe(false);
  });

  it('does not match plain text that says ERROR (JSON filters only see JSON events)', () => {
    expect(matches(ERROR_FILTER_PATTERN, '2024-01-01T00:00:00.000Z\tabc\tERROR\tsomething')).toBe(false);
  });

  it('replaces a term filter that matched the WARN lines, which fed the function its own output', () => {
    expect(matches('?ERROR ?Error', lines.warnWithError)).toBe(true);
    expect(matches('?ERROR ?Error', lines.warnQuotingAnError)).toBe(true);
  });
});
