// insights.*: trending terms, top authors, share of voice. Counts come from rollups; terms
// and authors read the window's mentions once.
import type { AuthorsInsight, ShareOfVoice, TermsInsight } from '../../../shared/api';
import { countTerms, trendingTerms } from '../analysis/terms';
import { handlers } from './types';

/** Mentions sampled for term counts, per side (window, baseline). */
const TERMS_SAMPLE = 3000;

export const insightHandlers = handlers({
  'insights.terms': (p, { station }): TermsInsight => {
    // A window in the past ends there (presenter mode), never in the future.
    const to = Math.min(p.to ?? station.clock.now(), station.clock.now());
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
    const to = Math.min(p.to ?? station.clock.now(), station.clock.now());
    const from = to - p.windowMin * 60_000;
    const rows = station.store.insights.authors({ from, to, topicId: p.topicId, by: p.by, limit: p.limit });
    return { from, to, authors: rows.map((r) => ({ ...r, sources: r.sources.split(',') })) };
  },
  'insights.shareOfVoice': (p, { station }): ShareOfVoice => {
    const to = Math.min(p.to ?? station.clock.now(), station.clock.now());
    const from = to - p.windowMin * 60_000;
    const per = station.store.rollups.perTopic(Math.floor(from / 60_000), Math.floor(to / 60_000) + 1);
    const topics = station.topics.pick(p.topicIds);
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
