// How fast a file is being read, for the progress every screen and `fenghuo import` show. The
// rate is taken over the last RATE_WINDOW_MS, not since the start: a station that was busy with
// something else for a minute, or rows that grow longer further down the file, show the pace
// as it is now. Time left is the bytes still to read over the recent byte rate (rows vary in
// length; bytes are what is known of the whole file), given only once the reading has gone on
// long enough for it to mean something. Measured on the station's monotonic clock.
import type { Clock } from '../../clock';

/** The rate is rows read over this last stretch of time. */
export const RATE_WINDOW_MS = 20_000;
/** No time left is given before the file has been read this long. */
export const TIME_LEFT_AFTER_MS = 5_000;
/** Samples closer together than this are merged (progress comes many times a second). */
const SAMPLE_MS = 250;

export interface ImportPace {
  /** Rows per second over the last RATE_WINDOW_MS; null in the first second. */
  rowsPerSec: number | null;
  /** Seconds until the whole file is read at the recent byte rate; null until it means something. */
  secondsLeft: number | null;
  /** Milliseconds since the reading began. */
  elapsedMs: number;
}

interface Sample {
  t: number;
  rows: number;
  bytes: number;
}

export class ImportRate {
  private readonly start: number;
  private samples: Sample[];
  constructor(
    private readonly clock: Clock,
    private readonly bytesTotal: number,
  ) {
    this.start = clock.mono();
    this.samples = [{ t: this.start, rows: 0, bytes: 0 }];
  }

  /** The pace now that `rows` rows and `bytes` bytes of the file are read. */
  at(rows: number, bytes: number): ImportPace {
    const t = this.clock.mono();
    const last = this.samples[this.samples.length - 1]!;
    if (t - last.t >= SAMPLE_MS) this.samples.push({ t, rows, bytes });
    else if (this.samples.length > 1) Object.assign(last, { t, rows, bytes });
    // Keep one sample at or before the window's start, so the window is always full once it can be.
    while (this.samples.length > 2 && this.samples[1]!.t <= t - RATE_WINDOW_MS) this.samples.shift();
    const from = this.samples[0]!;
    const span = t - from.t;
    const elapsedMs = t - this.start;
    if (span < 1000) return { rowsPerSec: null, secondsLeft: null, elapsedMs };
    const rowsPerSec = Math.round(((rows - from.rows) / span) * 1000);
    const bytesPerMs = (bytes - from.bytes) / span;
    const secondsLeft =
      elapsedMs >= TIME_LEFT_AFTER_MS && bytesPerMs > 0 ? Math.ceil(Math.max(0, this.bytesTotal - bytes) / bytesPerMs / 1000) : null;
    return { rowsPerSec, secondsLeft, elapsedMs };
  }

  /** The whole reading: its length and the average rate over it. */
  done(rows: number): ImportPace {
    const elapsedMs = this.clock.mono() - this.start;
    return { rowsPerSec: elapsedMs > 0 ? Math.round((rows / elapsedMs) * 1000) : null, secondsLeft: 0, elapsedMs };
  }
}
