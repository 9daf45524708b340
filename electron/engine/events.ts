// The station's event stream: the server forwards these to WebSocket clients.
import type { StationEvent } from '../../shared/api';

export type Listener = (e: StationEvent) => void;

export class EventHub {
  private listeners = new Set<Listener>();
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(e: StationEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        // A broken subscriber must not stop the others or the engine.
      }
    }
  }
  get size(): number {
    return this.listeners.size;
  }
}
