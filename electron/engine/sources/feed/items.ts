// What every feed format shares once its items are read: turning raw items into FeedItems
// (text, sanitized html, dates, guids, tags), and the small readers of titles, names, links.
import { createHash } from 'node:crypto';
import { htmlToText } from '../../analysis/normalize';
import { parseFeedDate } from './dates';
import type { FeedItem } from './model';
import { sanitizeHtml } from './sanitize';
import { innerMarkup, isElement, textContent, type XmlElement } from './xml';

export const ATOM = ['atom'];
export const ATOM_ANY = ['atom', 'atom03', ''];

export interface Content {
  source: string;
  isHtml: boolean;
  /** xml:lang in force on the content element, the most specific language hint. */
  lang?: string | undefined;
}

export interface RawItem {
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

export interface FeedContext {
  lang: string | null;
  chinaZones: boolean;
}

export function finishItems(raw: RawItem[], ctx: FeedContext): FeedItem[] {
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

export function dedupeTags(tags: string[]): string[] {
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
export function plainText(s: string): string {
  if (!s.includes('&') && !s.includes('<')) return htmlToText(s);
  return htmlToText(s.replace(/</g, '&lt;').replace(/\r?\n/g, '<br>'));
}

/** A title element: raw markup inside it (a malformed feed) is read as HTML. */
export function titleOf(el: XmlElement | undefined): string | null {
  if (!el) return null;
  if (el.children.some(isElement)) return htmlToText(innerMarkup(el)).replace(/\s+/g, ' ').trim() || null;
  return titleText(textContent(el));
}

/** Titles are text by the specs, yet often hold tags or escaped entities. */
export function titleText(s: string | null | undefined): string | null {
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

export const isChinese = (lang: string | null): boolean => !!lang && /^zh\b/i.test(lang);

/** "jane@example.com (Jane Doe)" → Jane Doe; "Jane Doe <jane@example.com>" → Jane Doe. */
export function personName(raw: string | null | undefined): string | null {
  const s = raw?.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(s);
  if (paren) return paren[1]!.trim();
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(s);
  if (angle) return angle[1]!.replace(/^"|"$/g, '').trim();
  return s;
}

/** xml:base values from the root down to `el`, applied on top of `start`. */
export function baseFor(el: XmlElement, start: string | null): string | null {
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

export const text = (el: XmlElement | undefined): string | null => (el ? textContent(el) : null);

/** The HTML source an element holds: escaped or CDATA text, or raw (unescaped) markup. */
export function htmlSource(el: XmlElement): string {
  return el.children.some(isElement) ? innerMarkup(el) : textContent(el);
}
