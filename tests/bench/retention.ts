// Retention bench: what moving old months into archive files costs Explore. A station of
// `mentions` rows over a year (the scale bench's fast path, built afresh in a temporary folder),
// Explore's reads timed; then every month more than `keepMonths` back moved to archive files
// (timed, with the longest the station's thread went without a turn); then the same reads
// again. The limit each read after is compared to is itself before the move, with the same
// totals. A topic's re-tag over all of history is timed the same way (an edit of its query
// before the move, undone after it: as many links change each time). Last, the station file is
// compacted at a restart, as the station room asks it, and the reads are timed a third time
// (the re-tag after the move runs after that, on the compacted file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SearchResult } from '../../shared/api';
import type { StationStorage } from '../../shared/api/station';
import { Station } from '../../electron/engine/station';
import { callApi } from '../helpers/api';
import { buildScaleStation, timeHeld as held } from './scale';

const r2 = (x: number) => Math.round(x * 100) / 100;
const DAY = 86_400_000;

export async function benchRetention(opts: { mentions: number; keepMonths?: number }): Promise<Record<string, unknown>> {
  const keepMonths = opts.keepMonths ?? 6;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-bench-retention-'));
  try {
    const built = await held(() => buildScaleStation(dir, opts.mentions, () => true));
    let st = Station.open({ dataDir: dir });
    try {
      const topicId = st.store.topics.list()[0]!.id;
      const sourceId = st.store.sources.list().find((s) => s.name === 'bench')!.id;
      const newest = st.store.mentions.newestAt()!;
      const reads: [string, Record<string, unknown>][] = [
        ['search 斷訊, counted', { q: '斷訊', limit: 50 }],
        ['search outage, first page (count: false)', { q: 'outage', limit: 50, count: false }],
        ['search 斷訊 over every mention (scanAll)', { q: '斷訊', limit: 50, scanAll: true }],
        ['a topic, counted', { topicId, limit: 50 }],
        ["a source's negative mentions, counted", { sourceId, label: 'negative', limit: 50 }],
        ['everything, the page at offset 50,000', { limit: 50, offset: 50_000 }],
        ['two weeks eight months back, counted', { from: newest - 245 * DAY, to: newest - 231 * DAY, limit: 50 }],
      ];
      // Each read once, uncached (a search's ids are cached per station state, and the move changes it).
      const run = async () => {
        const out: Record<string, { ms: number; longestHoldMs: number; total: number; first: number | null }> = {};
        for (const [name, params] of reads) {
          const r = await held(() => callApi(st, 'mentions.search', params as never, 'viewer') as Promise<SearchResult>);
          out[name] = { ms: r.ms, longestHoldMs: r.longestHoldMs, total: r.value.total, first: r.value.items[0]?.id ?? null };
        }
        return out;
      };
      // A topic re-tagged over all its history after an edit of its query that drops some of its
      // mentions, and after the move, the edit undone (as many links change back): after the
      // move the re-tag reads the archives too and rewrites their links.
      const topic = st.store.topics.get(topicId)!;
      const retag = async (query: string) => {
        await callApi(st, 'topics.save', { topic: { id: topicId, name: topic.name, query } }, 'admin');
        const r = await held(() => callApi(st, 'topics.retag', { id: topicId }, 'admin') as Promise<{ tagged: number; scanned: number }>);
        return { ms: r.ms, longestHoldMs: r.longestHoldMs, tagged: r.value.tagged, scanned: r.value.scanned };
      };
      // The fast path links rows to topics in turn, not by their queries: the first re-tag sets them.
      const first = await retag(topic.query);
      const retagBefore = await retag(`(${topic.query}) AND NOT 颱風`);
      const before = await run();
      const liveBefore = st.store.mentions.count();
      await callApi(st, 'station.setRetention', { keepMonths }, 'admin');
      const move = await held(() => callApi(st, 'station.archiveNow', { wait: true }, 'admin') as Promise<StationStorage>);
      const after = await run();
      const storage = move.value;
      // The space the move freed given back to the disk, as the station room asks it: at the
      // next start (timed from the open to the station answering), then the same reads again.
      await callApi(st, 'station.compactAtStart', { on: true }, 'admin');
      await st.close();
      const reopened = await held(async () => Station.open({ dataDir: dir }));
      st = reopened.value;
      const compacted = (await callApi(st, 'station.storage', {}, 'viewer')) as StationStorage;
      const afterCompact = await run();
      const retagAfter = await retag(topic.query);
      return {
        mentions: opts.mentions,
        buildS: r2(built.ms / 1000),
        keepMonths,
        move: {
          seconds: r2(move.ms / 1000),
          longestHoldMs: move.longestHoldMs,
          months: storage.lastRun?.moved.length ?? 0,
          mentionsMoved: liveBefore - st.store.mentions.count(),
          archiveBytes: storage.archives.reduce((n, a) => n + a.bytes, 0),
          error: storage.lastRun?.error ?? null,
        },
        compact: {
          openS: r2(reopened.ms / 1000),
          compactS: r2((compacted.lastCompaction?.ms ?? 0) / 1000),
          freeBytesBefore: storage.freeBytes,
          liveBytesBefore: compacted.lastCompaction?.beforeBytes ?? null,
          liveBytesAfter: compacted.lastCompaction?.afterBytes ?? null,
          error: compacted.lastCompaction ? compacted.lastCompaction.error : 'not compacted',
        },
        reads: Object.fromEntries(
          reads.map(([name]) => {
            const b = before[name]!;
            const a = after[name]!;
            const c = afterCompact[name]!;
            return [
              name,
              {
                beforeMs: b.ms,
                afterMs: a.ms,
                ratio: r2(a.ms / Math.max(b.ms, 0.01)),
                afterHoldMs: a.longestHoldMs,
                sameAnswer: a.total === b.total && a.first === b.first,
                total: a.total,
                afterCompactMs: c.ms,
                compactRatio: r2(c.ms / Math.max(b.ms, 0.01)),
                sameAnswerAfterCompact: c.total === b.total && c.first === b.first,
              },
            ];
          }),
        ),
        retag: {
          firstMs: first.ms,
          firstHoldMs: first.longestHoldMs,
          beforeMs: retagBefore.ms,
          afterMs: retagAfter.ms,
          ratio: r2(retagAfter.ms / Math.max(retagBefore.ms, 0.01)),
          beforeHoldMs: retagBefore.longestHoldMs,
          afterHoldMs: retagAfter.longestHoldMs,
          sameAnswer: retagAfter.tagged === first.tagged && retagAfter.scanned === retagBefore.scanned,
          tagged: retagAfter.tagged,
          taggedByTheEdit: retagBefore.tagged,
          scanned: retagAfter.scanned,
        },
        note: 'each read once before the move, once after it and once after the station file was compacted at a restart (uncached); the limit for "after" is "before", with the same total and first row; longest hold = the longest gap between 1 ms ticks (the walls\' budget is 300 ms)',
      };
    } finally {
      await st.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
