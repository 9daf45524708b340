// Text normalization, run on every mention: HTML → plain text for storage and display, and
// the folded form used only for matching (topics, hashtags, trending terms).
//
// Folding is a canonicalization, not a translation: the same function is applied to the
// query and to the document, so it only has to be consistent, not linguistically right.
// That is why Traditional → Simplified uses a per-character table instead of opencc-js's
// phrase-aware converter: the table is derived once from opencc-js ('tw' → 'cn') by
// converting every CJK ideograph on its own, which makes folding a table lookup per char
// (deterministic, idempotent, no phrase context that would fold the same word two ways
// depending on its neighbours); the table is made at build time (t2s-table.ts). The cost is
// that one-to-many characters always take the same side (乾 → 干, 著 → 着) — harmless for
// matching since both sides agree.

import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { resourcePath } from '../paths';
import { unpackT2S, type T2STable } from './t2s-table';

// ---------------------------------------------------------------------------------------
// HTML → text

/** Elements whose boundaries are line breaks in the plain text. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul',
]);
/** Table cells sit on one line, separated by a space. */
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content is never text for a reader. */
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object']);
/** Weibo and forums render emoticons as <img alt="[哈哈]">; the alt carries the sentiment. */
const EMOTICON_ALT = /^(?:\[[^\]]{1,12}\]|[\p{Extended_Pictographic}\u200d\ufe0f]{1,8})$/u;

let parts: string[] = [];
let skipDepth = 0;

const parser = new Parser(
  {
    onopentag(name, attribs) {
      if (SKIP_TAGS.has(name)) skipDepth++;
      else if (skipDepth > 0) return;
      else if (BLOCK_TAGS.has(name)) parts.push('\n');
      else if (CELL_TAGS.has(name)) parts.push(' ');
      else if (name === 'img') {
        const alt = attribs.alt?.trim();
        if (alt && EMOTICON_ALT.test(alt)) parts.push(alt);
      }
    },
    onclosetag(name) {
      if (SKIP_TAGS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
      else if (skipDepth === 0 && BLOCK_TAGS.has(name)) parts.push('\n');
    },
    ontext(data) {
      // Whitespace inside HTML text (source newlines included) is one space, as a browser shows it.
      if (skipDepth === 0) parts.push(data.replace(/\s+/g, ' '));
    },
  },
  { decodeEntities: true },
);

/** Lines trimmed, runs of spaces collapsed, no empty lines, no leading/trailing space. */
function tidyLines(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}

/**
 * Plain text of an HTML fragment: tags stripped, script/style dropped, block elements as
 * line breaks, every entity decoded (named and numeric), whitespace collapsed, trimmed.
 * Text without markup keeps its own line breaks.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return tidyLines(html.replace(/\r\n?/g, '\n'));
  parts = [];
  skipDepth = 0;
  parser.parseComplete(html);
  const text = parts.join('');
  parts = [];
  return tidyLines(text);
}

// ---------------------------------------------------------------------------------------
// Folding for matching

/** T → S table indexed by UTF-16 code unit; 0 means "unchanged". Loaded on first use. */
let t2s: T2STable | null = null;

function loadT2S(): T2STable {
  const file = resourcePath('lexicons', 't2s.json');
  return unpackT2S((JSON.parse(readFileSync(file, 'utf8')) as { pairs: string }).pairs);
}

/**
 * Traditional → Simplified by the per-character table, nothing else. Keeps every offset, so
 * a slice of the result lines up with the same slice of the input (terms.ts relies on it).
 */
export function toSimplified(s: string): string {
  const table = (t2s ??= loadT2S());
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const to = table[s.charCodeAt(i)]!;
    if (to !== 0) {
      out += s.slice(last, i) + String.fromCharCode(to);
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

const NON_ASCII = /[^\x00-\x7f]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /\s+/g;

/**
 * The form used for matching only (never shown): NFKC (full-width → half-width,
 * compatibility forms), lower case, Traditional → Simplified, invisible characters removed,
 * whitespace collapsed to single spaces, trimmed.
 */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(SPACES, ' ').trim();
  return foldRest(text.normalize('NFKC').toLowerCase());
}

let foldBuf = new Uint16Array(1024);
const utf16 = new TextDecoder('utf-16le');

/**
 * The rest of foldText after NFKC and lower case, in one pass instead of four (two regex
 * replaces, the table, trim): invisible characters dropped, T → S, each run of whitespace
 * (what /\s/ matches) one space, none at either end. The table maps Han characters to Han
 * characters only, so it can go first or last.
 */
function foldRest(s: string): string {
  const table = (t2s ??= loadT2S());
  const n = s.length;
  if (foldBuf.length < n) foldBuf = new Uint16Array(n * 2);
  const buf = foldBuf;
  let m = 0;
  let space = false;
  let surrogate = false;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        space = m > 0;
        continue;
      }
    } else if (isInvisible(c)) continue;
    else if (isSpace(c)) {
      space = m > 0;
      continue;
    } else {
      const to = table[c]!;
      if (to !== 0) c = to;
      else if (c >= 0xd800 && c <= 0xdfff) surrogate = true;
    }
    if (space) {
      buf[m++] = 0x20;
      space = false;
    }
    buf[m++] = c;
  }
  // The decoder would turn a lone surrogate into U+FFFD, which the regex path kept as it was.
  if (!surrogate) return utf16.decode(buf.subarray(0, m));
  let out = '';
  for (let a = 0; a < m; a += 4096) out += String.fromCharCode.apply(null, buf.subarray(a, Math.min(m, a + 4096)) as unknown as number[]);
  return out;
}

/** What INVISIBLE matches: the characters folding drops. */
export function isInvisible(c: number): boolean {
  return c === 0x00ad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** What /\s/ matches above ASCII: Unicode spaces (Zs), line and paragraph separators (and U+FEFF, dropped earlier). */
function isSpace(c: number): boolean {
  return (
    c === 0x00a0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The T→S table folding uses, loaded on first use (prefilter.ts inverts it). */
export function loadT2STable(): T2STable {
  return (t2s ??= loadT2S());
}

/** Build the T→S table now instead of on the first non-ASCII mention. */
export function warmUpFolding(): void {
  loadT2STable();
}

// ---------------------------------------------------------------------------------------
// Hashtags and @mentions

// Weibo topic: #话题# — holds at least one CJK character (else "#tsmc, c#" would pair up), no
// newline, no space at its ends; inner spaces only when the closing '#' ends a word (so
// "#a 我在#话题#" is #a then #话题#). Simple tag: #word, letters/digits/
// underscore of any script, ending at space or punctuation. A '#' glued to a Latin letter or
// digit (C#, issue#12) starts no tag; glued to CJK it does (我在#话题#里).
const HASHTAG = /(?<![a-z0-9_&])#(?:([^#\s](?:[^#\n]{0,48}[^#\s])?)#|([\p{L}\p{M}\p{N}_]+))/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const ALL_DIGITS = /^\d+$/;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** Hashtags of a text, folded, without '#', deduplicated, in order of appearance. */
export function extractHashtags(text: string): string[] {
  if (!text.includes('#') && !text.includes('＃')) return [];
  return hashtagsOfFolded(foldText(text));
}

/** extractHashtags for a text the caller has folded already (foldText), for one with '#' or '＃'. */
export function hashtagsOfFolded(folded: string): string[] {
  const tags = new Set<string>();
  HASHTAG.lastIndex = 0;
  for (let m = HASHTAG.exec(folded); m; m = HASHTAG.exec(folded)) {
    let tag = m[2];
    if (m[1] !== undefined) {
      const end = m.index + m[0].length;
      if (CJK.test(m[1]) && (!/\s/.test(m[1]) || !WORD_CHAR.test(folded.charAt(end)))) tag = m[1];
      else {
        // Not a Weibo topic: take the simple tag at the same '#' and rescan after it.
        tag = /^[\p{L}\p{M}\p{N}_]+/u.exec(m[1])?.[0];
        HASHTAG.lastIndex = m.index + 1 + (tag?.length ?? 0);
      }
    }
    if (tag && !ALL_DIGITS.test(tag)) tags.add(tag);
  }
  return [...tags];
}

// @handle, optionally @user@instance (Mastodon). Not after a word character, so e-mail
// addresses are not mentions; after CJK they are (转发//@用户). Weibo names may be CJK and hold '-' and '_'.
const MENTION = /(?<![a-z0-9_.])@([\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.-]*(?:@[a-z0-9][a-z0-9.-]*[a-z0-9])?)/gu;

/** @handles of a text, folded, without '@', deduplicated, in order of appearance. */
export function extractMentions(text: string): string[] {
  if (!text.includes('@') && !text.includes('＠')) return [];
  const folded = foldText(text);
  const handles = new Set<string>();
  for (const m of folded.matchAll(MENTION)) handles.add(m[1]!.replace(/[.-]+$/, ''));
  return [...handles];
}
