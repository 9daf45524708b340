// Migration 009 (the unused FTS5 index goes): a station file made by schema 8, its mentions
// indexed, upgrades in place and keeps every mention, rollup and topic link; the index, its
// triggers and its shadow tables are gone, and Explore's search (the topic matcher over the
// stored rows) answers exactly what a brute-force reference says. Then the store's plans for a
// big and a small topic page and count exactly as a reference.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { queryIds, resolveQuery } from '../../electron/engine/api/mention-query';
import { integrityCheck, schemaVersion } from '../../electron/engine/store/db';
import { migrations } from '../../electron/engine/store/migrations';
import { DB_FILE, Store, type NewMention } from '../../electron/engine/store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const T0 = Date.UTC(2026, 10, 25, 6, 0);

const TEXTS: [string | null, string, string | null][] = [
  ['颱風停電', '台北今天又斷訊了，極光電信客服電話打不通', '小明'],
  [null, 'Aurora Telecom OUTAGE again, support says wait', 'bob'],
  ['退費', '極光電信說會補償，但退費流程很慢', null],
  [null, 'refund please — outage lasted 3 hours', 'Outage Watch'],
  ['Signal', '基地台維修中 signal weak 斷訊', 'alice'],
  [null, '斷', null],
  [null, 'the outage_map shows 100% loss', 'ops'],
  ['極光', '看到極光了', '小華'],
];
// Quoted: a phrase, found in the title or the text (Latin words whole, any ASCII case).
const QUERIES = ['極光電信', '斷訊', 'outage', 'OUTAGE', '退費流程', 'signal weak', '100%', 'outage_map', '極光', 'telecom', 'nothing-here'];

function row(i: number, [title, text, author]: (typeof TEXTS)[number], sourceId: number, topicIds: number[]): NewMention {
  return {
    sourceId, guid: `g${i}`, contentHash: `h${i}`, url: null, title, text, html: null, author, lang: 'zh-Hant',
    publishedAt: T0 + i * 17_000, fetchedAt: T0, sentiment: ((i % 3) - 1) * 0.5, label: ((i % 3) - 1) as -1 | 0 | 1,
    emotions: { anger: i % 2 }, reach: 0, tags: [], topicIds,
  };
}

/** Every mention whose title or text holds the phrase (whole Latin words), any ASCII case, newest id first. */
function expected(store: Store, q: string): number[] {
  const rows = store.db.prepare(`SELECT id, title, text FROM mentions`).all() as { id: number; title: string | null; text: string }[];
  const word = /[A-Za-z0-9_]/;
  const phrase = new RegExp(
    (word.test(q[0]!) ? '(?<![A-Za-z0-9_])' : '') + q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (word.test(q.at(-1)!) ? '(?![A-Za-z0-9_])' : ''),
    'i',
  );
  const has = (s: string | null) => s != null && phrase.test(s);
  return rows.filter((r) => has(r.text) || has(r.title)).map((r) => r.id).sort((a, b) => b - a);
}
const found = async (store: Store, q: string) => [...(await queryIds(store, `"${q}"`)).ids].sort((a, b) => b - a);

describe('migration 009: the unused full-text index goes', () => {
  it('upgrades a schema-8 file in place: every mention kept, the index gone, search answers as a reference', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fts9-'));
    dirs.push(dir);
    // A station file as schema 8 left it: rows indexed per batch.
    const old = new Database(path.join(dir, DB_FILE));
    for (const m of migrations.filter((m) => m.version <= 8)) old.exec(m.up);
    old.pragma('user_version = 8');
    old.prepare(`INSERT INTO sources (id, name, kind, config, interval_sec, created_at) VALUES (1, 'PTT', 'feed', '{}', 300, 0)`).run();
    const ins = old.prepare(`INSERT INTO mentions (source_id, guid, content_hash, title, text, author, lang, published_at, fetched_at, sentiment, label)
      VALUES (1, ?, ?, ?, ?, ?, 'zh-Hant', ?, 0, 0, 0)`);
    TEXTS.forEach(([title, text, author], i) => ins.run(`old${i}`, `old${i}`, title, text, author, T0 - 86_400_000 + i));
    old.exec(`INSERT INTO mentions_fts (rowid, title, text, author) SELECT id, title, text, author FROM mentions`);
    // …with their rollups, as ingest on schema 8 wrote them.
    old.exec(`INSERT INTO rollup_source_minute (source_id, minute, count, pos, neu, neg, sent_sum)
      SELECT source_id, published_at / 60000, count(*), sum(label = 1), sum(label = 0), sum(label = -1), sum(sentiment) FROM mentions GROUP BY 1, 2`);
    expect(old.prepare(`SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH '"極光電信"'`).pluck().get()).toBe(2);
    old.close();

    const store = Store.open(dir);
    try {
      expect(schemaVersion(store.db)).toBe(migrations[migrations.length - 1]!.version);
      expect(store.db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'mentions_fts%'`).pluck().all()).toEqual([]);
      expect(store.mentions.count()).toBe(TEXTS.length);
      expect(integrityCheck(store.db)).toBe('ok');
      expect(store.mentions.rollupDiff()).toEqual([]);
      // The same texts again, through ingest, in batches with duplicates among them.
      const topicId = store.topics.add({ name: '極光', query: '極光電信', color: '#f00' }, T0);
      let i = 0;
      for (let round = 0; round < 3; round++) {
        const batch = TEXTS.map((t) => row(i++, t, 1, [topicId]));
        batch.push({ ...batch[0]! }); // the same guid twice: one is a duplicate
        const r = store.ingest(batch);
        expect(r.ids.length).toBe(TEXTS.length);
        expect(r.stored.map((m) => m.guid)).toEqual(batch.slice(0, TEXTS.length).map((m) => m.guid));
      }
      for (const q of QUERIES) {
        const ids = await found(store, q);
        expect(ids, q).toEqual(expected(store, q));
        // Every old row's copy is found as often as the old row: 3 new copies per old hit.
        const oldHits = ids.filter((id) => id <= TEXTS.length).length;
        expect(ids.length, q).toBe(oldHits * 4);
      }
      expect((await found(store, '極光電信')).length).toBe(8);
      // The stored count (migration 010): the upgraded rows and what ingest added, duplicates not.
      expect(store.mentions.count()).toBe(TEXTS.length * 4);
      expect(integrityCheck(store.db)).toBe('ok');
      expect(store.mentions.rollupDiff()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('the wall stream asks for a page without counting every match, and gets the same page', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fts9-'));
    dirs.push(dir);
    const store = Store.open(dir);
    try {
      const sourceId = store.sources.add({ name: 'PTT', kind: 'feed', config: { url: 'https://example.org/feed' }, enabled: true, intervalSec: 300 }, T0);
      store.ingest(Array.from({ length: 120 }, (_, i) => row(i, TEXTS[i % TEXTS.length]!, sourceId, [])));
      const full = store.mentions.find({}, 50);
      const page = store.mentions.find({}, 50, 0, { total: false });
      expect(full.total).toBe(120);
      expect(page.items.map((m) => m.id)).toEqual(full.items.map((m) => m.id));
    } finally {
      store.close();
    }
  });

  it('a big topic (walked by time) and a small one (links looked up) page and count a search exactly as a brute-force reference', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fts9-'));
    dirs.push(dir);
    const store = Store.open(dir);
    try {
      const sourceId = store.sources.add({ name: 'PTT', kind: 'feed', config: { url: 'https://example.org/feed' }, enabled: true, intervalSec: 300 }, T0);
      const topicId = store.topics.add({ name: 'x', query: 'x', color: '#f00' }, T0);
      const smallTopic = store.topics.add({ name: 'y', query: 'y', color: '#0f0' }, T0);
      const rows: NewMention[] = [];
      for (let i = 0; i < 5000; i++) {
        // Publish times out of id order, some equal, so the order is by time then id.
        const base = row(i, [null, i % 2 ? `outage report ${i}` : i % 97 === 0 ? `rare 罕見詞 ${i}` : `calm ${i}`, null], sourceId, i % 3 ? [topicId] : i % 30 === 0 ? [smallTopic] : []);
        rows.push({ ...base, publishedAt: T0 + ((i * 7919) % 1500) * 60_000 });
      }
      for (let i = 0; i < rows.length; i += 700) store.ingest(rows.slice(i, i + 700));
      const all = store.db.prepare(`SELECT id, text, published_at AS t FROM mentions`).all() as { id: number; text: string; t: number }[];
      const links = (t: number) => new Set(store.db.prepare(`SELECT mention_id FROM mention_topics WHERE topic_id = ?`).pluck().all(t) as number[]);
      const linked = new Map([[topicId, links(topicId)], [smallTopic, links(smallTopic)]]);
      expect(linked.get(topicId)!.size).toBeGreaterThan(2000); // walked by time
      expect(linked.get(smallTopic)!.size).toBeLessThan(2000); // looked up
      const ref = (q: string, topic: number | null) =>
        all.filter((r) => r.text.toLowerCase().includes(q.toLowerCase()) && (!topic || linked.get(topic)!.has(r.id))).sort((a, b) => b.t - a.t || b.id - a.id).map((r) => r.id);
      for (const q of ['outage', 'OUTAGE report', '罕見詞', 'rare', 'nowhere-at-all', '']) {
        for (const topic of [null, topicId, smallTopic]) {
          const want = ref(q, topic);
          // As the api asks: the query resolved to ids by the matcher, the topic as SQL.
          const { filter: f } = await resolveQuery(store, topic ? { q: q && `"${q}"`, topicId: topic } : { q: q && `"${q}"` });
          const first = store.mentions.find(f, 50);
          expect(first.items.map((m) => m.id), q).toEqual(want.slice(0, 50));
          expect(first.total, q).toBe(want.length);
          expect(store.mentions.find(f, 50, 1200).items.map((m) => m.id), q).toEqual(want.slice(1200, 1250));
        }
      }
      expect(store.mentions.rollupDiff()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('a big source (walked by time) and a small one (its index) page and count exactly as a brute-force reference', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-src-'));
    dirs.push(dir);
    const store = Store.open(dir);
    try {
      const big = store.sources.add({ name: 'PTT', kind: 'feed', config: { url: 'https://example.org/a' }, enabled: true, intervalSec: 300 }, T0);
      const small = store.sources.add({ name: 'Dcard', kind: 'feed', config: { url: 'https://example.org/b' }, enabled: true, intervalSec: 300 }, T0);
      const rows: NewMention[] = [];
      for (let i = 0; i < 5000; i++) {
        const base = row(i, [null, `post ${i}`, null], i % 25 === 0 ? small : big, []);
        rows.push({ ...base, lang: i % 3 ? 'zh-Hant' : 'en', publishedAt: T0 + ((i * 7919) % 1500) * 60_000 });
      }
      for (let i = 0; i < rows.length; i += 700) store.ingest(rows.slice(i, i + 700));
      const all = store.db.prepare(`SELECT id, source_id AS s, lang, published_at AS t FROM mentions`).all() as { id: number; s: number; lang: string; t: number }[];
      expect(all.filter((r) => r.s === big).length).toBeGreaterThan(2000);
      expect(all.filter((r) => r.s === small).length).toBeLessThan(2000);
      for (const sourceId of [big, small]) {
        for (const lang of [undefined, 'en'] as const) {
          const want = all.filter((r) => r.s === sourceId && (!lang || r.lang === lang)).sort((a, b) => b.t - a.t || b.id - a.id).map((r) => r.id);
          const f = lang ? { sourceId, lang } : { sourceId };
          const first = store.mentions.find(f, 50);
          expect(first.items.map((m) => m.id)).toEqual(want.slice(0, 50));
          expect(first.total).toBe(want.length);
          expect(store.mentions.find(f, 50, 150).items.map((m) => m.id)).toEqual(want.slice(150, 200));
        }
      }
    } finally {
      store.close();
    }
  });
});
