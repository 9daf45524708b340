// Reads behind the insight panels that need the mentions themselves: top authors over a
// window, and the texts trending terms are counted from. (Share of voice reads rollups.ts.)
import type { Db } from './db';

export interface AuthorRow {
  author: string;
  mentions: number;
  reach: number;
  negative: number;
  sources: string;
}

export function insightsRepo(db: Db) {
  // A seek on the link's key for each mention in the window — not every link of the topic
  // looked up by id (that read all of a big topic's history: 7.5 s at 7.5M mentions).
  const topicFilter = 'AND EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = @topicId AND mt.mention_id = m.id)';
  const authors = (byTopic: boolean, order: 'mentions' | 'reach') =>
    db.prepare(`SELECT m.author AS author, count(*) AS mentions, max(m.reach) AS reach, sum(m.label = -1) AS negative,
        group_concat(DISTINCT s.name) AS sources
      FROM mentions m JOIN sources s ON s.id = m.source_id
      WHERE m.published_at >= @from AND m.published_at < @to AND m.author IS NOT NULL ${byTopic ? topicFilter : ''}
      GROUP BY m.author ORDER BY ${order} DESC, mentions DESC LIMIT @limit`);
  const stmts = {
    authorsAll: { mentions: authors(false, 'mentions'), reach: authors(false, 'reach') },
    authorsTopic: { mentions: authors(true, 'mentions'), reach: authors(true, 'reach') },
  };
  const texts = (byTopic: boolean) =>
    db.prepare(`SELECT m.title, m.text, m.lang FROM mentions m
      WHERE m.published_at >= @from AND m.published_at < @to ${byTopic ? topicFilter : ''}
      ORDER BY m.published_at DESC LIMIT @limit`);
  const textsAll = texts(false);
  const textsTopic = texts(true);

  return {
    authors(p: { from: number; to: number; topicId?: number | undefined; by: 'mentions' | 'reach'; limit: number }): AuthorRow[] {
      const set = p.topicId ? stmts.authorsTopic : stmts.authorsAll;
      return set[p.by].all({ from: p.from, to: p.to, topicId: p.topicId, limit: p.limit }) as AuthorRow[];
    },
    texts(p: { from: number; to: number; topicId?: number | undefined; limit: number }): { text: string; lang: string }[] {
      const rows = (p.topicId ? textsTopic : textsAll).all({ ...p, topicId: p.topicId }) as {
        title: string | null;
        text: string;
        lang: string;
      }[];
      return rows.map((r) => ({ text: r.title ? `${r.title}\n${r.text}` : r.text, lang: r.lang }));
    },
    /** Counts, tone and emotion sums per topic over [fromMinute, toMinute), from rollups. */
  };
}
