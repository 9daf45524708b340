// The XML feed formats: RSS 0.9x/2.0 and RSS 1.0 (RDF), with content:encoded, Dublin Core,
// Media RSS and iTunes; Atom 0.3 and 1.0, with content by RFC 4287 (text, html, xhtml,
// base64), authors, links and xml:base. They share readers (Atom links inside RSS, Dublin
// Core dates and names in both).
import { htmlToText } from '../../analysis/normalize';
import {
  ATOM,
  ATOM_ANY,
  baseFor,
  finishItems,
  htmlSource,
  isChinese,
  normalizeLang,
  personName,
  plainText,
  text,
  titleOf,
  titleText,
  type Content,
  type FeedContext,
  type RawItem,
} from './items';
import type { FeedFormat, ParsedFeed } from './model';
import { resolveHttpUrl } from './url';
import { childNamed, childrenNamed, inheritedAttr, innerMarkup, isElement, textContent, type XmlElement } from './xml';

export function parseRss(root: XmlElement, feedUrl: string | null): ParsedFeed {
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

export function rssItem(item: XmlElement, base: string | null): RawItem {
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
export function dctermsDate(el: XmlElement): string | null {
  for (const name of ['issued', 'created', 'date', 'available']) {
    const v = text(childNamed(el, name, ['dcterms']))?.trim();
    if (v) return v;
  }
  return null;
}

export const htmlContent = (el: XmlElement | undefined): Content | null =>
  el ? { source: htmlSource(el), isHtml: true, lang: inheritedAttr(el, 'xml:lang') } : null;
export const plainContent = (el: XmlElement | undefined): Content | null =>
  el ? { source: textContent(el), isHtml: false, lang: inheritedAttr(el, 'xml:lang') } : null;

/** media:description, directly on the item or inside media:group (YouTube). */
export function mediaDescriptions(el: XmlElement): (Content | null)[] {
  const groups = [el, ...childrenNamed(el, 'group', ['media'])];
  return groups.flatMap((g) =>
    childrenNamed(g, 'description', ['media']).map((d) => ({
      source: d.attrs['type']?.toLowerCase() === 'html' ? htmlSource(d) : textContent(d),
      isHtml: d.attrs['type']?.toLowerCase() === 'html',
    })),
  );
}

export function joinNames(names: string[]): string | null {
  const clean = names.map((n) => personName(plainText(n))).filter((n): n is string => !!n);
  return clean.length ? [...new Set(clean)].join(', ') : null;
}

// ---------------------------------------------------------------------------------------
// RSS 1.0 / 0.90 (RDF)

export function parseRdf(root: XmlElement, feedUrl: string | null): ParsedFeed {
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

export function parseAtom(root: XmlElement, feedUrl: string | null): ParsedFeed {
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
export function atomAlternate(el: XmlElement, base: string | null, ns: readonly string[] = ATOM): string | null {
  const links = childrenNamed(el, 'link', ns).filter((l) => (l.attrs['rel']?.trim().toLowerCase() ?? 'alternate') === 'alternate');
  const best = links.find((l) => /html/i.test(l.attrs['type'] ?? 'text/html')) ?? links[0];
  return best ? resolveHttpUrl(best.attrs['href'], baseFor(best, base)) : null;
}

export function atomAuthor(el: XmlElement, ns: readonly string[] = ATOM): string | null {
  const names = childrenNamed(el, 'author', ns).map((a) => text(childNamed(a, 'name', ns)) ?? '');
  return joinNames(names);
}

export function atomTitle(el: XmlElement | undefined): string | null {
  const c = atomText(el);
  if (!c) return null;
  return c.isHtml ? htmlToText(c.source).replace(/\s+/g, ' ').trim() || null : titleText(c.source);
}

/** Atom content and summary (and, in RSS, atom:content/atom:summary), full content first. */
export function atomContents(el: XmlElement, ns: readonly string[]): (Content | null)[] {
  return [atomText(childNamed(el, 'content', ns)), atomText(childNamed(el, 'summary', ns))];
}

/**
 * An Atom text construct or content: type text / html / xhtml (1.0) or a MIME type and mode
 * (0.3). By RFC 4287 4.1.3.3 a text/* type is text, an XML type is inline markup, and any
 * other type is base64; base64 (and 0.3's mode="base64") is kept when it decodes to text.
 */
export function atomText(el: XmlElement | undefined): Content | null {
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
export function base64Text(source: string): string | null {
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
