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
  const insert = db.prepare(`INSERT INTO topics (name, query, color, created_at) VALUES (?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE topics SET name = ?, query = ?, color = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM topics WHERE id = ?`);
  const archive = db.prepare(`UPDATE topics SET archived_at = ? WHERE id = ?`);
  return {
    list: (): Topic[] => (all.all() as TopicRow[]).map(toTopic),
    get: (id: number): Topic | null => {
      const r = one.get(id) as TopicRow | undefined;
      return r ? toTopic(r) : null;
    },
    add: (t: { name: string; query: string; color: string }, now: number): number =>
      Number(insert.run(t.name, t.query, t.color, now).lastInsertRowid),
    update: (id: number, t: { name: string; query: string; color: string }): boolean =>
      update.run(t.name, t.query, t.color, id).changes > 0,
    remove: (id: number): boolean => remove.run(id).changes > 0,
    /** Archive (at a time) or bring back (null) a topic; its links, rollups and rules stay. */
    setArchived: (id: number, at: number | null): boolean => archive.run(at, id).changes > 0,
  };
}
