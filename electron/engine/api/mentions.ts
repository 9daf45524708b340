// mentions.*: reading stored mentions (newest, searched, one in detail), correcting and
// tagging them by hand, and exporting search results as CSV / XLSX.
import type { Mention } from '../../../shared/types';
import { exportHeader, MENTION_COLUMNS } from '../../../shared/export-columns';
import { toCsvPaced, toXlsxPaced, type Cell } from '../export/table';
import { sanitizeHtml } from '../sources/feed/sanitize';
import type { Station } from '../station';
import { ApiError } from '../../../shared/errors';
import { handlers, notFound } from './types';
import { countInTurns, eachInTurns, firstMatches, invalidateSearches, pacer, pageInTurns, resolveQuery } from './mention-query';

/** Corrections and tags change the station file only: an archived mention is read-only. */
function refuseArchived(station: Station, id: number): void {
  const month = station.store.mentions.archivedMonth(id);
  if (month) {
    throw new ApiError('archived', { id, month }, `mention ${id} is in the read-only archive of ${month}; it cannot be corrected or tagged`);
  }
}

function mention(station: Station, id: number): Mention {
  const m = station.store.mentions.byIds([id])[0];
  if (!m) throw notFound('mention', id);
  return m;
}

export const mentionHandlers = handlers({
  'mentions.recent': (p, { station }) =>
    station.store.mentions.find({ topicId: p.topicId, before: p.before }, p.limit, 0, { total: false }).items,
  'mentions.search': async (p, { station }) => {
    const { limit, offset, count, scanAll, ...filter } = p;
    const q = filter.q?.trim();
    if (!count && q) {
      // The page first: read in the list's order until it is full, count nothing more.
      const { q: _q, ...rest } = filter;
      const first = await firstMatches(station.store, q, rest, offset + limit);
      if (first) {
        const page = first.ids.slice(offset, offset + limit);
        const byId = new Map(station.store.mentions.byIds(page).map((m) => [m.id, m]));
        const items = page.map((id) => byId.get(id)!);
        return first.exhausted ? { total: first.ids.length, items } : { total: first.ids.length, items, counting: true as const };
      }
    }
    if (!count && !q) {
      // Filters alone: the page is a seek in the list's order; counting every match (seconds
      // for a big topic at ten million mentions) waits for the second call. (An empty page
      // past the first says nothing of the total: that one is counted.)
      const { items } = station.store.mentions.find(filter, limit, offset, { total: false });
      const total = offset + items.length;
      if (items.length === limit) return { total, items, counting: true as const };
      if (items.length > 0 || offset === 0) return { total, items };
    }
    const resolved = await resolveQuery(station.store, { ...filter, scanAll });
    const items = await pageInTurns(station.store, resolved.filter, limit, offset);
    const found = { items, total: await countInTurns(station.store, resolved.filter) };
    // Capped: the total counts the newest mentions searched, and says how many that was.
    return resolved.capped ? { ...found, capped: resolved.capped } : found;
  },
  'mentions.get': (p, { station }) => {
    const m = mention(station, p.id);
    // Feeds store sanitized markup, but not every source kind goes through the feed parser:
    // sanitize on the way out too (the renderer does it a third time).
    const html = station.store.mentions.html(p.id);
    return { ...m, html: html ? sanitizeHtml(html, m.url) || null : null };
  },
  'mentions.correct': (p, { station }) => {
    refuseArchived(station, p.id);
    if (!station.store.corrections.correct(p.id, p.label, p.corrected ?? true)) throw notFound('mention', p.id);
    station.lights.evaluate();
    return mention(station, p.id);
  },
  'mentions.tag': (p, { station }) => {
    refuseArchived(station, p.id);
    if (!station.store.corrections.tag(p.id, p.add, p.remove)) throw notFound('mention', p.id);
    invalidateSearches(station.store); // a query can ask for #tags
    return mention(station, p.id);
  },
  'mentions.export': async (p, { station }) => {
    const { format, limit, lang, ...filter } = p;
    // The rows alone: an export needs no total (a count of every match at ten million mentions).
    // Up to 100,000 rows: read, laid out and written in turns (82,683 rows of a search held the
    // station's thread 1.5 s as CSV, more as XLSX), the XLSX compressed off the thread.
    const items = await pageInTurns(station.store, (await resolveQuery(station.store, filter)).filter, limit, 0);
    const topicNames = new Map(station.topics.list().map((t) => [t.id, t.name]));
    const pace = pacer();
    const rows: Cell[][] = [];
    await eachInTurns(items, (m) => rows.push([
      m.id,
      new Date(m.publishedAt).toISOString(),
      m.sourceName,
      m.author,
      m.lang,
      m.label,
      m.labelCorrected ? 1 : 0,
      m.sentiment,
      m.reach,
      m.topicIds.map((t) => topicNames.get(t) ?? String(t)).join('; '),
      m.tags.join('; '),
      m.title,
      m.text,
      m.url,
    ]), pace);
    const stamp = new Date(station.clock.now()).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const header = exportHeader(MENTION_COLUMNS, lang);
    const data = format === 'csv' ? await toCsvPaced(header, rows, pace) : await toXlsxPaced('mentions', header, rows, pace);
    return {
      filename: `fenghuo-mentions-${stamp}.${format}`,
      mime:
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: data.toString('base64'),
      rows: rows.length,
    };
  },
});
