// An analyst's hand on a mention: sentiment corrections (moving the mention's counts between
// pos/neu/neg in every rollup it is part of, in the same transaction, so the rollups still
// equal a recount), tags, and the corrected mentions the learned model trains on (archived
// ones too).
import type { SentimentLabel } from '../../../shared/types';
import type { Archives } from './archives';
import type { Db } from './db';
import type { LabelColumn, Rollups } from './rollups';
import { LABEL_VALUE } from './mentions';

const CORRECTED = `SELECT id, published_at, coalesce(title || char(10), '') || text AS text, label FROM mentions
  WHERE label_corrected = 1`;

const COL: Record<-1 | 0 | 1, LabelColumn> = { [-1]: 'neg', 0: 'neu', 1: 'pos' };

export function correctionsRepo(db: Db, rollups: Rollups, archives: Archives) {
  const head = db.prepare(`SELECT id, source_id, published_at, label, tags FROM mentions WHERE id = ?`);
  const setLabel = db.prepare(`UPDATE mentions SET label = ?, label_corrected = ? WHERE id = ?`);
  const setTags = db.prepare(`UPDATE mentions SET tags = ? WHERE id = ?`);
  const topics = db.prepare(`SELECT topic_id FROM mention_topics WHERE mention_id = ?`);
  const corrected = db.prepare(CORRECTED);

  type Head = { id: number; source_id: number; published_at: number; label: -1 | 0 | 1; tags: string | null };

  return {
    /**
     * Sets the label by hand (or, with `corrected` false, back as the analyzer's: an undo);
     * false when there is no such mention. One transaction.
     */
    correct(id: number, label: SentimentLabel, corrected = true): boolean {
      return db.transaction(() => {
        const m = head.get(id) as Head | undefined;
        if (!m) return false;
        const to = LABEL_VALUE[label];
        setLabel.run(to, corrected ? 1 : 0, id);
        if (m.label !== to) {
          const minute = Math.floor(m.published_at / 60_000);
          for (const t of topics.all(id) as { topic_id: number }[]) rollups.moveLabel('topic', t.topic_id, minute, COL[m.label], COL[to]);
          rollups.moveLabel('source', m.source_id, minute, COL[m.label], COL[to]);
        }
        return true;
      })();
    },

    /** Adds and removes tags; returns the new tag list, or null when there is no such mention. */
    tag(id: number, add: string[], remove: string[]): string[] | null {
      return db.transaction(() => {
        const m = head.get(id) as Head | undefined;
        if (!m) return null;
        const tags = new Set<string>(m.tags ? (JSON.parse(m.tags) as string[]) : []);
        for (const t of add) tags.add(t);
        for (const t of remove) tags.delete(t);
        const list = [...tags];
        setTags.run(list.length ? JSON.stringify(list) : null, id);
        return list;
      })();
    },

    /** Every corrected mention as a training sample, archived ones too (each read from one file). */
    samples(): { text: string; label: SentimentLabel }[] {
      const names: Record<number, SentimentLabel> = { [-1]: 'negative', 0: 'neutral', 1: 'positive' };
      const rows = corrected.all() as { text: string; label: number; id: number; published_at: number }[];
      const months = archives.list();
      const live = rows.filter((r) => !months.some((a) => r.id <= a.upto && r.published_at >= a.fromAt && r.published_at < a.toAt));
      const old = months.flatMap(
        (a) => archives.connection(a).prepare(`${CORRECTED} AND id <= ?`).all(a.upto) as { text: string; label: number }[],
      );
      return [...live, ...old].map((r) => ({ text: r.text, label: names[r.label]! }));
    },
  };
}
