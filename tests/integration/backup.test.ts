// Backups and a damaged station file: online backups land in <data>/backups/ while ingest
// goes on, old ones are pruned, and a station file with garbage written over pages in its
// middle is found at start, set aside, replaced by the newest good backup — and the operator
// is told, in status and in the log, from when the data was restored and that later mentions
// are lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { listBackups } from '../../electron/engine/store/backup';
import { integrityCheck } from '../../electron/engine/store/db';
import type { IncomingItem } from '../../electron/engine/sources/types';
import { callApi } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-backup-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const T0 = Date.UTC(2026, 10, 25, 4, 0);
const items = (from: number, n: number): IncomingItem[] =>
  Array.from({ length: n }, (_, i) => ({
    guid: `m-${from + i}`,
    title: `極光電信 門市 ${from + i}`,
    text: `極光電信 客服回覆很慢，等了很久 #${from + i} ${'資料'.repeat((from + i) % 40)}`,
    publishedAt: T0 - 3600_000 + (from + i) * 1000,
  }));

async function open(dataDir: string, clock: ManualClock, lines: string[] = []) {
  const st = Station.open({ dataDir, clock, log: (l) => lines.push(l) });
  let sourceId = st.store.sources.byName('pushes')?.id;
  if (!sourceId) {
    await callApi(st, 'topics.save', { topic: { name: '極光電信', query: '極光電信' } }, 'admin');
    sourceId = st.store.sources.add(
      { name: 'pushes', kind: 'replay', config: { corpus: 'none', speed: 1 }, enabled: false, intervalSec: 60 },
      clock.now(),
    );
  }
  return { st, sourceId };
}

/** Overwrite whole pages in the middle of the file with garbage, as a failing disk would. */
function corruptMiddle(file: string): void {
  const size = fs.statSync(file).size;
  const page = 4096;
  const pages = size / page;
  expect(pages).toBeGreaterThan(20);
  const fd = fs.openSync(file, 'r+');
  try {
    const garbage = Buffer.alloc(page * 6);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) & 0xff;
    fs.writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * page);
  } finally {
    fs.closeSync(fd);
  }
}

describe('backups', () => {
  it('are written online while ingest goes on, checked, and pruned after the days kept', async () => {
    const dataDir = tmpDir();
    const clock = new ManualClock(T0);
    const { st, sourceId } = await open(dataDir, clock);
    cleanups.push(() => st.close());
    st.ingest(sourceId, items(0, 2000));

    // Ingest keeps committing while the backup copies pages between event-loop turns.
    const backup = st.backups.backupNow();
    let during = 0;
    let done = false;
    void backup.finally(() => (done = true));
    for (let i = 0; !done && i < 200; i++) {
      st.ingest(sourceId, items(2000 + i * 10, 10));
      during += 10;
      await new Promise((r) => setImmediate(r));
    }
    const file = await backup;
    expect(path.dirname(file)).toBe(path.join(dataDir, 'backups'));
    expect(path.basename(file)).toBe('station-20261125T040000Z.db');
    expect(during).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // A week and a half of daily backups: those older than the days kept go.
    for (let day = 1; day <= 10; day++) {
      clock.advance(86_400_000);
      await st.backups.backupNow();
    }
    const kept = listBackups(dataDir);
    expect(kept).toHaveLength(8); // today and the 7 days before
    expect(kept[0]!.at).toBe(clock.now());
    expect(Math.min(...kept.map((b) => b.at))).toBeGreaterThanOrEqual(clock.now() - 7 * 86_400_000);

    // Every 6 hours (the default interval) for a day and a half: every backup of the last day
    // stays, and of each day before it only the newest — not four copies of the station a day.
    for (let i = 1; i <= 6; i++) {
      clock.advance(6 * 3600_000);
      await st.backups.backupNow();
    }
    const now = clock.now();
    const after = listBackups(dataDir);
    const lastDay = after.filter((b) => b.at >= now - 86_400_000);
    expect(lastDay.map((b) => (now - b.at) / 3600_000)).toEqual([0, 6, 12, 18, 24]);
    const perDay = new Map<number, number>();
    for (const b of after.filter((x) => x.at < now - 86_400_000)) perDay.set(Math.floor(b.at / 86_400_000), (perDay.get(Math.floor(b.at / 86_400_000)) ?? 0) + 1);
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);
    expect(Math.min(...after.map((b) => b.at))).toBeGreaterThanOrEqual(now - 7 * 86_400_000);
    expect(after.length).toBeLessThanOrEqual(5 + 7);
  });
});

describe('a damaged station file at start', () => {
  it('is set aside, the newest good backup restored, and the operator told what was lost', async () => {
    const dataDir = tmpDir();
    const clock = new ManualClock(T0);
    const first = await open(dataDir, clock);
    first.st.ingest(first.sourceId, items(0, 3000));
    await first.st.backups.backupNow(); // 04:00
    clock.advance(2 * 3600_000);
    first.st.ingest(first.sourceId, items(3000, 500)); // after the backup: will be lost
    await first.st.close();

    corruptMiddle(path.join(dataDir, 'station.db'));
    clock.advance(30 * 60_000);
    const lines: string[] = [];
    const second = await open(dataDir, clock, lines);
    cleanups.push(() => second.st.close());

    const status = second.st.status();
    expect(status.recovery).toMatchObject({ at: clock.now(), backupAt: T0 });
    expect(status.recovery!.message).toMatch(/restored the backup of 2026-11-25 04:00 UTC; mentions stored after that are lost/);
    expect(lines.join('\n')).toContain('restored the backup of 2026-11-25 04:00 UTC');
    expect(status.mentionCount).toBe(3000);
    expect(integrityCheck(second.st.store.db)).toBe('ok');
    expect(second.st.store.mentions.rollupDiff()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'station.db.corrupt-20261125T063000Z'))).toBe(true);

    // The restored station takes new data, and the notice survives a restart.
    expect(second.st.ingest(second.sourceId, items(3000, 10)).inserted).toBe(10);
    await second.st.close();
    const third = await open(dataDir, clock);
    cleanups.push(() => third.st.close());
    expect(third.st.status().recovery?.backupAt).toBe(T0);
  });

  it('that is not a database at all, with no backup, starts empty and says so', async () => {
    const dataDir = tmpDir();
    fs.writeFileSync(path.join(dataDir, 'station.db'), Buffer.alloc(64 * 1024, 0x5a));
    const clock = new ManualClock(T0);
    const { st } = await open(dataDir, clock);
    cleanups.push(() => st.close());
    expect(st.status().recovery?.message).toMatch(/there is no good backup: the station starts empty/);
    expect(st.status().mentionCount).toBe(0);
  });

  it('skips a damaged backup and restores the one before it', async () => {
    const dataDir = tmpDir();
    const clock = new ManualClock(T0);
    const first = await open(dataDir, clock);
    first.st.ingest(first.sourceId, items(0, 2000));
    await first.st.backups.backupNow(); // T0: good
    clock.advance(3600_000);
    first.st.ingest(first.sourceId, items(2000, 2000));
    const newer = await first.st.backups.backupNow(); // T0 + 1 h: will be damaged
    await first.st.close();
    corruptMiddle(newer);
    corruptMiddle(path.join(dataDir, 'station.db'));
    const { st } = await open(dataDir, clock);
    cleanups.push(() => st.close());
    expect(st.status().recovery?.backupAt).toBe(T0);
    expect(st.status().mentionCount).toBe(2000);
  });
});
