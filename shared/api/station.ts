// station.*: the station's own health. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { StationStatus } from '../types';
import { method, none, type Role } from './method';

/** The station file and its monthly archives, and the retention setting that moves months there. */
export interface StationStorage {
  /** Months of mentions kept in the station file besides the current one; null: keep everything there. */
  keepMonths: number | null;
  /** The station file with its WAL, in bytes. */
  liveBytes: number;
  /** Space inside the station file freed by archiving, reused by new mentions before the file grows. */
  freeBytes: number;
  /** One read-only file per archived calendar month (UTC), oldest first. */
  archives: { month: string; mentions: number; bytes: number }[];
  running: boolean;
  /** While a run is going on: the month it is moving and how far it is. */
  progress: RetentionProgress | null;
  /** The last retention run: when, what it moved, and why it stopped if it failed. */
  lastRun: { at: number; moved: { month: string; mentions: number }[]; error: string | null } | null;
  /** The next start rewrites the station file without its free space first (station.compactAtStart). */
  compactAtStart: boolean;
  /** The last such rewrite (compactAtStart or `fenghuo compact`'s kind), or null. */
  lastCompaction: Compaction | null;
}

/** A rewrite of the station file without its free space: when, its bytes, how long, or why it did not happen. */
export interface Compaction {
  at: number;
  /** The file with its WAL before, and the file after (bytes). */
  beforeBytes: number;
  afterBytes: number;
  ms: number;
  /** Why it did not happen (the file was left as it was), or null. */
  error: string | null;
}

/**
 * A retention run under way: the month it is moving (the `index`-th, from 1, of `months` due),
 * and the step — copying the month into its archive file (one transaction: `done` stays 0 until
 * it ends), then deleting it from the station file in slices (`done` of `total` mentions).
 */
export interface RetentionProgress {
  month: string;
  index: number;
  months: number;
  step: 'copy' | 'delete';
  done: number;
  total: number;
}

/** Addresses a token's link can use to reach this station from other screens. */
export interface StationAddresses {
  /** True when other machines can reach the station (it listens beyond loopback). */
  lan: boolean;
  /** Base addresses (`http://IP:port`), the ones for other machines first; IP literals (Host names are refused). */
  urls: string[];
}

/**
 * What a screen says of itself on its event stream, every 30 s (the stream is otherwise the
 * station's to send on): what it shows, whether it is drawing, its size and its page's memory.
 * Anything else a screen sends, or more than one a second, is ignored.
 */
export const screenReport = z
  .object({
    type: z.literal('report'),
    /** The app's view: wall, explore, sources, … */
    view: z.string().max(40),
    /** The board a wall shows, by name; null elsewhere. */
    board: z.string().max(200).nullable(),
    /** Frames the page drew in a second sampled just before; null when hidden (browsers then draw nothing). */
    fps: z.number().min(0).max(1000).nullable(),
    visible: z.boolean(),
    /** The page's JavaScript heap in MB (Chromium-based browsers say; others null). */
    heapMb: z.number().min(0).max(1_000_000).nullable(),
    /** The screen's drawing size in device pixels (the window's CSS size times its pixel ratio). */
    width: z.number().int().min(0).max(100_000),
    height: z.number().int().min(0).max(100_000),
    /** The language the page speaks. */
    lang: z.string().max(20),
  })
  .strict();
export type ScreenReport = Omit<z.infer<typeof screenReport>, 'type'>;

/**
 * One open event stream: a wall browser, the desktop window, a public crowd-lights page or a
 * program. Times are the station's wall-clock milliseconds; compare them with `at` of the answer.
 */
export interface Screen {
  /** Numbered from 1 in the order streams opened since the station started. */
  id: number;
  role: Role;
  /** The token made in the app it opened with (its name shown), or null for a token the station was started with (the desktop window's, `fenghuo serve`'s). */
  tokenId: string | null;
  tokenName: string | null;
  /** The address it connects from. */
  address: string;
  /** Its browser's User-Agent, clipped to 300 characters. */
  agent: string;
  /** When its stream opened. */
  since: number;
  /** Events sent to it, and when the last one went. */
  events: number;
  lastEventAt: number | null;
  /** Bytes sent to it that it has not read yet (a screen that stops reading is cut at 1 MB and reconnects). */
  behindBytes: number;
  /** Its latest report of itself, and when it came (null: none yet — a program, or a page just opened). */
  report: ScreenReport | null;
  reportAt: number | null;
}

/** The station process's own load, over about the last minute (less just after a start). */
export interface StationLoad {
  /** Seconds the figures below cover. */
  windowSec: number;
  /** CPU time of the whole process (every thread) per second of wall time: 1 = one core busy; null until a first reading. */
  cpu: number | null;
  cores: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** The event loop's delay (ms): the worst 5-second 99th percentile and the longest single delay. Every api answer and event waits that long at worst. Timed only while the station room is open (null at its first reading). */
  loopDelayP99Ms: number | null;
  loopDelayMaxMs: number | null;
  /** Mentions stored within the window (every source, push and import); null when the store cannot be read. */
  mentionsStored: number | null;
  uptimeSec: number;
}

/** A token's screens all closed this long count as a wall gone dark (a reload reconnects well within it). */
export const DARK_AFTER_MS = 30_000;

/** At most this many open streams are listed (a public page may have many visitors); `open` counts them all. */
export const SCREENS_LISTED = 500;

/** Who is watching and what it costs: the open streams, when each app-made token last had one, and the load. */
export interface StationScreens {
  /** The station's wall-clock time of this answer. */
  at: number;
  /** The open streams: walls and the app's windows first, then public pages, each oldest first; at most SCREENS_LISTED. */
  screens: Screen[];
  /** How many streams are open, by role (more than are listed when a public page draws a crowd). */
  open: Record<Role, number>;
  /** App-made tokens with at least one stream open now, listed or not (a public page's crowd may run past the list). */
  openTokens: string[];
  /** App-made tokens with no screen open that had one: when the last one closed (kept across restarts; a stop with one open counts as its close). */
  lastSeen: { tokenId: string; at: number }[];
  /** When the station (this process) started, so a token never seen says since when. */
  startedAt: number;
  load: StationLoad;
}

const keepMonths = z
  .number()
  .int()
  .min(1)
  .max(120)
  .nullable()
  .describe('months of mentions kept in the station file besides the current one (UTC months); null keeps everything');

export const stationApi = {
  'station.status': method<StationStatus>()({
    params: none,
    role: 'viewer',
    doc: 'Station name, demo flag, counts, newest data time and source health summary.',
  }),
  'station.storage': method<StationStorage>()({
    params: none,
    role: 'viewer',
    doc: 'The station file size, the monthly archive files (month, mentions, bytes) and the retention setting.',
  }),
  'station.setRetention': method<StationStorage>()({
    params: z.object({ keepMonths }).strict(),
    role: 'admin',
    doc: 'Keep N months of mentions in the station file (older whole months move to read-only archive files, still searched; rollups stay), or null to keep everything.',
  }),
  'station.addresses': method<StationAddresses>()({
    params: none,
    role: 'admin',
    doc: "The addresses this station can be opened at (its network interfaces' IP addresses when it listens on all of them), for the links of the tokens it hands out.",
  }),
  'station.archiveNow': method<StationStorage>()({
    params: z.object({ wait: z.boolean().optional() }).strict(),
    role: 'admin',
    doc: 'Start a retention run now (it finishes a move cut off by a crash too) and answer the storage with it running; station.storage follows its progress. With wait: true, answer only after the run (a month takes minutes at millions of mentions).',
  }),
  'station.compactAtStart': method<StationStorage>()({
    params: z.object({ on: z.boolean() }).strict(),
    role: 'admin',
    doc: "Ask the station's next start to give the station file's free space (freeBytes, left by retention) back to the disk, or call that off. The start rewrites the file first (14 s for a 2.2 GB file of ten million mentions on the development machine; walls wait meanwhile) and needs room on the disk for the rewritten copy; station.storage's lastCompaction says how it went.",
  }),
  'station.screens': method<StationScreens>()({
    params: none,
    role: 'admin',
    doc: "Who is watching: every open event stream (a wall browser, the desktop window, a public page) with the token it came with, its address and browser, since when, the events sent and how far behind it is; when each app-made token last had a screen open since the station started; and the station process's load over the last minute (CPU, memory, the event loop's delay, mentions stored).",
  }),
} as const;
