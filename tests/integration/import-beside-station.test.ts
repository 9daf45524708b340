// `fenghuo import` into the folder of a station that is running and taking webhook pushes:
// the two take turns at the file. Every row of the import is stored, every push is answered
// 200 and stored, and nobody is told "database is locked".
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../shared/types';
import { SERVING_FILE, serveStation } from '../../electron/server/serve';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('fenghuo import beside a running station', () => {
  it('stores all 20,000 rows while pushes keep arriving, and no push fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-beside-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'station');
    const r = await serveStation({ dataDir, port: 0 });
    cleanups.push(() => r.close());
    const res = await fetch(`${r.server.url}/api/sources.add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'crm push', kind: 'webhook', config: {} }),
    });
    const hook = (await res.json()) as Source;

    // A station that leaves no serving.json (one started before stations did): the CLI opens the
    // file beside it rather than handing it over (tests/integration/import-handover.test.ts).
    fs.rmSync(path.join(dataDir, SERVING_FILE));
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(
      file,
      'id,text,published_at\n' + Array.from({ length: 20_000 }, (_, i) => `e${i},"颱風 停班 第 ${i} 則",2026-08-03T0${i % 10}:00:00Z`).join('\n') + '\n',
    );
    const importing = run(process.execPath, ['bin/fenghuo.mjs', 'import', file, '--data', dataDir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

    let done = false;
    void importing.finally(() => (done = true));
    const statuses: number[] = [];
    let pushed = 0;
    // Pushes keep coming for as long as the import runs (at least a few).
    while (!done || statuses.length < 5) {
      const body = Array.from({ length: 20 }, (_, k) => JSON.stringify({ guid: `p${pushed + k}`, text: `門市 客訴 ${pushed + k}` })).join('\n');
      const a = await fetch(`${r.server.url}/ingest/${hook.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hook.config.secret as string}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      statuses.push(a.status);
      if (a.status !== 200) throw new Error(`push answered ${a.status}: ${await a.text()}`);
      pushed += 20;
    }
    const { stdout, stderr } = await importing;
    expect(stderr).not.toMatch(/locked/i);
    expect(stdout).toMatch(/20000 rows, 20000 new mentions, 0 duplicates, 0 refused/);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(r.station.store.mentions.count()).toBe(20_000 + pushed);
  }, 240_000); // ~40 s on an idle machine
});
