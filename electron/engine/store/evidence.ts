// The evidence of a light's change: the window's most negative and most reached mentions,
// read from the mentions once per change.
import type { AlertEvidence } from '../../../shared/types';
import type { Db } from './db';
import type { SeriesKey } from './rollups';

export function evidenceRepo(db: Db) {
  const evidenceSql = (where: string) => ({
    negative: db.prepare(`SELECT m.id FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? ${where}
      AND m.label = -1 ORDER BY m.sentiment ASC, m.reach DESC, m.id LIMIT ?`),
    reached: db.prepare(`SELECT m.id FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? ${where}
      ORDER BY m.reach DESC, m.sentiment ASC, m.id LIMIT ?`),
  });
  const evidence = {
    topic: evidenceSql(`AND EXISTS (SELECT 1 FROM mention_topics mt WHERE mt.topic_id = ? AND mt.mention_id = m.id)`),
    source: evidenceSql(`AND m.source_id = ?`),
    station: evidenceSql(``),
  };

  return {
    /** The mentions that drove a change: most negative and most reached in [from, to). */
    evidence(key: SeriesKey, from: number, to: number, limit = 5): AlertEvidence {
      const q = evidence[key.scope];
      const args = key.scope === 'station' ? [] : [key.id];
      return {
        from,
        to,
        mostNegative: q.negative.pluck().all(from, to, ...args, limit) as number[],
        mostReached: q.reached.pluck().all(from, to, ...args, limit) as number[],
      };
    },
  };
}
