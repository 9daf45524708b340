// Boards: grids of panels, stored as JSON; one is the default war-room board.
import type { Board, Panel } from '../../../shared/types';
import type { Db } from './db';

interface BoardRow {
  id: number;
  name: string;
  panels: string;
  is_default: number;
  updated_at: number;
}

const toBoard = (r: BoardRow): Board => ({
  id: r.id,
  name: r.name,
  panels: JSON.parse(r.panels) as Panel[],
  updatedAt: r.updated_at,
});

export function boardsRepo(db: Db) {
  const all = db.prepare(`SELECT * FROM boards ORDER BY is_default DESC, id`);
  const one = db.prepare(`SELECT * FROM boards WHERE id = ?`);
  const def = db.prepare(`SELECT * FROM boards ORDER BY is_default DESC, id LIMIT 1`);
  const insert = db.prepare(`INSERT INTO boards (name, panels, is_default, updated_at) VALUES (?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE boards SET name = ?, panels = ?, updated_at = ? WHERE id = ?`);
  return {
    list: (): Board[] => (all.all() as BoardRow[]).map(toBoard),
    get: (id: number): Board | null => {
      const r = one.get(id) as BoardRow | undefined;
      return r ? toBoard(r) : null;
    },
    getDefault: (): Board | null => {
      const r = def.get() as BoardRow | undefined;
      return r ? toBoard(r) : null;
    },
    add: (b: { name: string; panels: Panel[] }, now: number, isDefault = false): number =>
      Number(insert.run(b.name, JSON.stringify(b.panels), isDefault ? 1 : 0, now).lastInsertRowid),
    update: (id: number, b: { name: string; panels: Panel[] }, now: number): boolean =>
      update.run(b.name, JSON.stringify(b.panels), now, id).changes > 0,
  };
}
