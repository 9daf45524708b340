// Reading the feeds a station meets, from fixture bytes under tests/fixtures/feeds/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed, type FeedErrorCode, type ParsedFeed } from '../../electron/engine/sources/feed/parse';
import { atomFeed, rssFeed } from '../helpers/fixture-server';

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');
const bytes = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const parse = (name: string, url: string | null = null, contentType: string | null = null): ParsedFeed =>
  parseFeed(bytes(name), { url, contentType });

function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FeedError);
    return e as FeedError;
  }
  throw new Error('expected a FeedError');
}

describe('RSS 2.0', () => {
  const feed = parse('rss2-news.xml', 'https://news.harbourcity.example/feed/');
  const [plant, carriers, ferry] = feed.items;

  it('reads the channel', () => {
    expect(feed.format).toBe('rss2');
    expect(feed.title).toBe('Harbour City Daily – Business & Tech');
    expect(feed.link).toBe('https://news.harbourcity.example/');
    expect(feed.lang).toBe('en-US');
    expect(feed.items).toHaveLength(3);
  });

  it('prefers content:encoded over the description, as text and as sanitized HTML', () => {
    expect(plant!.text).toBe('The plant will employ 1,200 people when it opens in March.\n“This is a big day,” said the mayor. More on jobs');
    expect(plant!.html).toContain('<strong>1,200</strong>');
    expect(plant!.html).not.toContain('script');
    expect(plant!.html).toContain('href="https://news.harbourcity.example/tags/jobs/"');
    expect(plant!.html).toContain('src="https://news.harbourcity.example/wp-content/uploads/2024/01/plant.jpg"');
  });

  it('reads guid, link, author, date, tags and a title holding markup', () => {
    expect(plant).toMatchObject({
      guid: 'https://news.harbourcity.example/?p=48213',
      url: 'https://news.harbourcity.example/2024/01/05/chipmaker-plant/',
      title: 'Chipmaker opens new plant at the harbour',
      author: 'Mei-ling Chou',
      publishedAt: '2024-01-05T05:22:00.000Z',
      tags: ['Business', 'Semiconductors'], // "business" is the same tag
      lang: 'en-US',
    });
  });

  it('resolves a relative link, names the author of "email (Name)" and reads a zone name', () => {
    expect(carriers).toMatchObject({
      guid: 'https://news.harbourcity.example/2024/01/04/carriers-settle/',
      title: 'AT&T and local carriers settle dispute',
      author: "Tom O'Neill",
      publishedAt: '2024-01-04T14:05:00.000Z',
      text: 'The carriers agreed to share towers & costs. Prices will not change.',
    });
    expect(carriers!.html).toBe('The carriers agreed to share towers &amp; costs. Prices <b>will not</b> change.');
  });

  it('uses a permalink guid as the link, and gives plain text no html', () => {
    expect(ferry!.url).toBe('https://news.harbourcity.example/2024/01/03/ferry/');
    expect(ferry!.html).toBeNull();
    expect(ferry!.text).toBe('Plain text notice: ferries leave 10 minutes earlier from Monday.');
  });

  it('reads what the test fixture server serves', () => {
    const date = new Date('2024-02-01T10:00:00Z');
    const rss = parseFeed(Buffer.from(rssFeed([{ guid: 'g1', title: 'T & co', text: '<p>Hi</p>', date, author: 'A', link: 'https://x.example/1' }])));
    expect(rss.items[0]).toEqual({
      guid: 'g1', url: 'https://x.example/1', title: 'T & co', text: 'Hi', html: '<p>Hi</p>', author: 'A',
      publishedAt: date.toISOString(), tags: [], lang: null,
    });
    const atom = parseFeed(Buffer.from(atomFeed([{ guid: 'g2', title: 'T', text: 'plain', date }])));
    expect(atom.items[0]).toMatchObject({ guid: 'g2', text: 'plain', publishedAt: date.toISOString() });
  });
});

describe('other RSS generations', () => {
  it('reads RSS 1.0 (RDF): items beside the channel, Dublin Core fields', () => {
    const feed = parse('rss1-rdf.xml');
    expect(feed.format).toBe('rss1');
    expect(feed.title).toBe('Lab Notes');
    expect(feed.lang).toBe('en-GB');
    expect(feed.items.map((i) => i.guid)).toEqual(['https://lab.example.org/notes/41', 'https://lab.example.org/notes/40']);
    expect(feed.items[0]).toMatchObject({ author: 'R. Okafor', publishedAt: '2024-01-05T09:30:00.000Z', tags: ['sensors'] });
    expect(feed.items[1]!.text).toBe('Wind peaked at 31 m/s around 02:00.\nMast A: fine\nMast B: bent');
    expect(feed.items[1]!.publishedAt).toBe('2024-01-04T00:00:00.000Z');
  });

  it('reads RSS 0.91 in ISO-8859-1 with HTML entities the DTD would have declared', () => {
    const feed = parse('rss091.xml');
    expect(feed.format).toBe('rss09');
    expect(feed.title).toBe('Café Corner');
    expect(feed.items[0]!.text).toBe('Crème brûlée et chocolat chaud : dès lundi.');
    expect(feed.items[1]!.text).toBe('Le café sera fermé le 1er janvier.');
    expect(feed.items[1]!.guid).toBe('http://cafe-corner.example.net/ferme.html');
    expect(feed.lang).toBe('fr');
  });

  it('returns no items, not an error, for a channel that has none yet', () => {
    const feed = parse('empty-channel.xml');
    expect(feed.title).toBe('Quiet Board');
    expect(feed.items).toEqual([]);
  });
});

describe('Atom', () => {
  it('resolves links against nested xml:base and reads html, xhtml and text content', () => {
    const feed = parse('atom1-xmlbase.xml', 'https://blog.riverside.example/feed.atom');
    expect(feed.format).toBe('atom1');
    expect(feed.link).toBe('https://blog.riverside.example/');
    const [wal, oncall, notes] = feed.items;
    expect(wal).toMatchObject({
      guid: 'tag:blog.riverside.example,2024:post-88',
      url: 'https://blog.riverside.example/posts/2024/wal-mode.html',
      title: 'Migrating to SQLite WAL mode',
      author: 'Ana Lima',
      publishedAt: '2024-01-05T08:00:00.000Z',
      tags: ['databases', 'sqlite'],
      text: "We switched to WAL & never looked back.\nSee last year's post.",
      lang: 'en',
    });
    expect(wal!.html).toContain('src="https://blog.riverside.example/posts/2024/img/wal.png"');
    expect(wal!.html).toContain('href="https://blog.riverside.example/posts/2023/journal.html"');

    expect(oncall!.title).toBe('On call rotations');
    expect(oncall!.author).toBe('Platform Team'); // the feed's author stands in
    expect(oncall!.text).toBe('Escalas de plantão justas.\nA equipe');
    expect(oncall!.html).not.toContain('onclick');
    expect(oncall!.lang).toBe('pt-BR'); // the content's own xml:lang
    expect(oncall!.publishedAt).toBe('2024-01-03T08:15:00.000Z'); // updated, lacking published

    expect(notes).toMatchObject({ url: null, text: 'Bug fixes & small improvements. 3 < 4.', html: null });
  });

  it('reads Atom 0.3: escaped and base64 content, issued dates', () => {
    const feed = parse('atom03.xml');
    expect(feed.format).toBe('atom03');
    expect(feed.title).toBe('Garden & Allotment Diary');
    expect(feed.items[0]).toMatchObject({ text: 'Minus four last night. The leeks survived.', publishedAt: '2024-01-04T12:30:00.000Z', author: 'Jo Baker' });
    expect(feed.items[1]!.text).toBe('Carrots, beetroot and broad beans.');
  });
});

describe('JSON Feed', () => {
  const feed = parse('jsonfeed11.json', 'https://nightmarket.example.tw/feed.json');

  it('reads items with html, text, authors, tags and languages', () => {
    expect(feed.format).toBe('jsonfeed');
    expect(feed.lang).toBe('zh-TW');
    expect(feed.items[0]).toMatchObject({
      guid: '2024-01-05-oyster-omelette',
      url: 'https://nightmarket.example.tw/posts/oyster-omelette',
      title: '蚵仔煎漲價了',
      text: '今天去士林夜市，蚵仔煎從 70 元漲到 85 元。',
      author: '阿明',
      publishedAt: '2024-01-05T13:10:00.000Z',
      tags: ['夜市', '物價'],
      lang: 'zh-TW',
    });
  });

  it('takes a numeric id, external_url, a unix timestamp and the feed author', () => {
    expect(feed.items[1]).toMatchObject({
      guid: '1042',
      url: 'https://news.example.com/night-markets-2024',
      text: 'A roundup of night markets.\nWorth reading.',
      html: null,
      publishedAt: '2024-01-04T15:00:00.000Z',
      author: '夜市小編',
      lang: 'en',
    });
    expect(feed.items[2]).toMatchObject({ guid: 'no-date', title: null, publishedAt: null });
  });

  it('tells JSON that is not a JSON Feed from broken JSON', () => {
    expect(feedError(() => parseFeed(Buffer.from('{"data": []}'))).code).toBe('not-a-feed');
    expect(feedError(() => parseFeed(Buffer.from('{"version": "https://jsonfeed.org/version/1", '))).code).toBe('malformed');
  });
});

describe('platforms', () => {
  it('reads a PTT board (Atom, zh-Hant, +08:00 times)', () => {
    const feed = parse('ptt-atom.xml', 'https://www.ptt.cc/atom/Stock.xml');
    expect(feed.title).toBe('批踢踢實業坊 Stock 板');
    expect(feed.items[0]).toMatchObject({
      guid: 'https://www.ptt.cc/bbs/Stock/M.1704434531.A.3C1.html',
      url: 'https://www.ptt.cc/bbs/Stock/M.1704434531.A.3C1.html',
      title: '[新聞] 台積電高雄廠進度超前 明年量產',
      author: 'goodday168',
      publishedAt: '2024-01-05T06:02:11.000Z',
    });
    expect(feed.items[0]!.text).toContain('利多出盡？明天開盤看戲');
    expect(feed.items[1]!.text).toBe('買 0050 就對了，不要亂聽明牌 >_<');
  });

  it('unwraps Google Alerts redirect links and strips the highlight markup from titles', () => {
    const feed = parse('google-alerts.xml');
    expect(feed.items[0]).toMatchObject({
      url: 'https://www.citynews.example.com/local/2024/01/05/bridge-toll-protest?utm_source=rss',
      title: 'Residents protest harbour bridge toll increase',
      author: null,
      publishedAt: '2024-01-05T06:41:13.000Z',
    });
    expect(feed.items[1]!.url).toBe('https://opinion.example.org/bridge-at-50');
  });

  it('reads Google News: opaque guid, publisher from <source>', () => {
    const feed = parse('google-news.xml');
    expect(feed.lang).toBe('zh-TW');
    expect(feed.items[0]).toMatchObject({
      guid: 'CBMiQ2h0dHBzOi8vZmluYW5jZS5leGFtcGxlLmNvbS50dy9uZXdzLzIwMjQwMTA1L3RzbWMtZm9yZWlnbi1idXlpbmfSAQA',
      title: '台積電法說會前夕 外資連三買 - 財經日報',
      author: '財經日報',
      publishedAt: '2024-01-05T05:31:00.000Z',
    });
    expect(feed.items[0]!.url).toMatch(/^https:\/\/news\.google\.com\/rss\/articles\//);
  });

  it('reads a YouTube channel: media:group description as text', () => {
    const [video] = parse('youtube.xml').items;
    expect(video).toMatchObject({
      guid: 'yt:video:Ab3dEf9hIjK',
      url: 'https://www.youtube.com/watch?v=Ab3dEf9hIjK',
      title: 'Council meeting, 4 January 2024 — bridge tolls',
      author: 'Harbour City Council',
      publishedAt: '2024-01-04T20:15:02.000Z',
      html: null,
    });
    expect(video!.text).toBe('Full recording of the council meeting.\nAgenda item 3: bridge toll review (01:12:40).\nPublic comments from 02:05:00.');
  });

  it('reads Reddit: the post body, the /u/ author and the subreddit as a tag', () => {
    const [post] = parse('reddit.xml').items;
    expect(post).toMatchObject({ guid: 't3_18z9k2q', author: '/u/ferry_fan_88', tags: ['harbourcity'], title: 'Bridge toll going up to $8?!' });
    expect(post!.text.startsWith('Anyone else think the new toll is outrageous? I pay $40 a week now.')).toBe(true);
    expect(post!.html).not.toContain('class=');
  });

  it('reads Mastodon: untitled posts, hashtags as tags', () => {
    const feed = parse('mastodon.xml');
    expect(feed.items[0]).toMatchObject({
      title: null,
      text: 'Walked across the #harbourbridge at sunrise. Worth every cent of the toll 🌅',
      tags: ['harbourbridge', 'sunrise'],
      publishedAt: '2024-01-05T08:01:12.000Z',
    });
  });
});

describe('what is not a feed fails loudly', () => {
  const cases: [string, FeedErrorCode, string][] = [
    ['html-page.html', 'html-page', 'got an HTML page, not a feed'],
    ['cloudflare.html', 'challenge-page', 'got a Cloudflare bot-challenge page instead of the feed (the site blocks automated readers)'],
  ];
  it.each(cases)('%s → %s', (name, code, message) => {
    const e = feedError(() => parse(name));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });

  it('names other challenge services and plain-text blocks', () => {
    expect(feedError(() => parseFeed(Buffer.from('<html><head><title>Attention Required! | Cloudflare</title></head></html>'))).code).toBe('challenge-page');
    expect(feedError(() => parseFeed(Buffer.from('error code: 1020'))).code).toBe('challenge-page');
  });

  it('tells empty, non-feed XML and garbage apart', () => {
    expect(feedError(() => parseFeed(new Uint8Array())).code).toBe('empty');
    expect(feedError(() => parseFeed(Buffer.from('  \n\t '))).code).toBe('empty');
    const sitemap = feedError(() => parseFeed(Buffer.from('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>')));
    expect(sitemap.code).toBe('not-a-feed');
    expect(sitemap.message).toBe('got an XML document with root <urlset>, not a feed');
    const junk = feedError(() => parseFeed(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])));
    expect(junk.code).toBe('malformed');
    expect(feedError(() => parseFeed(Buffer.from('<<<>>> <!-- nothing -->'))).code).toBe('malformed');
  });
});

describe('hostile and broken feeds', () => {
  it('tolerates unescaped &, stray <, unclosed tags, control characters and junk after the root', () => {
    const feed = parse('malformed.xml');
    expect(feed.title).toBe("Tom & Jerry's Blog");
    expect(feed.link).toBe('http://tomandjerry.example.com/?p=1&cat=2');
    expect(feed.items.map((i) => i.guid)).toEqual(['http://tomandjerry.example.com/?p=10&cat=2', 'tomandjerry-11', 'tomandjerry-12']);
    expect(feed.items[0]!.text).toBe('Cheddar & brie both cost more. A < B is bold and unclosed');
    expect(feed.items[1]!.text).toBe('bell and backspace are gone');
    expect(feed.items[1]!.url).toBeNull(); // a non-URL guid is no link
    expect(feed.items[2]!.text).toBe('the feed was cut off');
  });

  it('never expands entities declared in a DOCTYPE (billion laughs)', () => {
    const feed = parse('billion-laughs.xml');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.title).toBe('&lol9;');
    expect(feed.items[0]!.text).toBe('&lol9; &fake;');
    expect(feed.title).toBe('Laughs &lol9;');
  });

  it('never reads external entities (XXE)', () => {
    const feed = parse('xxe.xml');
    expect(feed.items[0]!.title).toBe('Read this: &xxe;');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('strips scripts, handlers, styles and dangerous links from item HTML and titles', () => {
    const feed = parse('hostile.xml', 'https://normal.example/feed');
    expect(feed.title).toBe('Totally Normal News');
    expect(feed.link).toBeNull(); // javascript: channel link
    const [item] = feed.items;
    expect(item!.url).toBeNull();
    expect(item!.title).toBe('Click here');
    const html = item!.html!;
    for (const bad of ['<script', 'onerror', 'onclick', 'onmouseover', 'style', 'class=', 'id=', 'javascript:', 'vbscript:', 'data:', '<svg', '<math', '<iframe', '<object', '<embed', '<form', '<input', '<button', 'srcset']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(html).toContain('<a rel="noopener noreferrer nofollow" target="_blank" href="https://safe.example/page">safe link</a>');
    expect(html).toContain('src="https://img.example/ok.png"');
    expect(item!.text).toContain('Kept text');
    expect(item!.text).not.toMatch(/alert|fetch|svg text|math text|Log in|display:none/);
  });
});

describe('guids', () => {
  const rss = (items: string): Buffer =>
    Buffer.from(`<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);

  it('falls back to the link, then to a hash that is stable across polls', () => {
    const doc = rss('<item><link>https://a.example/1</link><title>One</title></item><item><title>Two</title><description>body</description><pubDate>Fri, 05 Jan 2024 10:00:00 GMT</pubDate></item>');
    const first = parseFeed(doc).items;
    const again = parseFeed(doc).items;
    expect(first[0]!.guid).toBe('https://a.example/1');
    expect(first[1]!.guid).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(again[1]!.guid).toBe(first[1]!.guid);
    const edited = parseFeed(rss('<item><title>Two</title><description>body edited</description></item>')).items;
    expect(edited[0]!.guid).not.toBe(first[1]!.guid);
  });

  it('never gives two items of one feed the same guid, and drops exact repeats', () => {
    const items = parseFeed(
      rss(
        '<item><guid>same</guid><link>https://a.example/1</link></item>' +
          '<item><guid>same</guid><link>https://a.example/2</link></item>' +
          '<item><guid>same</guid><link>https://a.example/2</link></item>',
      ),
    ).items;
    expect(items.map((i) => i.guid)).toEqual(['same', 'https://a.example/2']);
  });
});

describe('namespaces and odd shapes', () => {
  it('recognises namespaces by URI, whatever the prefix, and undeclared common prefixes', () => {
    const doc = `<rss version="2.0" xmlns:x="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel>
      <item><guid>1</guid><x:creator>Prefix Person</x:creator><c:encoded>&lt;p&gt;full&lt;/p&gt;</c:encoded><description>short</description></item>
      <item><guid>2</guid><dc:creator>Undeclared</dc:creator><dc:date>2024-01-05T01:02:03Z</dc:date><dc:subject>a</dc:subject></item>
    </channel></rss>`;
    const items = parseFeed(Buffer.from(doc)).items;
    expect(items[0]).toMatchObject({ author: 'Prefix Person', text: 'full' });
    expect(items[1]).toMatchObject({ author: 'Undeclared', publishedAt: '2024-01-05T01:02:03.000Z', tags: ['a'] });
  });

  it('reads raw (unescaped) HTML inside a description', () => {
    const doc = '<rss version="2.0"><channel><item><guid>1</guid><description><p>Para <b>one</b></p><p>two</p></description></item></channel></rss>';
    const [item] = parseFeed(Buffer.from(doc)).items;
    expect(item!.text).toBe('Para one\ntwo');
    expect(item!.html).toBe('<p>Para <b>one</b></p><p>two</p>');
  });

  it('reads CST as China time in a Chinese feed and US Central time elsewhere', () => {
    const doc = (lang: string): Buffer =>
      Buffer.from(`<rss version="2.0"><channel><language>${lang}</language><item><guid>1</guid><pubDate>Fri, 05 Jan 2024 18:00:00 CST</pubDate></item></channel></rss>`);
    expect(parseFeed(doc('zh-TW')).items[0]!.publishedAt).toBe('2024-01-05T10:00:00.000Z');
    expect(parseFeed(doc('en-US')).items[0]!.publishedAt).toBe('2024-01-06T00:00:00.000Z');
  });

  it('normalises language tags and ignores unusable ones', () => {
    const doc = (lang: string): Buffer => Buffer.from(`<rss version="2.0"><channel><language>${lang}</language></channel></rss>`);
    expect(parseFeed(doc('zh_tw')).lang).toBe('zh-TW');
    expect(parseFeed(doc('ZH-hant-tw')).lang).toBe('zh-Hant-TW');
    expect(parseFeed(doc('en-us, fr')).lang).toBe('en-US');
    expect(parseFeed(doc('not a language!')).lang).toBeNull();
  });
});

describe('plain text stays text', () => {
  it('keeps "<" and line breaks in a text construct and decodes its entities', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>a &lt;b and c</title>
      <content type="text">Q&amp;A at 10:00
Bring &lt;your&gt; questions&amp;nbsp;!</content></entry></feed>`;
    const [entry] = parseFeed(Buffer.from(doc)).items;
    expect(entry!.title).toBe('a <b and c');
    expect(entry!.text).toBe('Q&A at 10:00\nBring <your> questions !');
    expect(entry!.html).toBeNull();
  });
});
