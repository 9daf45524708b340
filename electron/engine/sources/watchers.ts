// The station's running watchers (watched folders): started for enabled sources whose kind
// watches, restarted when a config changes, stopped when a source goes away or the station closes.
import type { Station } from '../station';
import { sourceKinds } from './kinds/index';

export class Watchers {
  private running = new Map<number, { key: string; stop: () => Promise<void> }>();

  sync(station: Station): void {
    const want = new Map<number, string>();
    for (const s of station.store.sources.list()) {
      const def = sourceKinds[s.kind];
      if (!def.watch || !s.enabled) continue;
      const cfg = def.schema.safeParse(s.config);
      if (!cfg.success) continue;
      const key = JSON.stringify(cfg.data);
      want.set(s.id, key);
      const have = this.running.get(s.id);
      if (have?.key === key) continue;
      if (have) void have.stop();
      const stop = def.watch({ source: s, config: cfg.data, clock: station.clock, station }, (e) => station.events.emit(e));
      this.running.set(s.id, { key, stop });
    }
    for (const [id, w] of this.running) {
      if (!want.has(id)) {
        this.running.delete(id);
        void w.stop();
      }
    }
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((w) => w.stop()));
  }
}
