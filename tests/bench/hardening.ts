// Hardening figures (issue 15), each against a real `fenghuo serve` child on 127.0.0.1 whose
// memory is read from /proc: server RSS under a 20,000-post webhook flood with 50 WebSocket
// clients that never read (limit 300 MB); /healthz p99 while one 50,000-item push is stored
// and while a 1,000,000-row CSV dropped into a watched folder is imported (limit 100 ms each);
// and the station's peak memory during that import (limit 300 MB).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'bench-hardening-token';

interface Served {
  child: ChildProcess;
  /** The station's log so far. */
  log: string[];
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

async function serve(): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-bench-hard-'));
  const web = path.join(dir, 'web');
  fs.mkdirSync(web);
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>wall</title>');
  const child = spawn(process.execPath, ['bin/fenghuo.mjs', 'serve', '--port', '0', '--data', path.join(dir, 'station'), '--token', TOKEN], {
    cwd: ROOT,
    env: { ...process.env, FENGHUO_WEB_ROOT: web },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (c) => reject(new Error(`serve exited (${c})`)));
  });
  return {
    child,
    log,
    url,
    port: Number(new URL(url).port),
    dir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Sample a process's RSS every 100 ms until stopped; returns the peak. */
function rssSampler(pid: number): { stop(): { peakMb: number; lastMb: number } } {
  let peak = rssMb(pid);
  let last = peak;
  const t = setInterval(() => {
    try {
      last = rssMb(pid);
      peak = Math.max(peak, last);
    } catch {
      // exited
    }
  }, 100);
  return {
    stop() {
      clearInterval(t);
      return { peakMb: Math.round(peak), lastMb: Math.round(last) };
    },
  };
}

/** /healthz asked one after another (10 ms apart) until stopped: latency percentiles. */
function healthzProbe(url: string): { stop(): Promise<Record<string, number>> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const s = [...times].sort((a, b) => a - b);
      const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
      return { samples: s.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(s.at(-1)! * 10) / 10 };
    },
  };
}

async function api<T>(url: string, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function webhook(url: string): Promise<{ id: number; secret: string }> {
  const s = await api<{ id: number; config: { secret: string } }>(url, 'sources.add', { name: 'bench push', kind: 'webhook', config: {} });
  return { id: s.id, secret: s.config.secret };
}

/** A WebSocket client that completes the handshake and then never reads again. */
function stalledClient(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('error', reject);
    s.write(
      `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    s.once('data', (d) => {
      if (!d.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error('no upgrade'));
      s.pause();
      resolve(s);
    });
  });
}

async function flood(): Promise<Record<string, unknown>> {
  const st = await serve();
  try {
    const hook = await webhook(st.url);
    const baseline = Math.round(rssMb(st.child.pid!));
    const clients = await Promise.all(Array.from({ length: 50 }, () => stalledClient(st.port)));
    const rss = rssSampler(st.child.pid!);
    const probe = healthzProbe(st.url);
    const t0 = performance.now();
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < 20_000) {
          const i = next++;
          const res = await fetch(`${st.url}/ingest/${hook.id}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${hook.secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ guid: `flood-${i}`, text: `極光電信 斷訊 客服打不通 第 ${i} 則 ${'烽火'.repeat(40)}`, author: `user${i % 500}` }),
          });
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const healthz = await probe.stop();
    await new Promise((r) => setTimeout(r, 3000));
    const mem = rss.stop();
    for (const c of clients) c.destroy();
    return {
      posts: 20_000,
      failed,
      stalledClients: 50,
      seconds: Math.round(seconds * 10) / 10,
      baselineRssMb: baseline,
      peakRssMb: mem.peakMb,
      rssAfterMb: mem.lastMb,
      limitMb: 300,
      stalledClientsClosedByStation: st.log.filter((l) => l.includes('event stream closed')).length,
      healthz,
    };
  } finally {
    await st.stop();
  }
}

async function bigPush(): Promise<Record<string, unknown>> {
  const st = await serve();
  try {
    const hook = await webhook(st.url);
    const body = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ guid: `big-${i}`, text: `極光電信 斷訊 第 ${i} 則` })).join('\n');
    const probe = healthzProbe(st.url);
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    const res = await fetch(`${st.url}/ingest/${hook.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hook.secret}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    const answer = (await res.json()) as Record<string, unknown>;
    const seconds = (performance.now() - t0) / 1000;
    const healthz = await probe.stop();
    return { items: 50_000, bytes: Buffer.byteLength(body), status: res.status, new: answer['new'], seconds: Math.round(seconds * 10) / 10, healthz, p99LimitMs: 100 };
  } finally {
    await st.stop();
  }
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('id,title,text,author,published_at,url\n');
  for (let i = 0; i < rows; i++) {
    const line = `m${i},"颱風 ${i % 97} 號","台北市宣布停班停課，請注意安全。Officials said ""stay indoors"" as winds reach ${i % 200} km/h, row ${i}",user${i % 5000},2026-08-0${1 + (i % 9)}T0${i % 10}:00:00Z,https://news.example/${i}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function bigImport(rows: number): Promise<Record<string, unknown>> {
  const st = await serve();
  try {
    const watched = path.join(st.dir, 'drop');
    fs.mkdirSync(watched);
    const staged = path.join(st.dir, `rows-${rows}.csv`);
    await writeCsv(staged, rows);
    const bytes = fs.statSync(staged).size;
    await api(st.url, 'sources.add', {
      name: 'bench folder',
      kind: 'folder',
      config: { path: watched, preset: 'generic', contents: 'mentions' },
    });
    const baseline = Math.round(rssMb(st.child.pid!));
    const rss = rssSampler(st.child.pid!);
    const probe = healthzProbe(st.url);
    const t0 = performance.now();
    fs.renameSync(staged, path.join(watched, path.basename(staged)));
    // Done when every row is in (the station's status counts its mentions).
    for (;;) {
      await new Promise((r) => setTimeout(r, 2000));
      const n = (await api<{ mentionCount: number }>(st.url, 'station.status', {})).mentionCount;
      if (n >= rows) break;
      if (performance.now() - t0 > 60 * 60_000) throw new Error(`import did not finish within an hour (${n} rows)`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const healthz = await probe.stop();
    const mem = rss.stop();
    return {
      rows,
      fileMb: Math.round(bytes / 1024 / 1024),
      seconds: Math.round(seconds),
      rowsPerSec: Math.round(rows / seconds),
      baselineRssMb: baseline,
      peakRssMb: mem.peakMb,
      memoryLimitMb: 300,
      healthz,
      p99LimitMs: 100,
    };
  } finally {
    await st.stop();
  }
}

export async function benchHardening(opts: { importRows?: number; only?: string[] } = {}): Promise<Record<string, unknown>> {
  const want = (k: string) => !opts.only || opts.only.includes(k);
  const out: Record<string, unknown> = {};
  if (want('flood')) out.flood = await flood();
  if (want('push')) out.push50k = await bigPush();
  if (want('import')) out.import = await bigImport(opts.importRows ?? 1_000_000);
  return out;
}
