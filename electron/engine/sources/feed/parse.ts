// Feed bytes → items. One pure function (here; the formats in rss-atom.ts and jsonfeed.ts,
// what they share in items.ts) for every syndication format a station meets:
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

import { CharsetError, decodeFeedBytes } from './charset';
import { parseJsonFeed } from './jsonfeed';
import { FeedError, type ParsedFeed } from './model';
import { parseAtom, parseRdf, parseRss } from './rss-atom';
import { detectChallenge } from './sniff';
import { resolveHttpUrl } from './url';
import { parseXml } from './xml';

export { FeedError, type FeedErrorCode, type FeedFormat, type FeedItem, type ParsedFeed } from './model';
export { normalizeLang } from './items';

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
