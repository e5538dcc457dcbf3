import { buildLogQuery, parseDuration, parseTime, partitionOf } from '../../../../cli/search/sql';
import { searchSql } from '../../../../cli/search/run-search';
import { configWith } from '../terraform/helpers';

const config = configWith();
const now = new Date('2026-11-30T12:34:56Z');

describe('search SQL', () => {
  it.each([
    ['30m', 1_800_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
  ])('reads the duration %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '24', 'h', '1y', '-1h'])('refuses the duration "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration ".*" is not understood/);
  });

  it('names partitions by the hour, as Firehose writes them', () => {
    expect(partitionOf(new Date('2026-01-02T03:59:59Z'))).toBe('2026-01-02-03');
    expect(parseTime('90m', now).toISOString()).toBe('2026-11-30T11:04:56.000Z');
  });

  it('prunes to the partitions of the window and ANDs the condition in', () => {
    const sql = buildLogQuery(config, { log: 'cloudtrail:events', since: parseTime('24h', now), until: now, where: "eventname = 'x'", limit: 5 });
    expect(sql).toBe(`SELECT * FROM "acme_streamalert"."cloudtrail_events" WHERE dt >= '2026-11-29-12' AND dt <= '2026-11-30-12' AND (eventname = 'x') LIMIT 5`);
  });

  it('refuses a log type that is not delivered to the data bucket', () => {
    const off = configWith((v) => {
      v.global.firehose.enabled = false;
    });
    expect(() => buildLogQuery(off, { log: 'cloudtrail:events', since: now, until: now, limit: 1 })).toThrow(/not delivered to the data bucket/);
  });

  it('wants exactly one of SQL, a file or --log', () => {
    expect(() => searchSql({ configDir: '', limit: 1, dryRun: true, sql: 'SELECT 1', log: 'alerts' }, config)).toThrow(/give one of/);
    expect(searchSql({ configDir: '', limit: 3, dryRun: true, log: 'alerts', since: '1h', now }, config)).toBe(
      `SELECT * FROM "acme_streamalert"."alerts" WHERE dt >= '2026-11-30-11' AND dt <= '2026-11-30-12' LIMIT 3`,
    );
  });
});
