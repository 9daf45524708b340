// Topic rollups per hour (migration 011): charts over weeks read whole hours from the hour
// table and only the ragged minutes from the minute table. Every answer must equal the sums of
// the minutes themselves, for any range and bucket, after ingest, corrections and re-tagging.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, Store, type NewMention } from '../../electron/engine/store';
import { migrations } from '../../electron/engine/store/migrations';
import { hourPlan, minuteOf, type BucketRow } from '../../electron/engine/store/rollups';
import { relinkTopic } from '../../electron/engine/store/retag';
import { rng } from '../helpers/rng';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 1);
const MIN = 60_000;

/** The old reading: every minute of the range, bucketed. */
function byMinutes(store: Store, from: number, to: number, bucketMin: number, topicIds: number[]): BucketRow[] {
  const rows = store.db
    .prepare(`SELECT topic_id, minute, count, pos, neg, sent_sum FROM rollup_topic_minute WHERE minute >= ? AND minute < ?`)
    .all(from, to) as { topic_id: number; minute: number; count: number; pos: number; neg: number; sent_sum: number }[];
  const out = new Map<string, BucketRow>();
  for (const r of rows) {
    if (topicIds.length && !topicIds.includes(r.topic_id)) continue;
    const b = Math.floor((r.minute - from) / bucketMin);
    const k = `${r.topic_id}:${b}`;
    const a = out.get(k) ?? { topic_id: r.topic_id, b, count: 0, pos: 0, neg: 0, sent: 0 };
    a.count += r.count;
    a.pos += r.pos;
    a.neg += r.neg;
    a.sent += r.sent_sum;
    out.set(k, a);
  }
  return sorted([...out.values()]);
}

function sorted(rows: BucketRow[]): BucketRow[] {
  return rows
    .filter((r) => r.count > 0)
    .map((r) => ({ ...r, sent: Math.round(r.sent * 1e6) / 1e6 }))
    .sort((a, b) => a.topic_id - b.topic_id || a.b - b.b);
}

describe('topic rollups per hour', () => {
  it('charts, totals and the recount agree with the minutes for any range and bucket, after corrections and a re-tag', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-hours-'));
    dirs.push(dir);
    const store = Store.open(dir);
    try {
      const source = store.sources.add({ name: 'feed', kind: 'feed', config: { url: 'https://x.invalid/' }, enabled: false, intervalSec: 60 }, T0);
      const topics = [1, 2, 3].map((i) => store.topics.add({ name: `t${i}`, query: `t${i}`, color: '#fff' }, T0));
      const r = rng(11);
      // Ten days, before 1970 too (a minute's hour is its floor there as well).
      const rows: NewMention[] = [];
      for (let i = 0; i < 1500; i++) {
        const label = (Math.floor(r() * 3) - 1) as -1 | 0 | 1;
        const at = i < 100 ? -3 * 3_600_000 + Math.floor(r() * 6 * 3_600_000) : T0 + Math.floor(r() * 10 * 86_400_000);
        rows.push({
          sourceId: source, guid: `g${i}`, contentHash: `h${i}`, url: null, title: null, text: `t ${i}`, html: null, author: null, lang: 'en',
          publishedAt: at, fetchedAt: T0, sentiment: label * r(), label, emotions: { joy: r() }, reach: 0, tags: [],
          topicIds: topics.filter(() => r() < 0.5),
        });
      }
      for (let i = 0; i < rows.length; i += 250) store.ingest(rows.slice(i, i + 250));
      // Corrections move a mention between labels in its minute and its hour.
      const ids = store.db.prepare(`SELECT id FROM mentions ORDER BY id LIMIT 40`).pluck().all() as number[];
      ids.forEach((id, i) => store.corrections.correct(id, i % 2 ? 'positive' : 'negative'));
      // A re-tag recounts a topic's minutes whose links changed since a time that is not on the
      // hour (before 1970 too), and their hours from them.
      for (const from of [T0 + 4 * 86_400_000 + 17 * MIN, -2 * 3_600_000 + 17 * MIN]) {
        const linked = store.db.prepare(`SELECT id FROM mentions WHERE published_at >= ? AND id % 3 = 0`).pluck().all(from) as number[];
        const { changed } = await relinkTopic(store, topics[0]!, from, linked, Number.MAX_SAFE_INTEGER);
        expect(changed).toBeGreaterThan(100);
        expect(store.mentions.rollupDiff()).toEqual([]);
        // (rollupDiff reads the minutes before 1970 too.) The topic's minutes against its links
        // directly as well (a minute is the floor of the time, as ingest counts it).
        const t = topics[0]!;
        expect(store.db.prepare(`SELECT minute, count, neg FROM rollup_topic_minute WHERE topic_id = ? ORDER BY minute`).all(t)).toEqual(
          store.db.prepare(`SELECT ${minuteOf('m.published_at')} AS minute, count(*) AS count, sum(m.label = -1) AS neg
            FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id WHERE mt.topic_id = ? GROUP BY 1 ORDER BY 1`).all(t),
        );
      }

      const m0 = T0 / MIN;
      const cases: [number, number, number, number[]][] = [
        [m0, m0 + 10 * 1440, 1440, []], // days, on the hour
        [m0 - 7, m0 + 10 * 1440 + 13, 1440, []], // days, off the hour: each day's edge cuts an hour
        [m0 + 30, m0 + 5 * 1440, 120, [topics[1]!]], // two hours, one topic
        [m0 + 1, m0 + 3 * 1440 - 1, 60, topics], // hours, off by a minute
        [m0 + 600, m0 + 1200, 20 * 60, []], // one bucket
        [m0, m0 + 90, 60, []], // too short for hours
        [m0, m0 + 1440, 15, []], // not whole hours: minutes only
        [-300, 200, 120, []], // across 1970
      ];
      for (let k = 0; k < 20; k++) {
        const a = m0 - 60 + Math.floor(r() * 9 * 1440);
        cases.push([a, a + 60 + Math.floor(r() * 1440 * 3), 60 * (1 + Math.floor(r() * 30)), r() < 0.3 ? [topics[2]!] : []]);
      }
      for (const [a, b, size, only] of cases) {
        expect(sorted(store.rollups.topicBuckets(a, b, size, only)), `${a - m0}..${b - m0} by ${size}`).toEqual(byMinutes(store, a, b, size, only));
        const totals = store.rollups.perTopic(a, b);
        for (const t of topics) {
          const want = byMinutes(store, a, b, b - a, [t]);
          expect(totals.get(t)?.count ?? 0, `${a - m0}..${b - m0} topic ${t}`).toBe(want[0]?.count ?? 0);
          expect(totals.get(t)?.neg ?? 0).toBe(want[0]?.neg ?? 0);
        }
      }
      // The day buckets on the hour need no minute at all.
      expect(hourPlan(m0, m0 + 10 * 1440, 1440)).toEqual({ h0: m0 / 60, h1: m0 / 60 + 240, minutes: [] });
    } finally {
      store.close();
    }
  });

  it('an older file gets its hours built from its minutes when it is opened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-hours-'));
    dirs.push(dir);
    const old = new Database(path.join(dir, DB_FILE));
    for (const m of migrations.filter((m) => m.version <= 10)) old.exec(m.up);
    old.pragma('user_version = 10');
    const ins = old.prepare(`INSERT INTO rollup_topic_minute (topic_id, minute, count, pos, neu, neg, sent_sum, joy) VALUES (?, ?, ?, ?, 0, ?, ?, ?)`);
    for (const minute of [-61, -60, -1, 0, 59, 60, 29_000_000, 29_000_059, 29_000_060]) ins.run(minute % 2 ? 1 : 2, minute, 3, 2, 1, 0.25, 0.5);
    old.close();
    const store = Store.open(dir);
    try {
      expect(store.db.prepare(`SELECT count(*) FROM rollup_topic_hour`).pluck().get()).toBe(9);
      expect(store.mentions.rollupDiff().filter((k) => k.startsWith('topic-hour'))).toEqual([]);
      // The day around 29,000,000 minutes, by the hour table: all three minutes of the two topics.
      const day = store.rollups.topicBuckets(28_999_200, 29_000_640, 1440, []);
      expect(day.reduce((n, r) => n + r.count, 0)).toBe(9);
    } finally {
      store.close();
    }
  });
});
