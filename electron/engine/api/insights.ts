// Topic previews and re-tagging, and the insight reads: trending terms, top authors, share of
// voice. Counts come from rollups; terms and authors read the window's mentions once.
import type { AuthorsInsight, ShareOfVoice, TermsInsight, TopicPreview } from '../../../shared/api';
import { compileTopics, type MatchDoc } from '../analysis/query';
import { countTerms, trendingTerms } from '../analysis/terms';
import type { Store } from '../store';
import type { MatchRow } from '../store/mentions';
import { handlers, notFound } from './types';

const PAGE = 2000;
/** Most mentions a preview looks at; it says how many it scanned. */
const PREVIEW_CAP = 200_000;
/** Mentions sampled for term counts, per side (window, baseline). */
const TERMS_SAMPLE = 3000;

function doc(r: MatchRow): MatchDoc {
  return {
    text: r.title ? `${r.title}\n${r.text}` : r.text,
    title: r.title,
    author: r.author,
    lang: r.lang,
    source: r.source,
    tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  };
}

/** Every mention since `from` that the query matches (ids), scanning page by page. */
function matchAll(store: Store, query: string, from: number, cap: number): { ids: number[]; scanned: number } {
  const matcher = compileTopics([{ id: 1, name: 'q', query }]);
  const ids: number[] = [];
  let scanned = 0;
  let after = 0;
  for (;;) {
    const rows = store.mentions.scanForMatching(from, after, PAGE);
    for (const r of rows) if (matcher.match(doc(r)).length) ids.push(r.id);
    scanned += rows.length;
    if (rows.length < PAGE || scanned >= cap) break;
    after = rows[rows.length - 1]!.id;
  }
  return { ids, scanned };
}

export const insightHandlers = handlers({
  'topics.preview': (p, { station }): TopicPreview => {
    station.checkQuery(p.query);
    const from = station.clock.now() - p.days * 86_400_000;
    const { ids, scanned } = matchAll(station.store, p.query, from, PREVIEW_CAP);
    return { matched: ids.length, scanned, days: p.days, examples: station.store.mentions.byIds(ids.slice(-5)) };
  },
  'topics.retag': (p, { station }) => {
    const topic = station.store.topics.get(p.id);
    if (!topic) throw notFound(`topic ${p.id}`);
    const from = p.days ? station.clock.now() - p.days * 86_400_000 : 0;
    const { ids, scanned } = matchAll(station.store, topic.query, from, Infinity);
    station.store.mentions.relinkTopic(topic.id, from, ids);
    station.evaluateLights();
    return { topicId: topic.id, tagged: ids.length, scanned };
  },
  'insights.terms': (p, { station }): TermsInsight => {
    const to = station.clock.now();
    const from = to - p.windowMin * 60_000;
    // The baseline is the week before the window: terms that are always there do not trend.
    const baseFrom = from - Math.max(p.windowMin * 24, 7 * 86_400_000 / 60_000) * 60_000;
    const cur = station.store.insights.texts({ from, to, topicId: p.topicId, limit: TERMS_SAMPLE });
    const base = station.store.insights.texts({ from: baseFrom, to: from, topicId: p.topicId, limit: TERMS_SAMPLE });
    const counts = countTerms(cur);
    const display = new Map(counts.map((c) => [c.term, c.display]));
    const asMap = (xs: { term: string; count: number }[]) => new Map(xs.map((x) => [x.term, x.count]));
    const terms = trendingTerms(asMap(counts), asMap(countTerms(base)), {
      currentTotal: cur.length,
      baselineTotal: base.length,
      limit: p.limit,
    }).map((t) => ({ ...t, term: display.get(t.term) ?? t.term }));
    return { from, to, mentions: cur.length, baselineMentions: base.length, terms };
  },
  'insights.authors': (p, { station }): AuthorsInsight => {
    const to = station.clock.now();
    const from = to - p.windowMin * 60_000;
    const rows = station.store.insights.authors({ from, to, topicId: p.topicId, by: p.by, limit: p.limit });
    return { from, to, authors: rows.map((r) => ({ ...r, sources: r.sources.split(',') })) };
  },
  'insights.shareOfVoice': (p, { station }): ShareOfVoice => {
    const to = station.clock.now();
    const from = to - p.windowMin * 60_000;
    const per = station.store.insights.perTopic(Math.floor(from / 60_000), Math.floor(to / 60_000) + 1);
    const topics = station.topicsFor(p.topicIds);
    const total = topics.reduce((s, t) => s + (per.get(t.id)?.count ?? 0), 0);
    return {
      from,
      to,
      total,
      topics: topics.map((t) => {
        const x = per.get(t.id);
        const count = x?.count ?? 0;
        return {
          id: t.id,
          name: t.name,
          color: t.color,
          count,
          share: total ? count / total : 0,
          net: x && count ? (x.pos - x.neg) / count : null,
          emotions: x?.emotions ?? {},
        };
      }),
    };
  },
});
