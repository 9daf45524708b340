// Access tokens the operator hands out from the app: read-only viewer tokens for wall
// browsers on the LAN and admin tokens for changes. Only a SHA-256 of each secret is kept (in
// the station's settings), so a copied station file opens nothing. A revoked token fails on
// its very next request; listeners (the server, closing that token's event streams) are told.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/api';
import type { AccessToken } from '../../shared/types';
import type { Clock } from './clock';

const KEY = 'server.tokens';
/** Screens open and close all day (a public page's visitors): their last-seen times are written together, at most this often. */
export const SEEN_WRITE_MS = 10_000;

interface StoredToken extends AccessToken {
  /** hex SHA-256 of the secret. */
  hash: string;
}

/** Where the registry keeps its list: the station's settings. */
export interface TokenShelf {
  get<T>(key: string, fallback: T): T;
  set(key: string, value: unknown): void;
}

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

export class TokenRegistry {
  private cache: StoredToken[] | null = null;
  private revokeListeners = new Set<(id: string) => void>();
  private seenPending = new Map<string, number>();
  private seenTimer: NodeJS.Timeout | null = null;

  constructor(
    private shelf: TokenShelf,
    private clock: Clock,
  ) {}

  private load(): StoredToken[] {
    return (this.cache ??= this.shelf.get<StoredToken[]>(KEY, []));
  }

  private save(tokens: StoredToken[]): void {
    this.shelf.set(KEY, tokens);
    this.cache = tokens;
  }

  list(): AccessToken[] {
    return this.load().map(({ hash: _h, ...t }) => t);
  }

  create(name: string, role: Role): { token: AccessToken; secret: string } {
    const secret = randomBytes(24).toString('base64url');
    const token: AccessToken = { id: randomUUID(), name, role, createdAt: this.clock.now(), revokedAt: null };
    this.save([...this.load(), { ...token, hash: digest(secret).toString('hex') }]);
    return { token, secret };
  }

  revoke(id: string): AccessToken | null {
    const tokens = this.load();
    const t = tokens.find((x) => x.id === id);
    if (!t) return null;
    if (t.revokedAt === null) {
      this.save(tokens.map((x) => (x.id === id ? { ...x, revokedAt: this.clock.now() } : x)));
      for (const fn of this.revokeListeners) fn(id);
    }
    const { hash: _h, ...rest } = this.load().find((x) => x.id === id)!;
    return rest;
  }

  /** The live token a secret belongs to, or null. Compared in constant time per token. */
  verify(secret: string): { id: string; role: Role } | null {
    const presented = digest(secret);
    for (const t of this.load()) {
      if (t.revokedAt !== null) continue;
      if (timingSafeEqual(presented, Buffer.from(t.hash, 'hex'))) return { id: t.id, role: t.role };
    }
    return null;
  }

  /**
   * A screen on token `id` was connected until `at` (wall-clock ms). Kept in the settings with
   * the token, all pending ones in one write within SEEN_WRITE_MS (`flushSeen` writes them now),
   * so the station room still knows when a wall was last on after a restart.
   */
  seen(id: string, at: number): void {
    this.seenPending.set(id, Math.max(at, this.seenPending.get(id) ?? 0));
    if (this.seenTimer) return;
    this.seenTimer = setTimeout(() => this.flushSeen(), SEEN_WRITE_MS);
    this.seenTimer.unref();
  }

  /** Writes the pending last-seen times now (the station does before it closes its store). */
  flushSeen(): void {
    if (this.seenTimer) clearTimeout(this.seenTimer);
    this.seenTimer = null;
    if (this.seenPending.size === 0) return;
    const pending = this.seenPending;
    this.seenPending = new Map();
    try {
      this.save(this.load().map((t) => (pending.has(t.id) ? { ...t, lastSeenAt: Math.max(t.lastSeenAt ?? 0, pending.get(t.id)!) } : t)));
    } catch {
      // A read-only station or a full disk: the room still has this run's times in memory.
    }
  }

  onRevoke(fn: (id: string) => void): () => void {
    this.revokeListeners.add(fn);
    return () => this.revokeListeners.delete(fn);
  }
}
