// Busy, damaged and read-only are three different things at start. A healthy station file that
// another program holds locked is waited on — and opened once it is free, or, if it stays
// locked, named with what holds it and left exactly as it is (never taken for damaged, never
// replaced by a backup). A data folder on a read-only disk is said to be read-only, and the
// station still shows everything it holds. A file that was closed cleanly and not touched since
// opens without the whole-file check (it runs in the background instead); any other file is
// checked whole before it is opened.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/engine/clock';
import { Station } from '../../electron/engine/station';
import { StationFileBusyError } from '../../electron/engine/store/backup';
import { Store } from '../../electron/engine/store';
import { CLEAN_MARKER, recordCleanClose } from '../../electron/engine/store/open-check';
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
    expect(fs.readdirSync(dataDir).sort()).toEqual(['station.db', CLEAN_MARKER]);
    // What it shows is a copy in a temporary folder, removed when the station closes.
    const copy = path.dirname(st.store.file);
    expect(copy.startsWith(os.tmpdir())).toBe(true);
    await st.close();
    expect(fs.existsSync(copy)).toBe(false);
  });
});

/** Overwrite whole pages in the middle of the file with garbage, as a failing disk would. */
function corruptMiddle(file: string): void {
  const page = 4096;
  const pages = fs.statSync(file).size / page;
  expect(pages).toBeGreaterThan(20);
  const garbage = Buffer.alloc(page * 6);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) & 0xff;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * page);
  } finally {
    fs.closeSync(fd);
  }
}

describe('the whole-file check at open', () => {
  it('is left to the background for a file closed cleanly, which opens with everything in it', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    expect(fs.existsSync(path.join(dataDir, CLEAN_MARKER))).toBe(true);
    const st = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    expect(st.openCheck).toBe('deferred');
    // Opened for writing: a kill from here on must not leave a marker that vouches for the file.
    expect(fs.existsSync(path.join(dataDir, CLEAN_MARKER))).toBe(false);
    expect(st.recovery).toBeNull();
    expect(st.store.mentions.count()).toBe(500);
    expect(await st.checkInBackground()).toEqual({ ok: true });
    expect(st.status().storage.ok).toBe(true);
    await st.close();
    const again = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => again.close());
    expect(again.openCheck).toBe('deferred');
  });

  it('runs in the background once the station is started', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    const st = Station.open({ dataDir, clock: new ManualClock(T0), backgroundCheckDelayMs: 0 });
    cleanups.push(() => st.close());
    st.start();
    await expect.poll(() => st.backgroundCheck, { timeout: 10_000 }).not.toBeNull();
    expect(await st.backgroundCheck).toEqual({ ok: true });
  });

  it('is made at open after a process that ended without closing', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    const st = Station.open({ dataDir, clock: new ManualClock(T0) });
    expect(st.openCheck).toBe('deferred');
    st.ingest(st.store.sources.byName('pushes')!.id, items(510).slice(500));
    st.lights.stop();
    st.store.close(); // the process ends here: no Station.close, as when it is killed
    const next = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => next.close());
    expect(next.openCheck).toBe('at-open');
    expect(next.store.mentions.count()).toBe(510);
  });

  it('is made at open when the file was written after the clean close', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    const other = Store.open(dataDir); // e.g. another tool writing the closed station's file
    other.settings.set('name', 'renamed');
    other.close();
    const st = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    expect(st.openCheck).toBe('at-open');
    expect(st.status().name).toBe('renamed');
  });

  it('finds a file damaged after its clean close at open, sets it aside and says so', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    corruptMiddle(path.join(dataDir, 'station.db'));
    const st = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => st.close());
    expect(st.openCheck).toBe('at-open');
    expect(st.recovery?.message).toMatch(/the station file was damaged/);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('corrupt')).length).toBeGreaterThan(0);
  });

  it('finds damage the marker cannot see in the background, tells the operator to restart, and the restart recovers', async () => {
    const dataDir = tmpDir();
    await stationWithData(dataDir);
    // Pages rot on the disk after the clean close, and nothing about the file shows it.
    corruptMiddle(path.join(dataDir, 'station.db'));
    recordCleanClose(dataDir);
    const lines: string[] = [];
    const st = Station.open({ dataDir, clock: new ManualClock(T0), log: (l) => lines.push(l) });
    expect(st.openCheck).toBe('deferred');
    const r = await st.checkInBackground();
    expect(r).toMatchObject({ damaged: expect.any(String) });
    expect(st.storage).toMatchObject({ ok: false, error: expect.stringMatching(/station file is damaged.*Restart the station.*newest good backup restored/) });
    expect(lines.join('\n')).toMatch(/station file is damaged/);
    await st.close();
    // Found damaged: the close does not vouch for it, so the restart checks it whole and recovers.
    expect(fs.existsSync(path.join(dataDir, CLEAN_MARKER))).toBe(false);
    const next = Station.open({ dataDir, clock: new ManualClock(T0) });
    cleanups.push(() => next.close());
    expect(next.openCheck).toBe('at-open');
    expect(next.recovery?.message).toMatch(/the station file was damaged/);
    expect(next.status().storage.ok).toBe(true);
  });
});
