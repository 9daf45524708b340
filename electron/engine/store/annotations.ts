// Annotations: notes pinned to a time, optionally about one topic.
import type { Annotation } from '../../../shared/types';
import type { Db } from './db';

interface AnnotationRow {
  id: number;
  at: number;
  text: string;
  topic_id: number | null;
  created_at: number;
}

const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  at: r.at,
  text: r.text,
  topicId: r.topic_id,
  createdAt: r.created_at,
});

export function annotationsRepo(db: Db) {
  const range = db.prepare(`SELECT * FROM annotations WHERE at >= ? AND at < ? ORDER BY at LIMIT 1000`);
  const one = db.prepare(`SELECT * FROM annotations WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO annotations (at, text, topic_id, created_at) VALUES (?, ?, ?, ?)`);
  const remove = db.prepare(`DELETE FROM annotations WHERE id = ?`);
  return {
    list: (from: number, to: number): Annotation[] => (range.all(from, to) as AnnotationRow[]).map(toAnnotation),
    get: (id: number): Annotation | null => {
      const r = one.get(id) as AnnotationRow | undefined;
      return r ? toAnnotation(r) : null;
    },
    add: (a: { at: number; text: string; topicId?: number | undefined }, now: number): number =>
      Number(insert.run(a.at, a.text, a.topicId ?? null, now).lastInsertRowid),
    remove: (id: number): boolean => remove.run(id).changes > 0,
  };
}
