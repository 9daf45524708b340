// A hand-driven clock for the desktop shell's logic (supervisor, engine link, walls): time
// moves only on `advance`, firing each timer that falls due, in order.
import type { Clock } from '../../electron/main/supervisor';

export class TimerClock implements Clock {
  time: number;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  constructor(start = Date.parse('2026-03-01T06:00:00Z')) {
    this.time = start;
  }
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.clearTimeout(due.id);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
  /** Timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }
}
