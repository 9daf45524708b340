// Feed bytes → items. One pure function for every syndication format a station meets:
// RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1, with the namespaces real
// feeds lean on (content:encoded, Dublin Core, Media RSS, iTunes, YouTube, atom:link in
// RSS, xml:base). Google Alerts, Google News, PTT, Reddit and Mastodon feeds are just these
// formats and need no special case beyond unwrapping Google's redirect links.
//
// The format is read from the bytes, never from the URL or Content-Type (both lie). What is
// not a feed fails loudly with a FeedError: an HTML page, a bot-challenge page, an XML file
// of another kind, bytes in an encoding we cannot read, or nothing at all — never an empty
// item list that would look like a quiet feed.
//
// Choices, so they are not rediscovered:
// - An item's text is the first of these that holds any text once markup is dropped — full
//   content before summaries: RSS content:encoded, atom:content or a bare <content>,
//   description, atom:summary, dc:description, media:description, itunes:summary; Atom
//   content, summary, media:description; JSON Feed content_html, content_text, summary. An
//   empty or markup-only element (`<p> </p>`, a lone <br>) is passed over; if none holds text,
//   the first with markup worth keeping (an image) is the html. text is plain text
//   (normalize.htmlToText); html is the sanitized markup, or null when the source had none.
// - Dublin Core stands in for what RSS lacks: dc:title, dc:creator / dc:author,
//   dc:description, dc:date and the dcterms dates (issued, created, date, modified).
// - Atom content follows RFC 4287 4.1.3.3: text, html, xhtml; another text/* type is text;
//   an XML type is inline markup; any other type is base64 (as is Atom 0.3 mode="base64"),
//   kept when it decodes to UTF-8 text.
// - RSS relative links resolve against xml:base, then the channel <link>, then the feed URL
//   (a feedburner-hosted feed's links belong to the blog), JSON Feed's likewise against
//   home_page_url then the feed URL; Atom's against xml:base, then the feed URL (the
//   document's base by RFC 4287), then the feed's alternate link.
// - guid is the item's id; else its link; else a hash of title, date and text. Two items
//   of one feed never share a guid (a feed that repeats one id gets link/hash fallbacks).
// - Dates go through feed-date.ts (zone-less times are UTC; "CST" is China time in zh feeds).

import { createHash } from 'node:crypto';
import { htmlToText } from '../../analysis/normalize';
import { CharsetError, decodeFeedBytes } from './charset';
import { parseFeedDate } from './dates';
import { detectChallenge } from './sniff';
import { resolveHttpUrl } from './url';
import { sanitizeHtml } from './sanitize';
import { childNamed, childrenNamed, inheritedAttr, innerMarkup, isElement, parseXml, textContent, type XmlElement } from './xml';

export interface FeedItem {
  guid: string;
  url: string | null;
  title: string | null;
  text: string;
  html: string | null;
  author: string | null;
  /** ISO 8601, UTC. */
  publishedAt: string | null;
  tags: string[];
  lang: string | null;
}

export type FeedFormat = 'rss2' | 'rss1' | 'atom1' | 'atom03' | 'jsonfeed' | 'rss09';

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  lang: string | null;
  items: FeedItem[];
}

export type FeedErrorCode = 'not-a-feed' | 'html-page' | 'challenge-page' | 'malformed' | 'empty' | 'charset';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    public code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ParseFeedOptions {
  /** The HTTP Content-Type, for its charset only. */
  contentType?: string | null;
  /** Where the bytes came from: the base for relative links. */
  url?: string | null;
}

export function parseFeed(bytes: Uint8Array, opts: ParseFeedOptions = {}): ParsedFeed {
  if (bytes.length === 0) throw new FeedError('empty', 'the response was empty (0 bytes)');
  let text: string;
  try {
    text = decodeFeedBytes(bytes, opts.contentType).text;
  } catch (e) {
    if (e instanceof CharsetError) throw new FeedError('charset', e.message);
    throw e;
  }
  const body = text.replace(/^\ufeff/, '').trimStart();
  if (!body) throw new FeedError('empty', 'the response held only whitespace');
  const feedUrl = resolveHttpUrl(opts.url);

  if (body[0] === '{' || body[0] === '[') return parseJsonFeed(body, feedUrl);
  if (body[0] !== '<') {
    notAFeedPage(body);
    throw new FeedError('malformed', `neither XML nor JSON: the response starts with "${preview(body)}"`);
  }

  const doc = parseXml(body);
  const root = doc.root;
  if (!root || !/^[\p{L}_][\p{L}\p{N}_.:-]*$/u.test(root.qname)) {
    throw new FeedError('malformed', `no XML element found: the response starts with "${preview(body)}"`);
  }
  const rootNs = root.ns;
  if (root.local === 'rss' && rootNs === '') return parseRss(root, feedUrl);
  if (root.local === 'rdf' && (rootNs === 'rdf' || rootNs === '')) return parseRdf(root, feedUrl);
  if (root.local === 'feed' && (rootNs === 'atom' || rootNs === 'atom03' || rootNs === '')) return parseAtom(root, feedUrl);
  if (root.local === 'channel' && rootNs === '') return parseRss(root, feedUrl); // RSS 0.9x without <rss>

  if (doc.doctype === 'html' || ['html', 'head', 'body'].includes(root.local) || rootNs === 'xhtml') notAFeedPage(body, true);
  throw new FeedError('not-a-feed', `got an XML document with root <${root.qname}>, not a feed`);
}

/** Throws for challenge pages (always) and HTML pages (when `html` is known). */
function notAFeedPage(body: string, html = /<(?:html|head|body)[\s>]/i.test(body.slice(0, 4096))): void {
  const who = detectChallenge(body);
  if (who) throw new FeedError('challenge-page', `got a ${who} bot-challenge page instead of the feed (the site blocks automated readers)`);
  if (html) throw new FeedError('html-page', 'got an HTML page, not a feed');
}

const preview = (s: string): string => s.slice(0, 40).replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------------------
// Shared item assembly

const ATOM = ['atom'];
const ATOM_ANY = ['atom', 'atom03', ''];

interface Content {
  source: string;
  isHtml: boolean;
  /** xml:lang in force on the content element, the most specific language hint. */
  lang?: string | undefined;
}

interface RawItem {
  id: string | null;
  url: string | null;
  title: string | null;
  contents: (Content | null)[];
  author: string | null;
  date: string | null;
  tags: string[];
  lang: string | null;
  base: string | null;
}

interface FeedContext {
  lang: string | null;
  chinaZones: boolean;
}

function finishItems(raw: RawItem[], ctx: FeedContext): FeedItem[] {
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const r of raw) {
    let text = '';
    let html: string | null = null;
    let lang = r.lang;
    /** Markup without text (an image only), kept in case no candidate has text. */
    let markupOnly: { html: string; lang: string | undefined } | null = null;
    for (const c of r.contents) {
      if (!c || !c.source.trim()) continue;
      let candidateHtml: string | null = null;
      let candidateText: string;
      if (c.isHtml && /<[a-zA-Z!/]/.test(c.source)) {
        // Text from the sanitized markup, so what was dropped (scripts, forms, SVG) is
        // dropped from both.
        candidateHtml = sanitizeHtml(c.source, r.base) || null;
        candidateText = candidateHtml ? htmlToText(candidateHtml) : '';
      } else {
        candidateText = c.isHtml ? htmlToText(c.source) : plainText(c.source);
      }
      if (candidateText) {
        text = candidateText;
        html = candidateHtml;
        lang = c.lang ?? lang;
        break;
      }
      if (candidateHtml && !markupOnly && /<img\b/i.test(candidateHtml)) markupOnly = { html: candidateHtml, lang: c.lang };
    }
    if (!text && markupOnly) {
      html = markupOnly.html;
      lang = markupOnly.lang ?? lang;
    }
    const publishedAt = parseFeedDate(r.date, { chinaZones: ctx.chinaZones });
    const title = r.title ? r.title.replace(/\s+/g, ' ').trim() || null : null;
    const hash = `sha1:${createHash('sha1').update(`${title ?? ''}\n${publishedAt ?? r.date ?? ''}\n${text}`).digest('hex')}`;
    // A repeated id falls back to the link (or, lacking one, the hash); id and link both
    // repeated is the same item listed twice.
    const id = r.id?.trim() || null;
    const candidates = id ? [id, r.url ?? hash] : [r.url ?? hash];
    const guid = candidates.find((g) => !seen.has(g));
    if (!guid) continue;
    seen.add(guid);
    items.push({
      guid,
      url: r.url,
      title,
      text,
      html,
      author: r.author?.replace(/\s+/g, ' ').trim() || null,
      publishedAt,
      tags: dedupeTags(r.tags),
      lang: normalizeLang(lang) ?? ctx.lang,
    });
  }
  return items;
}

function dedupeTags(tags: string[]): string[] {
  const out = new Map<string, string>();
  for (const t of tags) {
    const tag = plainText(t).replace(/\s+/g, ' ').trim();
    if (tag && !out.has(tag.toLowerCase())) out.set(tag.toLowerCase(), tag);
  }
  return [...out.values()];
}

/**
 * Text that is not HTML, but may still carry HTML entities ("&nbsp;", double-escaped
 * "&amp;#8217;"): read as HTML with '<' escaped and line breaks kept.
 */
function plainText(s: string): string {
  if (!s.includes('&') && !s.includes('<')) return htmlToText(s);
  return htmlToText(s.replace(/</g, '&lt;').replace(/\r?\n/g, '<br>'));
}

/** A title element: raw markup inside it (a malformed feed) is read as HTML. */
function titleOf(el: XmlElement | undefined): string | null {
  if (!el) return null;
  if (el.children.some(isElement)) return htmlToText(innerMarkup(el)).replace(/\s+/g, ' ').trim() || null;
  return titleText(textContent(el));
}

/** Titles are text by the specs, yet often hold tags or escaped entities. */
function titleText(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = /<\/?[a-zA-Z][^<>]*>/.test(s) ? htmlToText(s) : plainText(s);
  return t.replace(/\s+/g, ' ').trim() || null;
}

export function normalizeLang(raw: string | null | undefined): string | null {
  const s = raw?.split(/[,;]/)[0]?.trim().replace(/_/g, '-');
  if (!s) return null;
  try {
    return Intl.getCanonicalLocales(s)[0] ?? null;
  } catch {
    return null;
  }
}

const isChinese = (lang: string | null): boolean => !!lang && /^zh\b/i.test(lang);

/** "jane@example.com (Jane Doe)" → Jane Doe; "Jane Doe <jane@example.com>" → Jane Doe. */
function personName(raw: string | null | undefined): string | null {
  const s = raw?.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(s);
  if (paren) return paren[1]!.trim();
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(s);
  if (angle) return angle[1]!.replace(/^"|"$/g, '').trim();
  return s;
}

/** xml:base values from the root down to `el`, applied on top of `start`. */
function baseFor(el: XmlElement, start: string | null): string | null {
  const chain: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) if (e.attrs['xml:base']) chain.push(e.attrs['xml:base']);
  let base = start;
  for (const b of chain.reverse()) {
    try {
      base = new URL(b.trim(), base ?? undefined).href;
    } catch {
      // an unusable xml:base is ignored
    }
  }
  return base;
}

const text = (el: XmlElement | undefined): string | null => (el ? textContent(el) : null);

/** The HTML source an element holds: escaped or CDATA text, or raw (unescaped) markup. */
function htmlSource(el: XmlElement): string {
  return el.children.some(isElement) ? innerMarkup(el) : textContent(el);
}

// ---------------------------------------------------------------------------------------
// RSS 0.9x / 2.0

function parseRss(root: XmlElement, feedUrl: string | null): ParsedFeed {
  const version = root.attrs['version']?.trim() ?? '';
  const format: FeedFormat = /^0\.9/.test(version) ? 'rss09' : 'rss2';
  const channel = root.local === 'channel' ? root : (childNamed(root, 'channel') ?? root);
  const channelLink =
    resolveHttpUrl(text(childNamed(channel, 'link')), baseFor(channel, feedUrl)) ??
    atomAlternate(channel, baseFor(channel, feedUrl));
  const lang = normalizeLang(text(childNamed(channel, 'language')) ?? text(childNamed(channel, 'language', ['dc'])) ?? inheritedAttr(channel, 'xml:lang'));
  const ctx: FeedContext = { lang, chinaZones: isChinese(lang) };
  const start = channelLink ?? feedUrl;
  // Items belong in the channel; some feeds put them beside it.
  const items = [...childrenNamed(channel, 'item'), ...(channel === root ? [] : childrenNamed(root, 'item'))];
  return {
    format,
    title: titleOf(childNamed(channel, 'title')),
    link: channelLink,
    lang,
    items: finishItems(
      items.map((item) => rssItem(item, baseFor(item, start))),
      ctx,
    ),
  };
}

function rssItem(item: XmlElement, base: string | null): RawItem {
  const guidEl = childNamed(item, 'guid');
  const guid = text(guidEl)?.trim() || null;
  const linkEl = childNamed(item, 'link');
  // A guid is a permalink by default, but only an absolute URL is one we can use.
  const permalink = guidEl && guidEl.attrs['ispermalink']?.trim().toLowerCase() !== 'false' ? resolveHttpUrl(guid) : null;
  const url =
    resolveHttpUrl(text(childNamed(item, 'origlink', ['feedburner'])), base) ??
    resolveHttpUrl(text(linkEl) || linkEl?.attrs['href'], base) ??
    atomAlternate(item, base) ??
    permalink;
  return {
    id: guid,
    url,
    title: titleOf(childNamed(item, 'title') ?? childNamed(item, 'title', ['dc']) ?? childNamed(item, 'title', ['media'])),
    contents: [
      htmlContent(childNamed(item, 'encoded', ['content'])),
      atomText(childNamed(item, 'content', ATOM)),
      htmlContent(childNamed(item, 'content')),
      htmlContent(childNamed(item, 'description')),
      atomText(childNamed(item, 'summary', ATOM)),
      htmlContent(childNamed(item, 'description', ['dc'])),
      ...mediaDescriptions(item),
      plainContent(childNamed(item, 'summary', ['itunes'])),
    ],
    author:
      joinNames(childrenNamed(item, 'creator', ['dc']).map(textContent)) ??
      joinNames(childrenNamed(item, 'author', ['dc']).map(textContent)) ??
      personName(text(childNamed(item, 'author'))) ??
      personName(text(childNamed(item, 'author', ['itunes']))) ??
      atomAuthor(item) ??
      // Google News names the publisher in <source>; better than no author at all.
      personName(text(childNamed(item, 'source'))),
    date:
      text(childNamed(item, 'pubdate')) ??
      text(childNamed(item, 'date', ['dc'])) ??
      text(childNamed(item, 'published', ATOM)) ??
      dctermsDate(item) ??
      text(childNamed(item, 'updated', ATOM)) ??
      text(childNamed(item, 'modified', ['dcterms'])),
    tags: [
      ...childrenNamed(item, 'category').map(textContent),
      ...childrenNamed(item, 'subject', ['dc']).map(textContent),
      ...childrenNamed(item, 'category', ATOM).map((c) => c.attrs['term'] ?? c.attrs['label'] ?? ''),
    ],
    lang: inheritedAttr(item, 'xml:lang') ?? text(childNamed(item, 'language', ['dc'])),
    base,
  };
}

/** When an item was published by Dublin Core terms, the first-publication dates first. */
function dctermsDate(el: XmlElement): string | null {
  for (const name of ['issued', 'created', 'date', 'available']) {
    const v = text(childNamed(el, name, ['dcterms']))?.trim();
    if (v) return v;
  }
  return null;
}

const htmlContent = (el: XmlElement | undefined): Content | null =>
  el ? { source: htmlSource(el), isHtml: true, lang: inheritedAttr(el, 'xml:lang') } : null;
const plainContent = (el: XmlElement | undefined): Content | null =>
  el ? { source: textContent(el), isHtml: false, lang: inheritedAttr(el, 'xml:lang') } : null;

/** media:description, directly on the item or inside media:group (YouTube). */
function mediaDescriptions(el: XmlElement): (Content | null)[] {
  const groups = [el, ...childrenNamed(el, 'group', ['media'])];
  return groups.flatMap((g) =>
    childrenNamed(g, 'description', ['media']).map((d) => ({
      source: d.attrs['type']?.toLowerCase() === 'html' ? htmlSource(d) : textContent(d),
      isHtml: d.attrs['type']?.toLowerCase() === 'html',
    })),
  );
}

function joinNames(names: string[]): string | null {
  const clean = names.map((n) => personName(plainText(n))).filter((n): n is string => !!n);
  return clean.length ? [...new Set(clean)].join(', ') : null;
}

// ---------------------------------------------------------------------------------------
// RSS 1.0 / 0.90 (RDF)

function parseRdf(root: XmlElement, feedUrl: string | null): ParsedFeed {
  const ns = childNamed(root, 'channel', ['rss090']) ? ['rss090'] : ['rss1', ''];
  const format: FeedFormat = ns[0] === 'rss090' ? 'rss09' : 'rss1';
  const channel = childNamed(root, 'channel', ns);
  const channelLink = channel ? resolveHttpUrl(text(childNamed(channel, 'link', ns)), baseFor(channel, feedUrl)) : null;
  const lang = normalizeLang(
    (channel && text(childNamed(channel, 'language', ['dc']))) ?? inheritedAttr(channel ?? root, 'xml:lang'),
  );
  const ctx: FeedContext = { lang, chinaZones: isChinese(lang) };
  const start = channelLink ?? feedUrl;
  const items = [...childrenNamed(root, 'item', ns), ...(channel ? childrenNamed(channel, 'item', ns) : [])];
  return {
    format,
    title: channel ? titleOf(childNamed(channel, 'title', ns)) : null,
    link: channelLink,
    lang,
    items: finishItems(
      items.map((item) => {
        const base = baseFor(item, start);
        const url = resolveHttpUrl(text(childNamed(item, 'link', ns)), base);
        const about = item.attrs['rdf:about']?.trim() || null;
        return {
          id: about,
          url: url ?? resolveHttpUrl(about, base),
          title: titleOf(childNamed(item, 'title', ns) ?? childNamed(item, 'title', ['dc'])),
          contents: [
            htmlContent(childNamed(item, 'encoded', ['content'])),
            htmlContent(childNamed(item, 'description', ns)),
            htmlContent(childNamed(item, 'description', ['dc'])),
          ],
          author:
            joinNames(childrenNamed(item, 'creator', ['dc']).map(textContent)) ??
            joinNames(childrenNamed(item, 'author', ['dc']).map(textContent)),
          date: text(childNamed(item, 'date', ['dc'])) ?? dctermsDate(item) ?? text(childNamed(item, 'modified', ['dcterms'])),
          tags: childrenNamed(item, 'subject', ['dc']).map(textContent),
          lang: inheritedAttr(item, 'xml:lang') ?? text(childNamed(item, 'language', ['dc'])),
          base,
        };
      }),
      ctx,
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Atom 1.0 / 0.3

function parseAtom(root: XmlElement, feedUrl: string | null): ParsedFeed {
  const is03 = root.ns === 'atom03' || root.attrs['version']?.trim() === '0.3';
  const ns = is03 ? ['atom03', ''] : ATOM_ANY;
  const rootBase = baseFor(root, feedUrl);
  const feedLink = atomAlternate(root, rootBase, ns);
  const lang = normalizeLang(inheritedAttr(root, 'xml:lang') ?? text(childNamed(root, 'language', ['dc'])));
  const ctx: FeedContext = { lang, chinaZones: isChinese(lang) };
  const feedAuthor = atomAuthor(root, ns);
  const start = feedUrl ?? feedLink;
  return {
    format: is03 ? 'atom03' : 'atom1',
    title: atomTitle(childNamed(root, 'title', ns)),
    link: feedLink,
    lang,
    items: finishItems(
      childrenNamed(root, 'entry', ns).map((entry) => {
        const base = baseFor(entry, start);
        const id = text(childNamed(entry, 'id', ns))?.trim() || null;
        const source = childNamed(entry, 'source', ns);
        return {
          id,
          url: atomAlternate(entry, base, ns) ?? resolveHttpUrl(id, null),
          title: atomTitle(childNamed(entry, 'title', ns)) ?? titleOf(childNamed(entry, 'title', ['dc'])) ?? titleOf(childNamed(entry, 'title', ['media'])),
          contents: [...atomContents(entry, ns), htmlContent(childNamed(entry, 'description', ['dc'])), ...mediaDescriptions(entry)],
          author:
            atomAuthor(entry, ns) ??
            joinNames(childrenNamed(entry, 'creator', ['dc']).map(textContent)) ??
            (source ? atomAuthor(source, ns) : null) ??
            feedAuthor,
          date: is03
            ? (text(childNamed(entry, 'issued', ns)) ?? text(childNamed(entry, 'created', ns)) ?? text(childNamed(entry, 'modified', ns)))
            : (text(childNamed(entry, 'published', ns)) ??
              text(childNamed(entry, 'updated', ns)) ??
              text(childNamed(entry, 'date', ['dc'])) ??
              dctermsDate(entry)),
          tags: [
            ...childrenNamed(entry, 'category', ns).map((c) => c.attrs['term'] ?? c.attrs['label'] ?? textContent(c)),
            ...childrenNamed(entry, 'subject', ['dc']).map(textContent),
          ],
          lang: inheritedAttr(entry, 'xml:lang') ?? null,
          base,
        };
      }),
      ctx,
    ),
  };
}

/** The rel="alternate" link of an Atom element (HTML preferred), or in RSS its atom:link. */
function atomAlternate(el: XmlElement, base: string | null, ns: readonly string[] = ATOM): string | null {
  const links = childrenNamed(el, 'link', ns).filter((l) => (l.attrs['rel']?.trim().toLowerCase() ?? 'alternate') === 'alternate');
  const best = links.find((l) => /html/i.test(l.attrs['type'] ?? 'text/html')) ?? links[0];
  return best ? resolveHttpUrl(best.attrs['href'], baseFor(best, base)) : null;
}

function atomAuthor(el: XmlElement, ns: readonly string[] = ATOM): string | null {
  const names = childrenNamed(el, 'author', ns).map((a) => text(childNamed(a, 'name', ns)) ?? '');
  return joinNames(names);
}

function atomTitle(el: XmlElement | undefined): string | null {
  const c = atomText(el);
  if (!c) return null;
  return c.isHtml ? htmlToText(c.source).replace(/\s+/g, ' ').trim() || null : titleText(c.source);
}

/** Atom content and summary (and, in RSS, atom:content/atom:summary), full content first. */
function atomContents(el: XmlElement, ns: readonly string[]): (Content | null)[] {
  return [atomText(childNamed(el, 'content', ns)), atomText(childNamed(el, 'summary', ns))];
}

/**
 * An Atom text construct or content: type text / html / xhtml (1.0) or a MIME type and mode
 * (0.3). By RFC 4287 4.1.3.3 a text/* type is text, an XML type is inline markup, and any
 * other type is base64; base64 (and 0.3's mode="base64") is kept when it decodes to text.
 */
function atomText(el: XmlElement | undefined): Content | null {
  if (!el || el.attrs['src']) return null; // out-of-line content is not fetched
  const lang = inheritedAttr(el, 'xml:lang');
  const type = (el.attrs['type'] ?? 'text').trim().toLowerCase().split(';')[0]!.trim();
  const mode = el.attrs['mode']?.trim().toLowerCase();
  const xml = type === 'xhtml' || /[/+]xml$/.test(type);
  if (mode === 'xml' || (xml && mode !== 'base64' && mode !== 'escaped')) {
    // The markup is inline; xhtml wraps it in a div that is not part of the content.
    const div = el.children.find((c): c is XmlElement => isElement(c) && c.local === 'div' && (c.ns === 'xhtml' || c.ns === ''));
    const holder = div && el.children.every((c) => c === div || (typeof c === 'string' && !c.trim())) ? div : el;
    return { source: innerMarkup(holder), isHtml: type === 'xhtml' || type.includes('html'), lang };
  }
  const textual = type === 'text' || type === 'html' || type.startsWith('text/') || xml;
  let source = htmlSource(el);
  if (mode === 'base64' || !textual) {
    const decoded = base64Text(source);
    if (decoded === null) return null; // an image or other binary: not text
    source = decoded;
  }
  if (type === 'html' || type === 'text/html' || type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'escaped') {
    return { source, isHtml: true, lang };
  }
  // Text that holds elements was markup after all (a common Atom mistake).
  return { source, isHtml: el.children.some(isElement), lang };
}

/** Base64 that decodes to UTF-8 text (no control characters but whitespace), else null. */
function base64Text(source: string): string | null {
  const compact = source.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return null;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// JSON Feed 1.0 / 1.1

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function parseJsonFeed(body: string, feedUrl: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new FeedError('malformed', `invalid JSON: ${(e as Error).message}`);
  }
  const version = isObject(data) ? str(data['version']) : null;
  if (!isObject(data) || !version || !/^https?:\/\/jsonfeed\.org\/version\//.test(version)) {
    throw new FeedError('not-a-feed', 'got JSON that is not a JSON Feed (no jsonfeed.org version)');
  }
  const home = resolveHttpUrl(str(data['home_page_url']), feedUrl);
  const start = home ?? feedUrl ?? resolveHttpUrl(str(data['feed_url']));
  const lang = normalizeLang(str(data['language']));
  const ctx: FeedContext = { lang, chinaZones: isChinese(lang) };
  const feedAuthor = jsonAuthors(data);
  const items = Array.isArray(data['items']) ? data['items'].filter(isObject) : [];
  return {
    format: 'jsonfeed',
    title: titleText(str(data['title'])),
    link: home,
    lang,
    items: finishItems(
      items.map((it) => {
        const html = str(it['content_html']);
        const plain = str(it['content_text']);
        const summary = str(it['summary']);
        return {
          id: str(it['id']),
          url: resolveHttpUrl(str(it['url']), start) ?? resolveHttpUrl(str(it['external_url']), start),
          title: titleText(str(it['title'])),
          contents: [
            html !== null ? { source: html, isHtml: true } : null,
            plain !== null ? { source: plain, isHtml: false } : null,
            summary !== null ? { source: summary, isHtml: false } : null,
          ],
          author: jsonAuthors(it) ?? feedAuthor,
          // Numbers are read as unix timestamps (not in the spec, but seen).
          date: str(it['date_published']) ?? str(it['date_modified']),
          tags: Array.isArray(it['tags']) ? it['tags'].map(str).filter((t): t is string => t !== null) : [],
          lang: str(it['language']),
          base: start,
        };
      }),
      ctx,
    ),
  };
}

/** JSON Feed 1.1 `authors`, 1.0 `author`. */
function jsonAuthors(o: Json): string | null {
  const list = Array.isArray(o['authors']) ? o['authors'] : isObject(o['author']) ? [o['author']] : [];
  return joinNames(list.filter(isObject).map((a) => str(a['name']) ?? ''));
}
