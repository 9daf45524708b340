// Storage health: red when the store cannot be written (disk full, I/O error), green again at
// the next good write. The wall shows it; a change is told once, with the new status.
import type { Clock } from '../clock';
import { describeStorageError, type StorageHealth } from '../store/backup';

export class StorageWatch {
  health: StorageHealth;

  constructor(
    private clock: Clock,
    private dataDir: string,
    private log: (line: string) => void,
    private onChange: () => void,
  ) {
    this.health = { ok: true, error: null, since: clock.now() };
  }

  /** A write failed: returns the problem in words when it was the storage, else null. */
  failed(e: unknown): string | null {
    const problem = describeStorageError(e, this.dataDir);
    if (problem) this.set({ ok: false, error: problem, since: this.clock.now() });
    return problem;
  }

  /** A write went through. */
  wrote(): void {
    if (!this.health.ok) this.set({ ok: true, error: null, since: this.clock.now() });
  }

  private set(next: StorageHealth): void {
    if (next.ok === this.health.ok && next.error === this.health.error) return;
    this.health = next;
    this.log(next.ok ? 'storage writable again' : `storage: ${next.error}`);
    this.onChange();
  }
}
