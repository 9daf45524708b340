// Pushes that used to block the station or lose things quietly. A push of 50,000 items is
// stored in slices: a wall's /healthz and another system's small push are answered while it
// goes in, not after. The answer says what happened: a text cut to the stored limit is
// counted as clipped, a date before 1970 is kept, a lone surrogate is stored as a well-formed
// string. A push that fails for the same reason again and again (a read-only or full disk)
// is answered in words each time and logged once, with a count.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Source } from '../../shared/types';
import { serveStation, type RunningStation } from '../../electron/server/serve';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(dataDir?: string, logs: string[] = []): Promise<RunningStation> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fh-push-'));
  if (!dataDir) cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const running = await serveStation({ dataDir: dir, port: 0, log: (l) => logs.push(l) });
  let closed = false;
  const close = running.close.bind(running);
  running.close = async () => {
    if (!closed) (closed = true), await close();
  };
  cleanups.push(() => running.close());
  return running;
}

async function api<T>(r: RunningStation, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${r.server.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(JSON.stringify(body));
  return body;
}

async function webhook(r: RunningStation): Promise<{ id: number; secret: string }> {
  const src = await api<Source>(r, 'sources.add', { name: 'crm push', kind: 'webhook', config: {} });
  return { id: src.id, secret: src.config.secret as string };
}

async function push(r: RunningStation, hook: { id: number; secret: string }, body: string) {
  const res = await fetch(`${r.server.url}/ingest/${hook.id}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hook.secret}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const ndjson = (items: object[]) => items.map((i) => JSON.stringify(i)).join('\n');

describe('a push of 50,000 items', () => {
  it('is stored while other requests are still answered, not after', async () => {
    const r = await serve();
    const hook = await webhook(r);
    const big = ndjson(
      Array.from({ length: 50_000 }, (_, i) => ({ guid: `flood-${i}`, text: `極光電信 斷訊 第 ${i} 則` })),
    );
    expect(Buffer.byteLength(big)).toBeGreaterThan(2_500_000);
    const order: string[] = [];
    const flood = push(r, hook, big).then((a) => (order.push('flood'), a));
    // Wait until the station has begun storing it (the first slice is in), then ask around.
    await expect.poll(() => r.station.store.mentions.count(), { timeout: 30_000, interval: 5 }).toBeGreaterThan(0);
    const health = fetch(`${r.server.url}/healthz`).then((res) => (order.push('healthz'), res.status));
    const small = push(r, hook, ndjson([{ guid: 'small-1', text: '門市人員很親切' }])).then((a) => (order.push('small push'), a));
    expect(await health).toBe(200);
    expect((await small).body).toMatchObject({ new: 1 });
    expect((await flood).body).toMatchObject({ new: 50_000, duplicate: 0, clipped: 0 });
    expect(order).toEqual(['healthz', 'small push', 'flood']);
    expect(r.station.store.mentions.count()).toBe(50_001);
    // 50,000 items take seconds alone and much longer beside the suite's other lanes on 2 cores.
  }, 240_000);
});

describe('the answer to a push', () => {
  it('counts clipped texts, keeps dates before 1970 and stores lone surrogates well-formed', async () => {
    const r = await serve();
    const hook = await webhook(r);
    const answer = await push(
      r,
      hook,
      ndjson([
        { guid: 'long', text: `長文 ${'烽火'.repeat(500_000)}` },
        { guid: 'apollo', text: 'Eagle has landed', publishedAt: '1969-07-20T20:17:40Z' },
        { guid: 'lone', text: `broken \ud83d pair and \udc4d` },
      ]),
    );
    expect(answer).toMatchObject({ status: 200, body: { new: 3, clipped: 1, rejected: [] } });
    const rows = r.station.store.db.prepare('SELECT guid, text, published_at FROM mentions ORDER BY guid').all() as {
      guid: string;
      text: string;
      published_at: number;
    }[];
    const byGuid = Object.fromEntries(rows.map((x) => [x.guid, x]));
    expect(byGuid['apollo']!.published_at).toBe(Date.UTC(1969, 6, 20, 20, 17, 40));
    expect(byGuid['lone']!.text).toBe('broken \ufffd pair and \ufffd');
    expect(byGuid['long']!.text.length).toBe(20_000);
    // What SQLite holds is valid UTF-8 (a lone surrogate would have been stored as bad bytes).
    const bytes = r.station.store.db.prepare("SELECT CAST(text AS BLOB) AS b FROM mentions WHERE guid = 'lone'").get() as { b: Buffer };
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes.b)).toBe('broken \ufffd pair and \ufffd');
  });
});

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-push-ro-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a push that keeps failing for the same reason', () => {
  it('is answered in words every time and logged once, with a count', async () => {
    const dataDir = path.join(mountPoint, 'station');
    const first = await serve(dataDir);
    const hook = await webhook(first);
    await first.close();
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
    cleanups.push(() => void spawnSync('mount', ['-o', 'remount,rw', mountPoint]));
    const logs: string[] = [];
    const r = await serve(dataDir, logs);
    for (let i = 0; i < 40; i++) {
      const a = await push(r, hook, ndjson([{ guid: `x-${i}`, text: '極光電信 斷訊' }]));
      expect(a.status).toBe(507);
      expect((a.body as { error: { message: string } }).error.message).toMatch(/read-only/);
    }
    await r.close();
    const about = logs.filter((l) => l.startsWith('push ') && l.includes('read-only'));
    expect(about, logs.join('\n')).toHaveLength(1);
    expect(logs.some((l) => /happened 39 more times/.test(l))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/\n\s+at /); // no stacks
  });
});
