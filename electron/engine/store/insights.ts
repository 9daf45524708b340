// Reads behind the insight panels that need the mentions themselves: top authors over a
// window, and the texts trending terms are counted from. (Share of voice reads rollups.ts.)
import type { Db } from './db';

/** One author's mentions from one source over a slice of time (insights.authors sums the slices). */
export interface AuthorSourceRow {
  author: string;
  source: string;
  mentions: number;
  reach: number;
  negative: number;
}

export function insightsRepo(db: Db) {
  // A seek on the link's key for each mention in the window — not every link of the topic
  // looked up by id (that read all of a big topic's history: 7.5 s at 7.5M mentions).
  const topicFilter = 'AND EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = @topicId AND mt.mention_id = m.id)';
  const authors = (byTopic: boolean) =>
    db.prepare(`SELECT m.author AS author, s.name AS source, count(*) AS mentions, max(m.reach) AS reach,
        sum(m.label = -1) AS negative
      FROM mentions m JOIN sources s ON s.id = m.source_id
      WHERE m.published_at >= @from AND m.published_at < @to AND m.author IS NOT NULL ${byTopic ? topicFilter : ''}
      GROUP BY m.author, m.source_id`);
  const authorsAll = authors(false);
  const authorsTopic = authors(true);
  const texts = (byTopic: boolean) =>
    db.prepare(`SELECT m.title, m.text, m.lang FROM mentions m
      WHERE m.published_at >= @from AND m.published_at < @to ${byTopic ? topicFilter : ''}
      ORDER BY m.published_at DESC LIMIT @limit`);
  const textsAll = texts(false);
  const textsTopic = texts(true);

  return {
    /** Per author and source over [from, to): a slice of insights.authors' window. */
    authorsBySource(p: { from: number; to: number; topicId?: number | undefined }): AuthorSourceRow[] {
      return (p.topicId ? authorsTopic : authorsAll).all({ from: p.from, to: p.to, topicId: p.topicId }) as AuthorSourceRow[];
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
