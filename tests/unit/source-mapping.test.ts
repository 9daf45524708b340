// Records → items: dot paths, dates in declared formats, presets for export layouts.
import { describe, expect, it } from 'vitest';
import { getPath, mapRecord, parseDate } from '../../electron/engine/sources/records/mapping';
import { mapMentions, readRecords, resolveMapping } from '../../electron/engine/sources/records/records';
import { jsonConfig } from '../../shared/source-configs';

describe('field mapping', () => {
  it('follows dot paths into nested objects and arrays, and finds a column whose name has dots', () => {
    const doc = { data: { items: [{ user: { name: 'ann' } }] }, 'Date (U.T.C.)': 'x' };
    expect(getPath(doc, 'data.items.0.user.name')).toBe('ann');
    expect(getPath(doc, 'Date (U.T.C.)')).toBe('x');
    expect(getPath(doc, 'data.missing.name')).toBeUndefined();
  });

  it('reads dates as iso, epoch seconds, epoch ms, or a pattern in a zone', () => {
    const at = Date.UTC(2026, 10, 25, 6, 30);
    expect(parseDate('2026-11-25T06:30:00Z', { format: 'iso', zone: 'Z' })).toBe(at);
    expect(parseDate('2026-11-25 14:30', { format: 'iso', zone: '+08:00' })).toBe(at);
    expect(parseDate(at / 1000, { format: 'epoch-s', zone: 'Z' })).toBe(at);
    expect(parseDate(String(at), { format: 'epoch-ms', zone: 'Z' })).toBe(at);
    expect(parseDate('2026/11/25 14:30', { format: 'YYYY/MM/DD HH:mm', zone: '+08:00' })).toBe(at);
    expect(parseDate('25.11.2026 06:30 +0000', { format: 'DD.MM.YYYY HH:mm', zone: '+08:00' })).toBe(at);
    expect(parseDate('yesterday', { format: 'YYYY/MM/DD HH:mm', zone: 'Z' })).toBeNull();
    expect(parseDate('2026/13/25 14:30', { format: 'YYYY/MM/DD HH:mm', zone: 'Z' })).toBeNull();
  });

  it('turns a record into an item, giving a stable guid from the content when none is mapped', () => {
    const map = { text: 'body', author: 'who', reach: 'fans', tags: 'kw', publishedAt: 'when' };
    const rec = { body: '停電了', who: 'ann', fans: '1,200', kw: '#停電, 台電', when: '2026-11-25T06:30:00Z' };
    const a = mapRecord(rec, map, { format: 'iso', zone: 'Z' });
    const b = mapRecord({ ...rec }, map, { format: 'iso', zone: 'Z' });
    expect(a).toMatchObject({ item: { text: '停電了', author: 'ann', reach: 1200, tags: ['停電', '台電'] } });
    expect('item' in a && 'item' in b && a.item.guid === b.item.guid).toBe(true);
    expect(mapRecord({ body: '' }, map, { format: 'iso', zone: 'Z' })).toEqual({ error: 'no text: "body" empty or missing' });
    expect(mapRecord({ body: 'x', when: 'soon' }, map, { format: 'iso', zone: 'Z' })).toMatchObject({ error: expect.stringMatching(/date "soon"/) });
  });

  it('refuses a JSON source config that maps no text, naming the field', () => {
    const r = jsonConfig.safeParse({ url: 'https://example.org/api', map: { author: 'a' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['map']);
  });
});

describe('export presets', () => {
  it('reads the zh-monitor layout: Chinese headers and Taipei time', () => {
    const csv = '序號,發布時間,標題,內文,網址,作者,粉絲數,標籤\n7,2026/11/25 14:30,停電,全區停電中,https://ex.tw/7,阿明,300,停電;台電\n';
    const records = readRecords(csv, 'csv');
    const { map, dates } = resolveMapping(records, 'zh-monitor', undefined, {});
    const [m] = mapMentions(records, map, dates);
    expect(m!.value).toMatchObject({
      guid: '7',
      title: '停電',
      text: '全區停電中',
      author: '阿明',
      reach: 300,
      tags: ['停電', '台電'],
      publishedAt: Date.UTC(2026, 10, 25, 6, 30),
    });
  });

  it('matches generic headers whatever their case, and lets an own mapping override one field', () => {
    const records = readRecords('ID,Content,Posted By,Date\n1,hello there,ann,2026-11-25T06:30:00Z\n', 'csv');
    const { map } = resolveMapping(records, 'generic', { author: 'Posted By' }, {});
    expect(map).toMatchObject({ guid: 'ID', text: 'Content', author: 'Posted By', publishedAt: 'Date' });
  });
});
