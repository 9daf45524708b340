// Sources and their poll state. Health is data in the row, shown to the operator as is.
import type { Source, SourceHealth, SourceKind, SourceState } from '../../../shared/types';
import type { PollState, SourceRecord } from '../model';
import type { Db } from './db';

export type { PollState, SourceRecord } from '../model';

interface SourceRow {
  id: number;
  name: string;
  kind: string;
  config: string;
  enabled: number;
  interval_sec: number;
  created_at: number;
  state: string;
  cursor: string | null;
  etag: string | null;
  last_modified: string | null;
  last_check_at: number | null;
  last_success_at: number | null;
  last_error_at: number | null;
  last_error: string | null;
  consecutive_failures: number;
  next_check_at: number | null;
  paused_reason: string | null;
  items_total: number;
}

function toSource(r: SourceRow): SourceRecord {
  const health: SourceHealth = {
    state: (r.enabled ? r.state : 'disabled') as SourceState,
    lastCheckAt: r.last_check_at,
    lastSuccessAt: r.last_success_at,
    lastErrorAt: r.last_error_at,
    lastError: r.last_error,
    consecutiveFailures: r.consecutive_failures,
    nextCheckAt: r.enabled ? r.next_check_at : null,
    itemsTotal: r.items_total,
    pausedReason: r.paused_reason,
  };
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as SourceKind,
    config: JSON.parse(r.config) as Record<string, unknown>,
    enabled: r.enabled === 1,
    intervalSec: r.interval_sec,
    createdAt: r.created_at,
    health,
    poll: { cursor: r.cursor, etag: r.etag, lastModified: r.last_modified },
  };
}

/** Strip the internal poll state before a source leaves the engine. */
export function publicSource(s: SourceRecord): Source {
  const { poll: _poll, ...rest } = s;
  return { ...rest, config: redactConfig(rest.config) };
}

export const HIDDEN = '(hidden)';
const SECRET_HEADER = /^(authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

/**
 * Secrets in a config (webhook secret, access token, auth headers) never leave the engine in
 * lists or events, which wall viewers see too; sources.add shows a new secret once.
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const k of ['secret', 'accessToken']) if (typeof out[k] === 'string') out[k] = HIDDEN;
  if (out.headers && typeof out.headers === 'object') {
    out.headers = Object.fromEntries(
      Object.entries(out.headers as Record<string, unknown>).map(([h, v]) => [h, SECRET_HEADER.test(h) ? HIDDEN : v]),
    );
  }
  return out;
}

/**
 * The inverse of redactConfig for an edit: a config read from sources.list has its secrets
 * hidden; sent back unchanged in sources.update, the hidden values mean "keep what is stored".
 * Sources of other kinds have no `secret`, so the webhook rule below touches nothing else.
 */
export function keepHiddenSecrets(next: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...next };
  for (const k of ['secret', 'accessToken']) if (out[k] === HIDDEN) out[k] = stored[k];
  // A webhook's secret is kept when an edit leaves it out (a new one would lock out its senders).
  if (out.secret === undefined && stored.secret !== undefined) out.secret = stored.secret;
  if (out.headers && typeof out.headers === 'object') {
    const old = (stored.headers ?? {}) as Record<string, unknown>;
    out.headers = Object.fromEntries(
      Object.entries(out.headers as Record<string, unknown>).map(([h, v]) => [h, v === HIDDEN ? old[h] : v]),
    );
  }
  return out;
}

export function sourcesRepo(db: Db) {
  const all = db.prepare(`SELECT * FROM sources WHERE removed_at IS NULL ORDER BY id`);
  const one = db.prepare(`SELECT * FROM sources WHERE id = ? AND removed_at IS NULL`);
  const byName = db.prepare(`SELECT * FROM sources WHERE name = ? AND removed_at IS NULL`);
  const insert = db.prepare(`INSERT INTO sources (name, kind, config, enabled, interval_sec, created_at, next_check_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const success = db.prepare(`UPDATE sources SET state = 'ok', cursor = ?, etag = ?, last_modified = ?,
    last_check_at = ?, last_success_at = ?, consecutive_failures = 0, last_error = NULL, paused_reason = NULL,
    next_check_at = ? WHERE id = ?`);
  const failure = db.prepare(`UPDATE sources SET state = ?, last_check_at = ?, last_error_at = ?, last_error = ?,
    consecutive_failures = consecutive_failures + 1, next_check_at = ?, paused_reason = ? WHERE id = ?`);
  const schedule = db.prepare(`UPDATE sources SET next_check_at = ? WHERE id = ?`);
  const remove = db.prepare(`UPDATE sources SET removed_at = ?, enabled = 0 WHERE id = ? AND removed_at IS NULL`);
  const storedEver = db.prepare(`SELECT total(items_total) FROM sources`).pluck();

  return {
    list: (): SourceRecord[] => (all.all() as SourceRow[]).map(toSource),
    get: (id: number): SourceRecord | null => {
      const r = one.get(id) as SourceRow | undefined;
      return r ? toSource(r) : null;
    },
    byName: (name: string): SourceRecord | null => {
      const r = byName.get(name) as SourceRow | undefined;
      return r ? toSource(r) : null;
    },
    add(s: { name: string; kind: SourceKind; config: unknown; enabled: boolean; intervalSec: number }, now: number): number {
      return Number(
        insert.run(s.name, s.kind, JSON.stringify(s.config), s.enabled ? 1 : 0, s.intervalSec, now, now).lastInsertRowid,
      );
    },
    update(id: number, patch: { name?: string; enabled?: boolean; intervalSec?: number; config?: unknown }): void {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (patch.name !== undefined) (sets.push('name = ?'), args.push(patch.name));
      if (patch.enabled !== undefined) (sets.push('enabled = ?'), args.push(patch.enabled ? 1 : 0));
      if (patch.intervalSec !== undefined) (sets.push('interval_sec = ?'), args.push(patch.intervalSec));
      if (patch.config !== undefined) (sets.push('config = ?, cursor = NULL, etag = NULL, last_modified = NULL'), args.push(JSON.stringify(patch.config)));
      if (sets.length === 0) return;
      db.prepare(`UPDATE sources SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
    },
    /**
     * Record a successful poll or delivery; runs inside the same transaction as the batch it
     * brought. What the batch stored is counted where it is stored (`items_total`, by
     * Mentions.insertMany), whatever brought it: a poll, a push, a watched file or an import.
     */
    recordSuccess(id: number, poll: PollState, now: number, nextCheckAt: number | null): void {
      success.run(poll.cursor, poll.etag, poll.lastModified, now, now, nextCheckAt, id);
    },
    recordFailure(id: number, message: string, now: number, nextCheckAt: number | null, pausedReason: string | null): void {
      failure.run(pausedReason ? 'paused' : 'error', now, now, message, nextCheckAt, pausedReason, id);
    },
    schedule: (id: number, at: number): void => void schedule.run(at, id),
    remove: (id: number, now: number): boolean => remove.run(now, id).changes > 0,
    /** Mentions every source (removed ones too) has stored since it was added: it only grows (retention does not lower it). */
    storedEver: (): number => storedEver.get() as number,
  };
}
