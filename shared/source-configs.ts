// Every source kind once: its config schema and its poll interval, in SOURCE_KINDS at the
// end of this file. The kind's name, the `sourceInput` union and `sourceConfigs`
// (shared/schemas.ts) are derived from that table; the engine's side of a kind is
// electron/engine/sources/kinds/<kind>.ts, registered in kinds/index.ts.
import { z } from 'zod';

export const httpUrl = z
  .string()
  .url('must be a full http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');

/** Allow private/loopback addresses (a service on the LAN or this machine). */
const allowPrivate = z.boolean().default(false);

const hashtag = z
  .string()
  .regex(/^#?[\p{L}\p{N}_]+$/u, 'must be a hashtag: letters, digits and _ (the # is optional)');

/** A dot path into a JSON object: `data.items`, `user.name`, `0.text`. A CSV column name works as is. */
export const dotPath = z.string().trim().min(1, 'must not be empty').max(200);

export const fieldMapping = z
  .object({
    guid: dotPath.optional(),
    title: dotPath.optional(),
    text: dotPath.optional(),
    html: dotPath.optional(),
    url: dotPath.optional(),
    author: dotPath.optional(),
    publishedAt: dotPath.optional(),
    reach: dotPath.optional(),
    tags: dotPath.optional(),
    lang: dotPath.optional(),
  })
  .strict();
export type FieldMapping = z.output<typeof fieldMapping>;

/**
 * `iso` (ISO 8601 / RFC 2822), `epoch-s`, `epoch-ms`, or a pattern of YYYY MM DD HH mm ss
 * (e.g. `YYYY/MM/DD HH:mm`) read in `zone` when the text carries no offset of its own.
 */
export const dateFormat = z
  .string()
  .trim()
  .refine(
    (f) => f === 'iso' || f === 'epoch-s' || f === 'epoch-ms' || (/YYYY/.test(f) && /MM/.test(f) && /DD/.test(f)),
    'must be iso, epoch-s, epoch-ms or a pattern with YYYY, MM and DD (HH, mm, ss optional)',
  );
export const zoneOffset = z
  .string()
  .regex(/^(Z|[+-]\d{2}:\d{2})$/, 'must be Z or an offset like +08:00');

export const mastodonConfig = z
  .object({
    /** The instance, e.g. https://mastodon.social */
    instance: httpUrl,
    tag: hashtag,
    /** Also statuses with any of these tags / with all of these / without any of these. */
    any: z.array(hashtag).max(10).default([]),
    all: z.array(hashtag).max(10).default([]),
    none: z.array(hashtag).max(10).default([]),
    /** Some instances require a token for timelines. */
    accessToken: z.string().min(1).max(500).optional(),
    limit: z.number().int().min(1).max(40).default(40),
    allowPrivate,
  })
  .strict();

export const hackernewsConfig = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(500),
    /** Algolia tags filter, e.g. `story`, `comment`, `(story,comment)`. */
    tags: z.string().max(200).optional(),
    baseUrl: httpUrl.default('https://hn.algolia.com'),
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    allowPrivate,
  })
  .strict();

export const redditConfig = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(500),
    /** Search one subreddit only (name without r/). */
    subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'must be a subreddit name like taiwan').optional(),
    baseUrl: httpUrl.default('https://www.reddit.com'),
    limit: z.number().int().min(1).max(100).default(100),
    allowPrivate,
  })
  .strict();

export const jsonConfig = z
  .object({
    url: httpUrl,
    method: z.enum(['GET', 'POST']).default('GET'),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'), z.string().max(2000)).default({}),
    /** Request body for POST. */
    body: z.string().max(100_000).optional(),
    /** Dot path to the items array; absent when the answer itself is the array. */
    itemsPath: dotPath.optional(),
    /** Items as mentions: where each field is. */
    map: fieldMapping.refine((m) => m.text || m.html || m.title, 'map at least one of text, html or title').optional(),
    /**
     * Or items as crowd readings of places (an open-data crowd or parking endpoint): where the
     * place's name, its count and the time are; `counts: 'free'` when the count is of free
     * spaces (a car park), so the place's reading is its capacity minus that.
     */
    readings: z
      .object({ place: dotPath, value: dotPath, at: dotPath.optional(), counts: z.enum(['present', 'free']).default('present') })
      .strict()
      .optional(),
    dateFormat: dateFormat.default('iso'),
    zone: zoneOffset.default('Z'),
    allowPrivate,
  })
  .strict()
  .refine((c) => (c.map === undefined) !== (c.readings === undefined), {
    message: 'give a mapping for mentions (map) or for place readings (readings), one of them',
    path: ['map'],
  });

/** Column layouts of common listening-tool exports; see docs/import-presets.md. */
export const IMPORT_PRESETS = ['generic', 'newsroom', 'zh-monitor'] as const;
export const importPreset = z.enum(IMPORT_PRESETS);

export const folderConfig = z
  .object({
    /** The folder watched (absolute path). Files already there are read once too. */
    path: z.string().trim().min(1, 'must not be empty').max(1000),
    /** `mentions`: CSV/TSV/JSON/JSONL of mentions; `gauges`: readings (gauge, at, value). */
    contents: z.enum(['mentions', 'gauges']).default('mentions'),
    preset: importPreset.default('generic'),
    /** Column (or JSON field) per mention field; overrides the preset's. */
    map: fieldMapping.optional(),
    dateFormat: dateFormat.optional(),
    zone: zoneOffset.optional(),
  })
  .strict();

export const webhookConfig = z
  .object({
    /** Bearer secret of this source's own endpoint; generated when not given. */
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(200)
      .optional()
      .transform((v) => v ?? newSecret()),
    /** Gauges this secret may also push readings to (POST /ingest/gauge/<name>). */
    gauges: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
    /** Field per mention field; default: the same names (guid, title, text, html, url, ...). */
    map: fieldMapping.optional(),
    dateFormat: dateFormat.default('iso'),
    zone: zoneOffset.default('Z'),
  })
  .strict();

export function newSecret(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Replay a stored stretch of this station (for drills) instead of a corpus file. */
export const replayRange = z
  .object({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    /** Only mentions of these sources; all when absent. */
    sourceIds: z.array(z.number().int().positive()).max(200).optional(),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: '"to" must be after "from"', path: ['to'] });

/** A gauge reading as pushed or imported. */
export const gaugeReading = z
  .object({
    /** Epoch ms, or an ISO date; absent: now. */
    at: z.union([z.number().int().nonnegative(), z.string().min(1)]).optional(),
    value: z.number().finite(),
    unit: z.string().max(40).optional(),
    capacity: z.number().positive().optional(),
  })
  .strict();

export const feedConfig = z
  .object({
    url: httpUrl,
    /** Allow private/loopback addresses (a feed on the LAN or this machine). */
    allowPrivate: z.boolean().default(false),
  })
  .strict();

export const replayConfig = z
  .object({
    /** 'demo' for the bundled demo corpus, or a path to a corpus JSONL file. */
    corpus: z.string().min(1).optional(),
    /** Or: a stored stretch of this station, replayed for a drill. */
    range: replayRange.optional(),
    /** 1 = real time; 60 = an hour a minute. */
    speed: z.number().min(0.1).max(100_000).default(1),
    /** Only replay items of this corpus source name (demo sources are one per name). */
    only: z.string().optional(),
    /** Or: recorded crowd readings of places (JSON lines of { gauge, t, value }; 'demo' for the demo's festival places). */
    places: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => [c.corpus, c.range, c.places].filter((x) => x !== undefined).length === 1, 'give either corpus or range (or places): exactly one of them');

/** A kind's config, and its interval in seconds (bounds and default). */
interface KindEntry {
  config: z.ZodType;
  minIntervalSec: number;
  defaultIntervalSec: number;
}

/** Polled over HTTP: at least 10 s between polls, 5 min by default. */
const overHttp = { minIntervalSec: 10, defaultIntervalSec: 300 } as const;
/** Watched or pushed to: the interval is not a poll's. */
const notPolled = { minIntervalSec: 1, defaultIntervalSec: 300 } as const;

export const SOURCE_KINDS = {
  feed: { config: feedConfig, ...overHttp },
  replay: { config: replayConfig, minIntervalSec: 1, defaultIntervalSec: 2 },
  mastodon: { config: mastodonConfig, ...overHttp },
  hackernews: { config: hackernewsConfig, ...overHttp },
  reddit: { config: redditConfig, ...overHttp },
  json: { config: jsonConfig, ...overHttp },
  folder: { config: folderConfig, ...notPolled },
  webhook: { config: webhookConfig, ...notPolled },
} as const satisfies Record<string, KindEntry>;

export type SourceKind = keyof typeof SOURCE_KINDS;
export const SOURCE_KIND_NAMES = Object.keys(SOURCE_KINDS) as [SourceKind, ...SourceKind[]];
