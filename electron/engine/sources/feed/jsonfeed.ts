// JSON Feed 1.0 and 1.1.
import { finishItems, isChinese, normalizeLang, titleText, type FeedContext } from './items';
import { FeedError, type ParsedFeed } from './model';
import { joinNames } from './rss-atom';
import { resolveHttpUrl } from './url';

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export function parseJsonFeed(body: string, feedUrl: string | null): ParsedFeed {
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
export function jsonAuthors(o: Json): string | null {
  const list = Array.isArray(o['authors']) ? o['authors'] : isObject(o['author']) ? [o['author']] : [];
  return joinNames(list.filter(isObject).map((a) => str(a['name']) ?? ''));
}
