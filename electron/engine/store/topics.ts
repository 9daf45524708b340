// Topics: named boolean queries. Links to mentions live in mention_topics.
import type { Topic } from '../../../shared/types';
import type { Db } from './db';

interface TopicRow {
  id: number;
  name: string;
  query: string;
  color: string;
  created_at: number;
  archived_at: number | null;
}

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  name: r.name,
  query: r.query,
  color: r.color,
  createdAt: r.created_at,
  ...(r.archived_at !== null ? { archivedAt: r.archived_at } : {}),
});

export function topicsRepo(db: Db) {
  const all = db.prepare(`SELECT * FROM topics ORDER BY id`);
  const one = db.prepare(`SELECT * FROM topics WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO topics (id, name, query, color, created_at) VALUES (?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE topics SET name = ?, query = ?, color = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM topics WHERE id = ?`);
  // A removed topic's id is never given again: what is still keyed by it outside this file's
  // links (its links in archive files, its alerts' history) would otherwise show under the new
  // topic — as its rollups did, when the newest topic was removed and another added (SQLite
  // gives a table's highest id again once its row is gone). The highest id ever given is kept
  // in settings; a file from before that keeps its rollups, whose highest topic counts too.
  const HIGHEST = 'topics.highestId';
  const highest = db.prepare(`SELECT max(coalesce((SELECT max(id) FROM topics), 0), coalesce((SELECT max(topic_id) FROM rollup_topic_minute), 0),
    coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${HIGHEST}'), 0))`).pluck();
  const mark = db.prepare(`INSERT INTO settings (key, value) VALUES ('${HIGHEST}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const dropRollups = [
    db.prepare(`DELETE FROM rollup_topic_minute WHERE topic_id = ?`),
    db.prepare(`DELETE FROM rollup_topic_hour WHERE topic_id = ?`),
  ];
  const archive = db.prepare(`UPDATE topics SET archived_at = ? WHERE id = ?`);
  return {
    list: (): Topic[] => (all.all() as TopicRow[]).map(toTopic),
    get: (id: number): Topic | null => {
      const r = one.get(id) as TopicRow | undefined;
      return r ? toTopic(r) : null;
    },
    add: (t: { name: string; query: string; color: string }, now: number): number =>
      db.transaction(() => {
        const id = (highest.get() as number) + 1;
        insert.run(id, t.name, t.query, t.color, now);
        mark.run(String(id));
        return id;
      })(),
    update: (id: number, t: { name: string; query: string; color: string }): boolean =>
      update.run(t.name, t.query, t.color, id).changes > 0,
    /** Its links in this file and its rules go with it (foreign keys), its rollups here. */
    remove: (id: number): boolean =>
      db.transaction(() => {
        mark.run(String(Math.max(highest.get() as number, id)));
        for (const d of dropRollups) d.run(id);
        return remove.run(id).changes > 0;
      })(),
    /** Archive (at a time) or bring back (null) a topic; its links, rollups and rules stay. */
    setArchived: (id: number, at: number | null): boolean => archive.run(at, id).changes > 0,
  };
}
