// station.*: the station's own health. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import type { StationStatus } from '../types';
import { method, none } from './method';

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
  /** The last retention run: when, what it moved, and why it stopped if it failed. */
  lastRun: { at: number; moved: { month: string; mentions: number }[]; error: string | null } | null;
}

/** Addresses a token's link can use to reach this station from other screens. */
export interface StationAddresses {
  /** True when other machines can reach the station (it listens beyond loopback). */
  lan: boolean;
  /** Base addresses (`http://IP:port`), the ones for other machines first; IP literals (Host names are refused). */
  urls: string[];
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
    params: none,
    role: 'admin',
    doc: 'Run retention now (finishes a move cut off by a crash too) and answer the storage after it.',
  }),
} as const;
