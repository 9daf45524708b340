import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { integrityCheck, openDb, schemaVersion } from '../../electron/engine/store/db';
import { migrations } from '../../electron/engine/store/migrations';
import { Store, type NewMention } from '../../electron/engine/store';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);

function mention(sourceId: number, guid: string, over: Partial<NewMention> = {}): NewMention {
  return {
    sourceId,
    guid,
    contentHash: `hash-${sourceId}-${guid}`,
    url: null,
    title: null,
    text: `text of ${guid}`,
    html: null,
    author: 'someone',
    lang: 'zh-Hant',
    publishedAt: T0,
    fetchedAt: T0,
    sentiment: 0,
    label: 0,
    emotions: {},
    reach: 0,
    tags: [],
    topicIds: [],
    ...over,
  };
}

function station(): { store: Store; sourceId: number; topicId: number } {
  const store = Store.open(tmp());
  const sourceId = store.sources.add(
    { name: 'PTT', kind: 'feed', config: { url: 'https://example.org/feed' }, enabled: true, intervalSec: 300 },
    T0,
  );
  const topicId = store.topics.add({ name: '台積電', query: '台積電', color: '#ff0000' }, T0);
  return { store, sourceId, topicId };
}

describe('the station file', () => {
  it('is created with every migration applied, in WAL mode, and passes an integrity check', () => {
    const dir = tmp();
    const db = openDb(path.join(dir, 'a.db'));
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1]!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(integrityCheck(db)).toBe('ok');
    db.close();
  });

  it('opens again without re-running migrations', () => {
    const dir = tmp();
    openDb(path.join(dir, 'a.db')).close();
    const db = openDb(path.join(dir, 'a.db'));
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('refuses a file written by a newer Fenghuo instead of damaging it', () => {
    const dir = tmp();
    const db = openDb(path.join(dir, 'a.db'));
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDb(path.join(dir, 'a.db'))).toThrow(/newer Fenghuo/);
  });
});

describe('ingesting mentions', () => {
  it('stores a batch once: the same (source, guid) again is a duplicate, not a second row', () => {
    const { store, sourceId } = station();
    const first = store.ingest([mention(sourceId, 'a'), mention(sourceId, 'b')]);
    const again = store.ingest([mention(sourceId, 'a'), mention(sourceId, 'c')]);
    expect(first).toMatchObject({ ids: expect.any(Array), duplicates: 0 });
    expect(first.stored.map((m) => m.guid)).toEqual(['a', 'b']);
    expect(again.stored.map((m) => m.guid)).toEqual(['c']);
    expect(first.ids).toHaveLength(2);
    expect(again.ids).toHaveLength(1);
    expect(again.duplicates).toBe(1);
    expect(store.mentions.count()).toBe(3);
    store.close();
  });

  it('keeps a story syndicated by a second source once, by its content hash', () => {
    const { store, sourceId } = station();
    const other = store.sources.add(
      { name: 'News', kind: 'feed', config: { url: 'https://example.com/rss' }, enabled: true, intervalSec: 300 },
      T0,
    );
    store.ingest([mention(sourceId, 'a', { contentHash: 'same-story' })]);
    const r = store.ingest([mention(other, 'zzz', { contentHash: 'same-story' })]);
    expect(r.duplicates).toBe(1);
    expect(store.mentions.count()).toBe(1);
    store.close();
  });

  it("stores the pipeline's SHA-1 as an 8-byte key, and still knows stories an earlier build keyed by all 40 digits", () => {
    const dir = tmp();
    let store = Store.open(dir);
    const add = (name: string) =>
      store.sources.add({ name, kind: 'feed', config: { url: `https://example.org/${name}` }, enabled: true, intervalSec: 300 }, T0);
    const [ptt, news] = [add('PTT'), add('News')];
    const sha = (s: string) => createHash('sha1').update(s).digest('hex');
    store.ingest([mention(ptt, 'old', { contentHash: sha('old story') }), mention(ptt, 'new', { contentHash: sha('new story') })]);
    expect(store.db.prepare(`SELECT typeof(content_hash) AS t, length(content_hash) AS n FROM mentions`).all()).toEqual([
      { t: 'blob', n: 8 },
      { t: 'blob', n: 8 },
    ]);
    // A file from before: the first story under its 40-digit hex, a third already archived under its own.
    store.db.prepare(`UPDATE mentions SET content_hash = ? WHERE guid = 'old'`).run(sha('old story'));
    store.db.prepare(`INSERT INTO archived_keys (source_id, guid, content_hash, published_at) VALUES (?, 'gone', ?, ?)`).run(ptt, sha('archived story'), T0);
    store.close();
    store = Store.open(dir);
    const again = (guid: string, story: string) => store.ingest([mention(news, guid, { contentHash: sha(story) })]).duplicates;
    expect(again('n1', 'old story')).toBe(1);
    expect(again('n2', 'new story')).toBe(1);
    expect(again('n3', 'archived story')).toBe(1);
    expect(again('n4', 'another story')).toBe(0);
    expect(store.mentions.count()).toBe(3);
    store.close();
  });

  it('counts each mention into per-minute rollups per topic and per source, equal to a recount', () => {
    const { store, sourceId, topicId } = station();
    store.ingest([
      mention(sourceId, 'a', { topicIds: [topicId], label: -1, sentiment: -0.8, publishedAt: T0 }),
      mention(sourceId, 'b', { topicIds: [topicId], label: 1, sentiment: 0.5, publishedAt: T0 + 10_000 }),
      mention(sourceId, 'c', { topicIds: [], label: 0, sentiment: 0, publishedAt: T0 + 120_000 }),
    ]);
    const m = store.lights.windowMetrics(topicId, Math.floor(T0 / 60_000), Math.floor(T0 / 60_000) + 10);
    expect(m).toMatchObject({ count: 2, pos: 1, neg: 1 });
    expect(m.sentSum).toBeCloseTo(-0.3);
    expect(store.mentions.rollupDiff()).toEqual([]);
    store.close();
  });

  it('notices when rollups disagree with the mentions (the recount is a real check)', () => {
    const { store, sourceId, topicId } = station();
    store.ingest([mention(sourceId, 'a', { topicIds: [topicId] })]);
    const minute = store.db.prepare('SELECT minute FROM rollup_topic_minute').pluck().get() as number;
    store.db.prepare('UPDATE rollup_topic_minute SET count = count + 1').run();
    expect(store.mentions.rollupDiff()).toContain(`topic:${topicId}:${minute}`);
    // A minute counted that holds nothing, and one missing: each side is read for what the other lacks.
    store.db.prepare('UPDATE rollup_topic_minute SET count = count - 1').run();
    store.db.prepare(`INSERT INTO rollup_source_minute (source_id, minute, count, pos, neu, neg, sent_sum) VALUES (?, ?, 1, 0, 1, 0, 0)`).run(sourceId, minute + 5);
    store.db.prepare('DELETE FROM rollup_topic_minute').run();
    expect(store.mentions.rollupDiff().sort()).toEqual([`source:${sourceId}:${minute + 5}`, `topic:${topicId}:${minute}`, `topic-hour:${topicId}:${Math.floor(minute / 60)}`].sort());
    store.close();
  });

  it('writes the source poll state in the same transaction as its batch', () => {
    const { store, sourceId } = station();
    expect(() =>
      store.ingest([mention(sourceId, 'a'), mention(sourceId, 'b', { label: 7 as never })], {
        id: sourceId,
        poll: { cursor: 'after-b', etag: null, lastModified: null },
        now: T0,
        nextCheckAt: T0 + 1,
      }),
    ).toThrow(/CHECK/);
    // Nothing of the failed batch stayed, and the cursor did not move.
    expect(store.mentions.count()).toBe(0);
    expect(store.sources.get(sourceId)!.poll.cursor).toBeNull();
    store.close();
  });
});
