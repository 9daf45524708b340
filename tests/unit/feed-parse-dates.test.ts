// Dates as feeds really write them. Unreadable is null, never an exception or a guess.

import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../electron/engine/sources/feed/dates';

describe('feed dates', () => {
  it.each([
    // RFC 822 / 1123 / 2822 and their variants
    ['Fri, 05 Jan 2024 13:22:00 GMT', '2024-01-05T13:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00 +0800', '2024-01-05T05:22:00.000Z'],
    ['Fri, 5 Jan 2024 13:22:00 -0500', '2024-01-05T18:22:00.000Z'],
    ['5 Jan 2024 13:22 EST', '2024-01-05T18:22:00.000Z'], // no day name, no seconds
    ['Fri, 05 Jan 24 13:22:00 PDT', '2024-01-05T20:22:00.000Z'], // 2-digit year
    ['Fri, 05 Jan 99 13:22:00 GMT', '1999-01-05T13:22:00.000Z'],
    ['Friday, 05-Jan-2024 13:22:00 UTC', '2024-01-05T13:22:00.000Z'],
    ['Tues, 02 Jan 2024 08:00:00 GMT', '2024-01-02T08:00:00.000Z'], // misspelt day
    ['Fri, 05 Jan 2024 13:22:00 GMT+8', '2024-01-05T05:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00 GMT+08:00', '2024-01-05T05:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00 UTC-3', '2024-01-05T16:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00 +08:00', '2024-01-05T05:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00 -0800 (PST)', '2024-01-05T21:22:00.000Z'],
    ['Fri, 05 Jan 2024 13:22:00', '2024-01-05T13:22:00.000Z'], // no zone: UTC
    ['Fri, 05 Jan 2024 13:22:00 Z', '2024-01-05T13:22:00.000Z'],
    ['Fri, 05 January 2024 1:22 PM JST', '2024-01-05T04:22:00.000Z'],
    ['January 5, 2024 1:22 pm', '2024-01-05T13:22:00.000Z'],
    ['Fri Jan 05 13:22:00 CET 2024', '2024-01-05T12:22:00.000Z'], // Java's Date.toString
    ['  Fri, 05 Jan 2024 13:22:00 GMT  ', '2024-01-05T13:22:00.000Z'],
    // ISO 8601 / RFC 3339
    ['2024-01-05T13:22:10Z', '2024-01-05T13:22:10.000Z'],
    ['2024-01-05T13:22:10.123+08:00', '2024-01-05T05:22:10.123Z'],
    ['2024-01-05T13:22:10+0800', '2024-01-05T05:22:10.000Z'],
    ['2024-01-05T13:22:10.123456Z', '2024-01-05T13:22:10.123Z'],
    ['2024-01-05T13:22', '2024-01-05T13:22:00.000Z'], // no zone: UTC
    ['2024-01-05 13:22:10', '2024-01-05T13:22:10.000Z'],
    ['2024-01-05', '2024-01-05T00:00:00.000Z'],
    ['20240105T132210Z', '2024-01-05T13:22:10.000Z'],
    // Chinese sites
    ['2024/01/05 13:22', '2024-01-05T13:22:00.000Z'],
    ['2024/1/5 13:22:05 +0800', '2024-01-05T05:22:05.000Z'],
    ['2024.01.05', '2024-01-05T00:00:00.000Z'],
    ['2024年1月5日 13:22', '2024-01-05T13:22:00.000Z'],
    ['2024年01月05日 下午 1:22', '2024-01-05T13:22:00.000Z'],
    // unix timestamps, as numbers or digit strings
    ['1704460920', '2024-01-05T13:22:00.000Z'],
    ['1704460920000', '2024-01-05T13:22:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('reads numbers as unix seconds or milliseconds', () => {
    expect(parseFeedDate(1704460920)).toBe('2024-01-05T13:22:00.000Z');
    expect(parseFeedDate(1704460920000)).toBe('2024-01-05T13:22:00.000Z');
  });

  it('reads CST as US Central by default and as China time when asked', () => {
    expect(parseFeedDate('Fri, 05 Jan 2024 18:00:00 CST')).toBe('2024-01-06T00:00:00.000Z');
    expect(parseFeedDate('Fri, 05 Jan 2024 18:00:00 CST', { chinaZones: true })).toBe('2024-01-05T10:00:00.000Z');
  });

  it.each([
    '', '   ', 'yesterday', 'soon', 'Fri, 32 Jan 2024 10:00:00 GMT', '2024-02-30', '2024-13-01T00:00:00Z',
    'Fri, 05 Foo 2024 10:00:00 GMT', '10:00', '0000-00-00 00:00:00', '05/01/2024', 'NaN', '2024-01-05T25:00:00Z',
  ])('%j → null', (input) => {
    expect(parseFeedDate(input)).toBeNull();
  });

  it('never throws on odd input', () => {
    for (const v of [null, undefined, {}, [], NaN, -1, Infinity, true]) expect(parseFeedDate(v)).toBeNull();
  });
});
