// The analyst's room: one mention in detail, corrections (which also teach the learned
// model), tags, and search results exported as CSV / XLSX.
import type { Mention } from '../../../shared/types';
import { trainFromCorrections } from '../analysis/learn';
import { createAnalyzer } from '../analysis/sentiment';
import { toCsv, toXlsx, type Cell } from '../export/table';
import { sanitizeHtml } from '../sources/feed/sanitize';
import type { Station } from '../station';
import { handlers, notFound } from './types';

/** Settings keys: the model learned from corrections (the station loads it on start), and its figures. */
export const LEARNED_MODEL_KEY = 'learned.model';
const MODEL_INFO_KEY = 'learned.info';

function mention(station: Station, id: number): Mention {
  const m = station.store.mentions.byIds([id])[0];
  if (!m) throw notFound(`mention ${id}`);
  return m;
}

const HEADER = ['id', 'published_at', 'source', 'author', 'lang', 'label', 'corrected', 'sentiment', 'reach', 'topics', 'tags', 'title', 'text', 'url'];

export const exploreHandlers = handlers({
  'mentions.get': (p, { station }) => {
    const m = mention(station, p.id);
    // Feeds store sanitized markup, but not every source kind goes through the feed parser:
    // sanitize on the way out too (the renderer does it a third time).
    const html = station.store.corrections.html(p.id);
    return { ...m, html: html ? sanitizeHtml(html, m.url) || null : null };
  },
  'mentions.correct': (p, { station }) => {
    if (!station.store.corrections.correct(p.id, p.label)) throw notFound(`mention ${p.id}`);
    station.evaluateLights();
    return mention(station, p.id);
  },
  'mentions.tag': (p, { station }) => {
    if (!station.store.corrections.tag(p.id, p.add, p.remove)) throw notFound(`mention ${p.id}`);
    return mention(station, p.id);
  },
  'mentions.export': (p, { station }) => {
    const { format, limit, ...filter } = p;
    const { items } = station.store.mentions.find(filter, limit, 0);
    const topicNames = new Map(station.store.topics.list().map((t) => [t.id, t.name]));
    const rows: Cell[][] = items.map((m) => [
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
    ]);
    const stamp = new Date(station.clock.now()).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const data = format === 'csv' ? toCsv(HEADER, rows) : toXlsx('mentions', HEADER, rows);
    return {
      filename: `fenghuo-mentions-${stamp}.${format}`,
      mime:
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: data.toString('base64'),
      rows: rows.length,
    };
  },
  'analysis.model': (_p, { station }) =>
    station.store.settings.get(MODEL_INFO_KEY, { n: 0, cvAccuracy: null, trainedAt: null }),
  'analysis.retrain': (_p, { station }) => {
    const { model, n, cvAccuracy } = trainFromCorrections(station.store.corrections.samples());
    const info = { n, cvAccuracy, trainedAt: station.clock.now() };
    station.store.tx(() => {
      station.store.settings.set(LEARNED_MODEL_KEY, n > 0 ? model : null);
      station.store.settings.set(MODEL_INFO_KEY, info);
    });
    station.setAnalyzer(createAnalyzer({ learned: n > 0 ? model : null }));
    return info;
  },
});
