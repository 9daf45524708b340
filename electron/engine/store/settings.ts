// Station settings: small JSON values by key.
import type { Db } from './db';

export function settingsRepo(db: Db) {
  const get = db.prepare(`SELECT value FROM settings WHERE key = ?`);
  const set = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  return {
    get<T>(key: string, fallback: T): T {
      const r = get.get(key) as { value: string } | undefined;
      return r ? (JSON.parse(r.value) as T) : fallback;
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value));
    },
  };
}
