// Fields that feeds in the wild carry in less common places: Dublin Core in RSS items
// (dc:title, dc:creator / dc:author, dc:description, dcterms dates), Atom content in base64,
// of another media type, and as xhtml, and the one rule for which element is an item's text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../electron/engine/sources/feed/parse';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');
const parse = (name: string, url = 'https://feeds.example/feed'): ParsedFeed => parseFeed(readFileSync(join(FIXTURES, name)), { url });

describe('Dublin Core in RSS items', () => {
  const [budget, metro, hearing, archive] = parse('rss-dublin-core.xml').items;

  it('takes dc:title when the item has no <title>, and the RSS title when it has one', () => {
    expect(budget!.title).toBe('議會通過 <颱風> 防災預算');
    expect(metro!.title).toBe('捷運延伸線環評過關');
    expect(hearing!.title).toBe('公聽會：港區噪音');
  });

  it('names the author from dc:creator or dc:author', () => {
    expect(budget!.author).toBe('王小明');
    expect(metro!.author).toBe('Li Mei');
  });

  it('reads dc:description as the text when nothing fuller is there', () => {
    expect(budget!.text).toBe('議會今日三讀通過颱風防災特別預算，共 12 億元。');
    expect(hearing!.text).toBe('港區噪音公聽會紀錄。');
    expect(metro!.text).toBe('捷運延伸線今日通過環評。');
  });

  it('dates items by dcterms:created, dcterms:date, dcterms:modified and dcterms:issued, before 1970 too', () => {
    expect(budget!.publishedAt).toBe('2026-08-03T01:15:00.000Z');
    expect(metro!.publishedAt).toBe('2026-08-04T00:00:00.000Z');
    expect(hearing!.publishedAt).toBe('2026-08-05T10:00:00.000Z');
    expect(archive!.publishedAt).toBe('1969-07-20T20:17:40.000Z');
  });
});

describe('Atom content in every form', () => {
  const feed = parse('atom-content-modes.xml');
  const byTitle = (t: string) => feed.items.find((i) => i.title === t)!;

  it('decodes base64 content (mode="base64") as the HTML it holds', () => {
    const ferry = byTitle('Ferry resumes');
    expect(ferry.text).toBe('Ferry service resumes at 6 a.m.; 渡輪明早恢復。');
    expect(ferry.html).toContain('<b>resumes</b>');
  });

  it('decodes content of another media type as base64 when it is text, and skips an image for the summary', () => {
    expect(byTitle('Pier opens').text).toBe('Plain text in base64: 碼頭開放。');
    expect(byTitle('Detour map').text).toBe('A map of the detour.');
  });

  it('reads xhtml content, default-namespaced or prefixed, without its wrapping div', () => {
    const bus = byTitle('Bus detour');
    expect(bus.text).toBe('Route 12 detours via Pier Road.');
    expect(bus.html).toContain('<em>12</em>');
    expect(bus.html).toContain('href="https://feeds.example/maps/12"');
    expect(bus.html).not.toContain('div');
    const tram = byTitle('Tram works');
    expect(tram.text).toBe('Tram works tonight.');
    expect(tram.html).toBe('<p>Tram works <strong>tonight</strong>.</p>');
  });

  it('passes over empty content to the summary', () => {
    expect(byTitle('Taxi ranks').text).toBe('New taxi ranks at the station.');
  });
});

describe('which element is the text of an RSS item', () => {
  const [full, empty, bare, summary, itunes] = parse('rss-text-choice.xml').items;

  it('is content:encoded before the description', () => {
    expect(full!.text).toBe('The full story, with markup.');
    expect(full!.html).toBe('<p>The full story, with <b>markup</b>.</p>');
  });

  it('skips a content:encoded that holds only empty markup', () => {
    expect(empty!.text).toBe('The description is the text.');
    expect(empty!.html).toBeNull();
  });

  it('takes a bare <content> before the description', () => {
    expect(bare!.text).toBe('Text in a content element without a namespace.');
  });

  it('takes the description before atom:summary, and dc:description before itunes:summary', () => {
    expect(summary!.text).toBe('The description beats a summary.');
    expect(itunes!.text).toBe('Dublin Core description.');
  });
});
