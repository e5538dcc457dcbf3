import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import {
  getPath,
  hasPath,
  inCidrs,
  inSet,
  isPrivateIp,
  setClock,
  toEpochMillis,
  valuesByType,
  withinLastHour,
  withinLastMinutes,
} from '../../../../runtime/rules';
import { linkClassified } from '../../../../runtime/rules/helpers/normalized';
import { classified } from './_records';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const restore = setClock(() => NOW);
afterEach(() => {
  setClock(() => NOW);
});
afterAll(() => {
  setClock(restore);
});

describe('time helpers', () => {
  it.each([
    [NOW / 1000 - 60, true],
    [String(NOW / 1000 - 60), true],
    [NOW - 60_000, true],
    [new Date(NOW - 59 * 60_000).toISOString(), true],
    [NOW / 1000 - 2 * 3600, false],
    ['not a time', false],
    [undefined, false],
  ])('withinLastHour(%p) is %p', (value, expected) => {
    expect(withinLastHour(value)).toBe(expected);
  });

  it('checks a window of N minutes', () => {
    expect(withinLastMinutes(NOW - 4 * 60_000, 5)).toBe(true);
    expect(withinLastMinutes(NOW - 6 * 60_000, 5)).toBe(false);
  });

  it('reads epoch seconds, epoch milliseconds and ISO-8601 as the same instant', () => {
    expect(new Set([toEpochMillis(1_700_000_000), toEpochMillis(1_700_000_000_000), toEpochMillis('2023-11-14T22:13:20Z')]).size).toBe(1);
  });
});

describe('lookup helpers', () => {
  const rec = { detail: { userIdentity: { type: 'Root' }, list: [{ name: 'a' }] }, empty: null };

  it.each([
    ['detail.userIdentity.type', 'Root'],
    ['detail.list.0.name', 'a'],
    ['detail.missing.deeper', 'fallback'],
    ['detail.userIdentity.type.length', 'fallback'],
  ])('getPath(%p) gives %p', (path, expected) => {
    expect(getPath(rec, path, 'fallback')).toBe(expected);
  });

  it('tells a present null key from a missing one', () => {
    expect([hasPath(rec, 'empty'), hasPath(rec, 'absent')]).toEqual([true, false]);
  });

  it('matches set members exactly or with wildcards', () => {
    expect(inSet('DeleteTrail', ['Delete*'])).toBe(true);
    expect(inSet('StopLogging', new Set(['StopLogging']))).toBe(true);
    expect(inSet('Describe', ['Delete*'])).toBe(false);
  });
});

describe('IP helpers', () => {
  it.each([
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['11.1.2.3', ['10.0.0.0/8'], false],
    ['2001:db8::1', ['2001:db8::/32'], true],
    ['::ffff:10.0.0.1', ['10.0.0.0/8'], true],
    ['1.2.3.4', ['1.2.3.4'], true],
    ['not-an-ip', ['0.0.0.0/0'], false],
    ['1.2.3.4', ['garbage/99'], false],
  ])('inCidrs(%p, %p) is %p', (ip, cidrs, expected) => {
    expect(inCidrs(ip, cidrs)).toBe(expected);
  });

  it('knows private ranges', () => {
    expect([isPrivateIp('192.168.1.1'), isPrivateIp('8.8.8.8'), isPrivateIp('fd00::1')]).toEqual([true, false, true]);
  });
});

describe('values by normalized type', () => {
  it('returns the normalized values of a record, without duplicates', () => {
    const event = classified('x', { ip: '1.1.1.1' }, { sourceAddress: ['1.1.1.1', '1.1.1.1', '2.2.2.2'] });
    linkClassified(event);
    expect(valuesByType(event.record, 'sourceAddress')).toEqual(['1.1.1.1', '2.2.2.2']);
    expect(valuesByType(event, 'userName')).toEqual([]);
  });

  it('finds a type under either spelling (sourceAddress and source_address are one type)', () => {
    const event = classified('x', {}, { source_address: ['1.1.1.1'], sourceAddress: ['2.2.2.2', '1.1.1.1'] });
    expect(valuesByType(event, 'sourceAddress')).toEqual(['2.2.2.2', '1.1.1.1']);
    expect(valuesByType(event, 'source_address')).toEqual(['1.1.1.1', '2.2.2.2']);
    expect(valuesByType(event, 'destination_address')).toEqual([]);
  });
});
