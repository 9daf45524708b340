// Pushes over the real server: a webhook source's own secret, JSON / arrays / NDJSON, batches
// idempotent by guid, per-item refusals; gauge readings pushed to /ingest/gauge/<name>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName, Params, Result } from '../../shared/api';
import { ManualClock } from '../../electron/engine/clock';
import { serveStation, type RunningStation } from '../../electron/server/serve';
import { clientFor } from '../helpers/api';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 10, 25, 6, 0);

async function serve(): Promise<RunningStation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-hook-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const running = await serveStation({ dataDir: dir, port: 0, clock: new ManualClock(T0) });
  cleanups.push(() => running.close());
  return running;
}

/** The station's api over HTTP, typed from the contract. */
function api<M extends MethodName>(r: RunningStation, method: M, params: Params<M>): Promise<Result<M>> {
  return clientFor(r.server, r.token).call(method, params);
}

async function push(r: RunningStation, target: string, secret: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${r.server.url}/ingest/${target}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const mention = (guid: string, text: string) => ({ guid, text, author: 'bot', publishedAt: '2026-11-25T05:30:00Z', reach: 10 });

describe('a webhook source', () => {
  it('takes a batch with its own secret, refuses bad items by index, and stores nothing twice', async () => {
    const r = await serve();
    const src = await api(r, 'sources.add', { name: 'crm push', kind: 'webhook', config: {} });
    const secret = src.config.secret as string;
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    // Lists and events never show it again.
    const listed = await api(r, 'sources.list', {});
    expect(listed[0]!.config.secret).toBe('(hidden)');

    const batch = JSON.stringify([mention('a', '客服電話一直打不通，等了四十分鐘'), mention('b', '門市人員很親切'), { guid: 'c', text: '' }, 'nope']);
    const first = await push(r, 'crm%20push', secret, batch);
    expect(first).toEqual({
      status: 200,
      body: {
        new: 2,
        duplicate: 0,
        clipped: 0,
        rejected: [
          { index: 2, reason: 'no text: "text", "html", "title" empty or missing' },
          { index: 3, reason: 'not an object' },
        ],
      },
    });
    const again = await push(r, String(src.id), secret, batch);
    expect(again.body).toMatchObject({ new: 0, duplicate: 2 });
    expect(r.station.store.mentions.count()).toBe(2);
    expect(r.station.store.sources.get(src.id)!.health).toMatchObject({ state: 'ok', itemsTotal: 2 });

    const ndjson = [mention('d', '第三則推送'), mention('e', '第四則推送')].map((m) => JSON.stringify(m)).join('\n');
    expect((await push(r, String(src.id), secret, ndjson, { 'content-type': 'application/x-ndjson' })).body).toMatchObject({ new: 2 });
    expect((await push(r, String(src.id), secret, JSON.stringify(mention('f', '單一物件也可以')))).body).toMatchObject({ new: 1 });
    expect(r.station.store.mentions.count()).toBe(5);

    // Editing the source with the config as listed (secret hidden) keeps the secret.
    const shown = (await api(r, 'sources.list', {}))[0]!;
    await api(r, 'sources.update', { id: src.id, config: { ...shown.config, gauges: ['hall-a'] } });
    expect((await push(r, 'crm%20push', secret, JSON.stringify(mention('g', '改了設定之後仍可推送')))).body).toMatchObject({ new: 1 });
  });

  it('refuses a wrong secret, a foreign Origin, a bad body and a batch over 5 MiB, storing nothing', async () => {
    const r = await serve();
    await api(r, 'sources.add', { name: 'hook', kind: 'webhook', config: { secret: 'a-long-enough-secret-1234' } });
    const one = JSON.stringify(mention('x', '測試'));
    expect((await push(r, 'hook', 'a-long-enough-secret-1235', one)).status).toBe(401);
    expect((await push(r, 'hook', r.token, one)).status).toBe(401);
    expect((await push(r, 'nope', 'a-long-enough-secret-1234', one)).status).toBe(404);
    expect((await push(r, 'hook', 'a-long-enough-secret-1234', one, { origin: 'http://evil.example' })).status).toBe(403);
    const bad = await push(r, 'hook', 'a-long-enough-secret-1234', '{"guid": ');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad-body' } } });
    const huge = JSON.stringify([{ guid: 'h', text: 'x'.repeat(5 * 1024 * 1024) }]);
    expect((await push(r, 'hook', 'a-long-enough-secret-1234', huge)).status).toBe(413);
    expect(r.station.store.mentions.count()).toBe(0);
  });
});

describe('gauge pushes', () => {
  it('records readings for a gauge the secret may write, and answers them in gauges.series', async () => {
    const r = await serve();
    const src = await api(r, 'sources.add', { name: 'counters', kind: 'webhook', config: { gauges: ['hall-a'] } });
    const secret = src.config.secret as string;
    const readings = [
      { at: '2026-11-25T05:00:00Z', value: 1200, unit: 'people', capacity: 5000 },
      { at: T0 - 30 * 60_000, value: 3000 },
      { at: T0 - 10 * 60_000, value: 4600 },
      { value: 'many' },
    ];
    const res = await push(r, 'gauge/hall-a', secret, JSON.stringify(readings));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ new: 3, rejected: [{ index: 3 }] });
    expect((await push(r, 'gauge/hall-b', secret, JSON.stringify({ value: 1, capacity: 10 }))).status).toBe(401);
    // The station's admin token may write any gauge.
    expect((await push(r, 'gauge/hall-b', r.token, JSON.stringify({ value: 7, capacity: 10 }))).status).toBe(200);

    const gauges = await api(r, 'gauges.list', {});
    expect(gauges.map((g) => [g.name, g.lastValue])).toEqual([
      ['hall-a', 4600],
      ['hall-b', 7],
    ]);
    const series = await api(r, 'gauges.series', { name: 'hall-a', from: T0 - 3600_000, to: T0, bucketMin: 30 });
    expect(series.points).toEqual([
      { at: T0 - 3600_000, value: 1200, min: 1200, max: 1200 },
      { at: T0 - 1800_000, value: 4600, min: 3000, max: 4600 },
    ]);
  });

  it('will not create a gauge without knowing its capacity', async () => {
    const r = await serve();
    const res = await push(r, 'gauge/queue', r.token, JSON.stringify({ value: 30 }));
    expect(res).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/give its capacity/) } } });
  });
});
