// `fenghuo import` into the folder of a running station hands the file to that station: the
// CLI finds it by <data>/serving.json (written while it serves, readable by its user only) and
// the station reads the file itself, so its walls see the rows arrive. A serving.json left by
// a station that died is ignored and the CLI reads the file itself.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../shared/api';
import { Station } from '../../electron/engine/station';
import { SERVING_FILE, serveStation } from '../../electron/server/serve';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-hand-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const csv = 'id,text\nh1,極光電信 斷訊\nh2,門市很親切\nh3,客服打不通\n';
const fenghuoImport = (file: string, dataDir: string) => run(process.execPath, ['bin/fenghuo.mjs', 'import', file, '--data', dataDir], { cwd: ROOT });

describe('fenghuo import into the folder of a running station', () => {
  it('hands the file to the station, whose walls see the rows arrive', async () => {
    const dir = tmp();
    const dataDir = path.join(dir, 'station');
    const r = await serveStation({ dataDir, port: 0 });
    cleanups.push(() => r.close());
    const serving = path.join(dataDir, SERVING_FILE);
    expect(fs.statSync(serving).mode & 0o777).toBe(0o600);
    const events: StationEvent[] = [];
    r.station.events.subscribe((e) => events.push(e));

    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, csv);
    const { stdout, stderr } = await fenghuoImport(file, dataDir);
    expect(stderr).toBe('');
    expect(stdout).toContain(`handing the file to it`);
    expect(stdout).toMatch(/3 rows, 3 new mentions, 0 duplicates, 0 refused/);
    expect(r.station.store.mentions.count()).toBe(3);
    expect(events.filter((e) => e.type === 'mentions').reduce((n, e) => n + (e.type === 'mentions' ? e.count : 0), 0)).toBe(3);

    await r.close();
    expect(fs.existsSync(serving)).toBe(false);
  });

  it('reads the file itself when the serving.json is left by a station that is gone', async () => {
    const dir = tmp();
    const dataDir = path.join(dir, 'station');
    fs.mkdirSync(dataDir, { recursive: true });
    // A pid that is not running any more.
    const gone = await new Promise<number>((resolve) => {
      const child = execFile(process.execPath, ['-e', '0'], () => resolve(child.pid!));
    });
    fs.writeFileSync(path.join(dataDir, SERVING_FILE), JSON.stringify({ pid: gone, url: 'http://127.0.0.1:9', token: 'x' }));
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, csv);
    const { stdout } = await fenghuoImport(file, dataDir);
    expect(stdout).not.toContain('handing');
    expect(stdout).toMatch(/3 rows, 3 new mentions/);
    const st = Station.open({ dataDir });
    cleanups.push(() => st.close());
    expect(st.store.mentions.count()).toBe(3);
  });
});
