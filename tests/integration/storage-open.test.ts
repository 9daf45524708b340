// Busy, damaged and read-only are three different things at start. A healthy station file that
// another program holds locked is waited on — and opened once it is free, or, if it stays
// locked, named with what holds it and left exactly as it is (never taken for damaged, never
// replaced by a backup). A data folder on a read-only disk is said to be read-only, and the
// station still shows everything it holds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { StationFileBusyError } from '../../electron/engine/store/backup';
import type { IncomingItem } from '../../electron/engine/sources/types';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 10, 25, 4, 0);
const items = (n: number): IncomingItem[] =>
  Array.from({ length: n }, (_, i) => ({ guid: `m-${i}`, title: `極光電信 門市 ${i}`, text: `極光電信 客服回覆很慢 #${i}`, publishedAt: T0 - i * 1000 }));

/** A station file with 500 mentions, closed cleanly. */
async function stationWithData(dataDir: string): Promise<void> {
  const st = Station.open({ dataDir, clock: new ManualClock(T0) });
  const id = st.store.sources.add({ name: 'pushes', kind: 'replay', config: { corpus: 'none', speed: 1 }, enabled: false, intervalSec: 60 }, T0);
  st.ingest(id, items(500));
  await st.close();
}

/** Another program holding the station file's lock (a child process, as a real one would be). */
function holdLock(file: string, forMs: number | null): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    ${forMs === null ? 'setInterval(() => {}, 1000);' : `setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${forMs});`}
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
}

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-open-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('a station file another program holds locked', () => {
  it('is waited on and opened, with every mention, once the lock is let go', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    await holdLock(path.join(dataDir, 'station.db'), 1500);
    const st = Station.open({ dataDir, clock: new ManualClock(T0), lockWaitMs: 20_000 });
    cleanups.push(() => st.close());
    expect(st.recovery).toBeNull();
    expect(st.store.mentions.count()).toBe(500);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('is named with the process that holds it when the lock stays, and left as it is', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    const holder = await holdLock(path.join(dataDir, 'station.db'), null);
    let error: unknown;
    try {
      Station.open({ dataDir, clock: new ManualClock(T0), lockWaitMs: 1500 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StationFileBusyError);
    expect((error as Error).message).toContain(`locked by process ${holder.pid}`);
    expect((error as Error).message).toContain('left as it is');
    // Not taken for damaged: nothing set aside, nothing restored, every mention still there.
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('corrupt'))).toEqual([]);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const st = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    expect(st.recovery).toBeNull();
    expect(st.store.mentions.count()).toBe(500);
  });
});

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-ro-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a data folder on a read-only disk', () => {
  it('is said to be read-only, and the station shows what it holds and stores nothing', async () => {
    const dataDir = path.join(mountPoint, 'station');
    await stationWithData(dataDir);
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
    cleanups.push(() => void spawnSync('mount', ['-o', 'remount,rw', mountPoint]));
    const lines: string[] = [];
    const st = Station.open({ dataDir, clock: new ManualClock(T0), log: (l) => lines.push(l) });
    cleanups.push(() => st.close());
    expect(st.status().storage).toMatchObject({ ok: false, error: expect.stringMatching(/^read-only: .*read-only/) });
    expect(lines.some((l) => l.includes('read-only'))).toBe(true);
    expect(st.store.mentions.count()).toBe(500);
    const source = st.store.sources.byName('pushes')!;
    expect(() => st.ingest(source.id, items(1).map((i) => ({ ...i, guid: 'new' })))).toThrow(/read-only/);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['station.db']);
  });
});
