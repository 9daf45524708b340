// A lenient XML reader for feeds: bytes already decoded to text in, a small element tree
// out. Lenient the way feed readers have to be — unescaped '&', stray '<', bad nesting,
// garbage after the root, control characters — because real feeds have all of them.
//
// Safe by construction: the DOCTYPE (and its internal subset) is cut out before parsing and
// no entity is ever expanded from it. Only the five XML entities and numeric character
// references are decoded; any other named reference ("&nbsp;", "&lol9;") stays as written,
// so HTML named entities are decoded later, by the HTML layer, and declared entities never.
//
// Namespaces are resolved to canonical short names by URI ("content", "dc", "media", "atom",
// ...), so a feed that binds Dublin Core to "dcx:" still reads as dc; an undeclared prefix
// (common: dc: or media: used without xmlns) falls back to the prefix as written.

import { Parser } from 'htmlparser2';

export interface XmlElement {
  /** Canonical namespace short name ('' for none / RSS 2.0's default). */
  ns: string;
  /** Local name, lower-cased (feed vocabularies are matched case-insensitively). */
  local: string;
  /** Qualified name as written in the document. */
  qname: string;
  /** Attribute values decoded; names lower-cased as written ("xml:base", "rdf:about"). */
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
}
export type XmlNode = XmlElement | string;

export interface XmlDocument {
  /** The first element of the document, or null when there is none. */
  root: XmlElement | null;
  /** The DOCTYPE declaration's name ("html", "rss"), lower-cased, if any. */
  doctype: string | null;
}

const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom03',
  'http://purl.org/rss/1.0/': 'rss1',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss090',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.youtube.com/xml/schemas/2015': 'yt',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

// Characters XML 1.0 forbids; some feeds carry them anyway (pasted from Word, binary junk).
const FORBIDDEN_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

export function parseXml(input: string): XmlDocument {
  const { text, doctype } = cutDoctype(input.replace(FORBIDDEN_CHARS, ''));
  let root: XmlElement | null = null;
  const stack: { el: XmlElement; scope: Map<string, string> }[] = [];
  let inCdata = false;
  let rootClosed = false;

  const parser = new Parser(
    {
      onopentag(name, rawAttrs) {
        if (rootClosed) return; // garbage after the root element
        const parentScope = stack.at(-1)?.scope;
        let scope = parentScope ?? new Map<string, string>();
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(rawAttrs)) {
          const key = k.toLowerCase();
          const value = decodeXmlEntities(v);
          attrs[key] = value;
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (scope === parentScope) scope = new Map(parentScope);
            scope.set(key === 'xmlns' ? '' : key.slice(6), value.trim());
          }
        }
        const colon = name.indexOf(':');
        const prefix = colon > 0 ? name.slice(0, colon) : '';
        const uri = scope.get(prefix.toLowerCase()) ?? scope.get(prefix);
        const known = uri !== undefined ? NAMESPACES[uri] : undefined;
        const el: XmlElement = {
          ns: known ?? prefix.toLowerCase(),
          local: name.slice(colon + 1).toLowerCase(),
          qname: name,
          attrs,
          children: [],
          parent: stack.at(-1)?.el ?? null,
        };
        if (el.parent) el.parent.children.push(el);
        else root ??= el;
        stack.push({ el, scope });
      },
      onclosetag() {
        if (rootClosed) return;
        stack.pop();
        if (stack.length === 0) rootClosed = true;
      },
      ontext(data) {
        const top = stack.at(-1)?.el;
        if (!top) return; // text outside the root (leftover DOCTYPE bits, junk)
        const value = inCdata ? data : decodeXmlEntities(data);
        const last = top.children.at(-1);
        if (typeof last === 'string') top.children[top.children.length - 1] = last + value;
        else top.children.push(value);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.parseComplete(text);
  return { root, doctype };
}

/**
 * Remove the DOCTYPE declaration, internal subset included, without interpreting it.
 * Returns the declared root name so an HTML page can be recognised.
 */
function cutDoctype(text: string): { text: string; doctype: string | null } {
  const start = text.search(/<!doctype/i);
  if (start < 0) return { text, doctype: null };
  // A DOCTYPE only counts before the first element; later ones are junk we leave alone.
  const firstTag = text.search(/<[A-Za-z]/);
  if (firstTag >= 0 && firstTag < start) return { text, doctype: null };
  const name = /^<!doctype\s+([^\s>[]+)/i.exec(text.slice(start))?.[1]?.toLowerCase() ?? null;
  let i = start + 9;
  let quote = '';
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) break;
  }
  return { text: text.slice(0, start) + text.slice(i + 1), doctype: name };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five XML entities and numeric references; every other "&name;" is left as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{0,31});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return XML_ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

// ---------------------------------------------------------------------------------------
// Reading the tree

export const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

/** Child elements with this local name, in any of the namespaces given (default: none). */
export function childrenNamed(el: XmlElement, local: string, ns: readonly string[] = ['']): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.local === local && ns.includes(c.ns));
}

export function childNamed(el: XmlElement, local: string, ns: readonly string[] = ['']): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => isElement(c) && c.local === local && ns.includes(c.ns));
}

/** All text inside the element, markup dropped. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textContent(c);
  return out;
}

/**
 * The element's content written back as markup: for Atom xhtml content and for feeds that
 * put raw (unescaped) HTML inside <description>. Text is re-escaped, so the result is HTML.
 */
export function innerMarkup(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += escapeText(c);
    else {
      const name = c.qname.includes(':') && c.ns === 'xhtml' ? c.local : c.qname;
      let attrs = '';
      for (const [k, v] of Object.entries(c.attrs)) if (!k.startsWith('xmlns')) attrs += ` ${k}="${escapeAttr(v)}"`;
      out += VOID_ELEMENTS.has(c.local) ? `<${name}${attrs}>` : `<${name}${attrs}>${innerMarkup(c)}</${name}>`;
    }
  }
  return out;
}

const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/** An attribute looked up on the element and then its ancestors (xml:lang, xml:base). */
export function inheritedAttr(el: XmlElement | null, name: string): string | undefined {
  for (let e = el; e; e = e.parent) if (e.attrs[name] !== undefined) return e.attrs[name];
  return undefined;
}
