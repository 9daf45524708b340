// A station killed with SIGKILL in the middle of a fast replay loses nothing it committed,
// stores nothing twice, and its rollups still equal a recount.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../../electron/engine/store/db';
import { Store } from '../../electron/engine/store';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-kill-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function serve(): { ready: Promise<void>; kill: () => Promise<void> } {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/fenghuo.mjs'), 'serve', '--demo', '--speed', '3000', '--port', '0', '--data', dataDir, '--token', 't'],
    { cwd: root, env: { ...process.env, FENGHUO_WEB_ROOT: os.tmpdir() }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('station ready')) resolve();
    });
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}):\n${out}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    ready,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function count(): number {
  const store = Store.open(dataDir, { readonly: true });
  try {
    return store.mentions.count();
  } finally {
    store.close();
  }
}

describe('kill -9 during a fast replay', () => {
  it('restarts with no duplicate mentions, an intact file and rollups equal to a recount', async () => {
    let last = 0;
    for (let round = 0; round < 3; round++) {
      const s = serve();
      await s.ready;
      // Let it ingest past what it had, then kill it mid-stream.
      await expect.poll(() => count(), { timeout: 30_000, interval: 100 }).toBeGreaterThan(last);
      await s.kill();
      const now = count();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
    const store = Store.open(dataDir);
    try {
      expect(integrityCheck(store.db)).toBe('ok');
      const dup = store.db
        .prepare('SELECT count(*) AS n FROM (SELECT source_id, guid FROM mentions GROUP BY 1, 2 HAVING count(*) > 1)')
        .get() as { n: number };
      expect(dup.n).toBe(0);
      expect(store.mentions.rollupDiff()).toEqual([]);
      expect(store.mentions.count()).toBe(last);
    } finally {
      store.close();
    }
  });
});
