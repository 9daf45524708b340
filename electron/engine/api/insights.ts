// insights.*: trending terms, top authors, share of voice. Counts come from rollups; terms
// and authors read the window's mentions once.
import type { AuthorsInsight, ShareOfVoice, TermsInsight } from '../../../shared/api';
import { TermCounter, trendingTerms } from '../analysis/terms';
import { eachInTurns, inTimeTurns } from './mention-query';
import { handlers } from './types';

/** Mentions sampled for term counts, per side (window, baseline). */
const TERMS_SAMPLE = 3000;

export const insightHandlers = handlers({
  'insights.terms': async (p, { station }): Promise<TermsInsight> => {
    // A window in the past ends there (presenter mode), never in the future.
    const to = Math.min(p.to ?? station.clock.now(), station.clock.now());
    const from = to - p.windowMin * 60_000;
    // The baseline is the week before the window: terms that are always there do not trend.
    const baseFrom = from - Math.max(p.windowMin * 24, 7 * 86_400_000 / 60_000) * 60_000;
    const cur = station.store.insights.texts({ from, to, topicId: p.topicId, limit: TERMS_SAMPLE });
    const base = station.store.insights.texts({ from: baseFrom, to: from, topicId: p.topicId, limit: TERMS_SAMPLE });
    // Counted in turns: the two samples' words are 0.1 – 0.3 s of this thread at any station size.
    const count = async (texts: { text: string; lang: string }[]) => {
      const counter = new TermCounter();
      await eachInTurns(texts, (m) => counter.add(m));
      return counter.result();
    };
    const counts = await count(cur);
    const display = new Map(counts.map((c) => [c.term, c.display]));
    const asMap = (xs: { term: string; count: number }[]) => new Map(xs.map((x) => [x.term, x.count]));
    const terms = trendingTerms(asMap(counts), asMap(await count(base)), {
      currentTotal: cur.length,
      baselineTotal: base.length,
      limit: p.limit,
    }).map((t) => ({ ...t, term: display.get(t.term) ?? t.term }));
    return { from, to, mentions: cur.length, baselineMentions: base.length, terms };
  },
  'insights.authors': async (p, { station }): Promise<AuthorsInsight> => {
    const to = Math.min(p.to ?? station.clock.now(), station.clock.now());
    const from = to - p.windowMin * 60_000;
    // Summed over slices of the window, a turn between them: 30 days at ten million mentions
    // held the station's thread 0.5 – 0.9 s as one statement.
    const by = new Map<string, AuthorsInsight['authors'][number] & { from: Set<string> }>();
    await inTimeTurns(station.store, from, to, (a, b) => {
      for (const r of station.store.insights.authorsBySource({ from: a, to: b, topicId: p.topicId })) {
        const had = by.get(r.author);
        if (!had) by.set(r.author, { author: r.author, mentions: r.mentions, reach: r.reach, negative: r.negative, sources: [], from: new Set([r.source]) });
        else {
          had.mentions += r.mentions;
          had.reach = Math.max(had.reach, r.reach);
          had.negative += r.negative;
          had.from.add(r.source);
        }
      }
    });
    const key = p.by === 'reach' ? 'reach' : 'mentions';
    const top = [...by.values()]
      .sort((x, y) => y[key] - x[key] || y.mentions - x.mentions || (x.author < y.author ? -1 : x.author > y.author ? 1 : 0))
      .slice(0, p.limit);
    return { from, to, authors: top.map(({ from: names, ...r }) => ({ ...r, sources: [...names] })) };
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
