// topics.*: topics (saved through the station's topic cache, which tells the pipeline, the
// lights and open walls), a query's preview on stored mentions, and re-tagging stored mentions.
import type { TopicPreview } from '../../../shared/api';
import type { Mention } from '../../../shared/types';
import { notFound } from '../../../shared/errors';
import { compileTopics } from '../analysis/query';
import { markTerms } from '../analysis/marks';
import { checkQuery } from '../core/topics';
import type { Store } from '../store';
import { relinkTopic } from '../store/retag';
import { matchStored } from './mention-query';
import { handlers } from './types';

/** Most mentions a preview looks at; it says how many it scanned. */
const PREVIEW_CAP = 200_000;

/** The newest matches, taking turns across languages so the samples show the folding at work. */
function samples(store: Store, ids: number[], n: number): Mention[] {
  const newest = store.mentions.byIds(ids.slice(0, 300)).sort((a, b) => b.publishedAt - a.publishedAt);
  const byLang = new Map<string, Mention[]>();
  for (const m of newest) (byLang.get(m.lang) ?? byLang.set(m.lang, []).get(m.lang)!).push(m);
  const out: Mention[] = [];
  for (let i = 0; out.length < n && i < n; i++) for (const list of byLang.values()) if (list[i] && out.length < n) out.push(list[i]!);
  return out;
}

export const topicHandlers = handlers({
  'topics.list': (_p, { station }) => station.topics.list(),
  'topics.save': (p, { station }) => station.topics.save(p.topic),
  'topics.remove': (p, { station }) => ({ removed: station.topics.remove(p.id) }),
  'topics.archive': (p, { station }) => station.topics.archive(p.id, p.archived),
  'topics.preview': async (p, { station }): Promise<TopicPreview> => {
    checkQuery(p.query);
    const from = station.clock.now() - p.days * 86_400_000;
    // Newest first (archives too, when retention keeps less than the window): past the cap the
    // preview is of the newest mentions, not of the oldest stretch of the window.
    const { ids, scanned, byLang } = await matchStored(station.store, p.query, from, PREVIEW_CAP);
    const examples = samples(station.store, ids, 6);
    const matcher = compileTopics([{ id: 1, name: 'q', query: p.query }]);
    const marks: Record<string, [number, number][]> = {};
    for (const m of examples) {
      const body = m.title ? `${m.title}\n${m.text}` : m.text;
      const { terms } = matcher.matchDetailed({ text: body, title: m.title, author: m.author, lang: m.lang, source: m.sourceName, tags: m.tags });
      marks[m.id] = markTerms(body, terms);
    }
    return { matched: ids.length, scanned, days: p.days, examples, byLang, marks };
  },
  'topics.retag': async (p, { station }) => {
    const topic = station.store.topics.get(p.id);
    if (!topic) throw notFound('topic', p.id);
    // All of it reaches back before 1970 too (a negative time is a real one: archives, history).
    const from = p.days ? station.clock.now() - p.days * 86_400_000 : Number.MIN_SAFE_INTEGER;
    const until = p.before ?? Number.MAX_SAFE_INTEGER;
    // How far it is, for the topic form: at most a few times a second.
    let told = 0;
    let scanned = 0;
    const tell = (phase: 'reading' | 'comparing' | 'writing' | 'done', fraction: number, changes = 0) => {
      const at = performance.now();
      if (at - told < 250 && phase !== 'done') return;
      told = at;
      station.events.emit({ type: 'retag', now: station.clock.now(), topicId: topic.id, phase, fraction, scanned, changes });
    };
    // Every stored mention since `from`, archives too, newest first as of the scan's start: one
    // stored while the scan lets other work through was tagged by this query when it was stored,
    // and the relink leaves it be. Archive files are not copied or rewritten meanwhile (a
    // retention run or a backup waits), so the links go where the scan found their mentions.
    const store = station.store;
    const { tagged, changed } = await store.archives.exclusive(async () => {
      const found = await matchStored(store, topic.query, from, Infinity, p.before, (fraction, n) => {
        scanned = n;
        tell('reading', fraction);
      });
      scanned = found.scanned;
      return relinkTopic(store, topic.id, from, found.ids, found.upto, {
        until,
        onProgress: (r) => tell(r.phase, r.fraction, r.changes),
      });
    });
    station.lights.evaluate();
    // The walls showing this topic redraw its history now, not at their next slow reload.
    tell('done', 1, changed);
    return { topicId: topic.id, tagged, scanned, from };
  },
});
