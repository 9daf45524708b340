// Which encoding wins when the bytes, the XML declaration and the server disagree.
// Order (feed-charset.ts): BOM > valid UTF-8 > XML declaration > HTTP charset > windows-1252.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../electron/engine/sources/feed/charset';
import { FeedError, parseFeed } from '../../electron/engine/sources/feed/parse';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');
const bytes = (name: string): Buffer => readFileSync(join(FIXTURES, name));

const rss = (decl: string | null, title: string): string =>
  `${decl ? `<?xml version="1.0" encoding="${decl}"?>` : ''}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('feed encodings', () => {
  it('reads Big5 by its declaration even when the server claims UTF-8', () => {
    const feed = parseFeed(bytes('big5-rss.xml'), { contentType: 'application/rss+xml; charset=utf-8' });
    expect(feed.title).toBe('港都新聞網');
    expect(feed.items[0]!.title).toBe('颱風過後 旗津渡輪恢復正常營運');
    expect(feed.items[0]!.author).toBe('記者王小明');
    expect(feed.items[0]!.publishedAt).toBe('2024-01-05T13:22:00.000Z'); // "2024/01/05 13:22", no zone: UTC
    expect(feed.items[1]!.publishedAt).toBe('2024-01-05T10:00:00.000Z'); // CST in a zh feed: +08:00
  });

  it('reads a "gb2312" declaration as GB18030, so GBK-only and 4-byte characters survive', () => {
    const feed = parseFeed(bytes('gb18030-rss.xml'));
    expect(feed.items[0]!.title).toBe('朱镕基谈改革：吉祥物“𠮷”字引热议');
    expect(feed.items[0]!.author).toBe('财经频道');
    expect(feed.lang).toBe('zh-CN');
  });

  it('reads UTF-16 by its byte-order mark', () => {
    const feed = parseFeed(bytes('utf16le-bom.xml'));
    expect(feed.title).toBe('Ünïcode Wörld — 世界');
    expect(feed.items[0]!.title).toBe('Grüße aus Köln 🎉');
    expect(feed.items[0]!.text).toBe('Schöne Grüße, 你好, привет.');
  });

  it('reads UTF-16BE by its mark, and UTF-16 without a mark by its first bytes', () => {
    const doc = rss('UTF-16', 'Grüße');
    const be = Buffer.from(doc, 'utf16le').swap16();
    expect(parseFeed(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).title).toBe('Grüße');
    expect(parseFeed(Buffer.from(doc, 'utf16le')).title).toBe('Grüße');
  });

  it('lets a UTF-8 BOM beat a stale ISO-8859-1 declaration', () => {
    const feed = parseFeed(bytes('utf8-bom.xml'));
    expect(feed.title).toBe('Crème de la crème');
    expect(feed.items[0]!.title).toBe('Déjà vu à Montréal');
  });

  it('reads valid UTF-8 as UTF-8 even when both declarations say Latin-1', () => {
    const feed = parseFeed(Buffer.from(rss('ISO-8859-1', 'Déjà vu')), { contentType: 'text/xml; charset=iso-8859-1' });
    expect(feed.title).toBe('Déjà vu');
  });

  it('prefers the declaration to the HTTP charset when both name legacy encodings', () => {
    const doc = iconv.encode(rss('Shift_JIS', '東京ニュース'), 'shift_jis');
    expect(parseFeed(doc, { contentType: 'text/xml; charset=ISO-8859-1' }).title).toBe('東京ニュース');
  });

  it('uses the HTTP charset when the document declares nothing', () => {
    const doc = iconv.encode(rss(null, '新聞快報'), 'big5');
    expect(parseFeed(doc, { contentType: 'application/xml; charset="Big5"' }).title).toBe('新聞快報');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const doc = Buffer.from(rss(null, 'Caf\u00e9 \u201cquoted\u201d'), 'latin1');
    doc[doc.indexOf(0x1c)] = 0x93; // the curly quotes as windows-1252 bytes
    doc[doc.indexOf(0x1d)] = 0x94;
    expect(parseFeed(doc).title).toBe('Café “quoted”');
  });

  it('refuses an encoding it cannot decode, with the name in the message', () => {
    const doc = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss><channel><title>'), Buffer.from([0xf0, 0x9f, 0xff]), Buffer.from('</title></channel></rss>')]);
    let error: unknown;
    try {
      parseFeed(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('charset');
    expect((error as FeedError).message).toContain('"x-klingon"');
  });

  it('says which encoding it used', () => {
    expect(decodeFeedBytes(bytes('big5-rss.xml')).charset).toBe('big5hkscs');
    expect(decodeFeedBytes(bytes('gb18030-rss.xml')).charset).toBe('gb18030');
    expect(decodeFeedBytes(bytes('rss091.xml')).charset).toBe('windows-1252');
    expect(decodeFeedBytes(Buffer.from('{"a":1}')).charset).toBe('utf-8');
  });
});
