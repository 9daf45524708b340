// Shared e2e helpers: build the renderer when it is missing or stale, start a real station
// with `fenghuo serve` on a free port and a fresh data dir, launch Debian's Chromium through
// playwright-core, and save screenshots under test-output/screenshots/.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ensureRendererBuild } from '../helpers/renderer-build';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's Chromium, the browser a wall screen runs: the bench measures frames in it. */
export const CHROMIUM = process.env.FENGHUO_CHROMIUM ?? '/usr/bin/chromium';
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
/**
 * The tests' browser: Chromium's headless shell (`apt-get install chromium-headless-shell`,
 * the same Blink without the browser's UI layers) when it is there and FENGHUO_CHROMIUM does
 * not name another. A page costs it about a third of the CPU the full browser spends (0.67 vs
 * 2.04 CPU-seconds for the demo wall here); on two cores that halves the e2e run.
 */
export const TEST_CHROMIUM =
  process.env.FENGHUO_CHROMIUM ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const READY = /Fenghuo station ready: (https?:\/\/\S+)/;

// The renderer build lives in a module of its own, so that `npm test` (scripts/test.mjs) can
// make it before the lanes that need it without loading Playwright and Vitest for that.
export { ensureRendererBuild };

export interface StationOptions {
  demo?: boolean;
  args?: string[];
  /** Reuse a port (to restart a station where its walls expect it); default: any free port. */
  port?: number;
  /** Reuse a data dir (to restart a station); default: a new temp dir. */
  dataDir?: string;
  token?: string;
}

export interface RunningStation {
  /** The open URL with the token, as printed by `serve`. */
  url: string;
  /** The station's origin, e.g. http://127.0.0.1:43121 */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** The station process (the bench reads its CPU and memory from /proc). */
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
}

/** What the run's global setup provides; empty outside a vitest worker (the bench, a script). */
function provided(key: 'chromiumEndpoint' | 'e2eDataRoot'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}

/** Starts `node bin/fenghuo.mjs serve` and resolves when it prints its ready line. */
export async function startStation(opts: StationOptions = {}): Promise<RunningStation> {
  ensureRendererBuild();
  const token = opts.token ?? randomBytes(16).toString('hex');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(provided('e2eDataRoot') || os.tmpdir(), 'fenghuo-e2e-'));
  const args = [
    path.join(repoRoot, 'bin', 'fenghuo.mjs'),
    'serve',
    '--port',
    String(opts.port ?? 0),
    '--data',
    dataDir,
    '--token',
    token,
    ...(opts.demo ? ['--demo'] : []),
    ...(opts.args ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the station did not print its ready line within 60 s')), 60_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- station output ---\n${log}`));
    };
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = READY.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`the station exited early (code ${code}, signal ${signal})`)));
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token,
    dataDir,
    pid: child.pid!,
    output: () => log,
    kill: (signal = 'SIGKILL') => void child.kill(signal),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * `path` on the station with its token: the server turns the token into a cookie and sends the
 * browser on to `path`, so a page opens where it is wanted in one load (not the wall first).
 */
export function withToken(station: RunningStation, path: string): string {
  const url = new URL(path, station.origin);
  url.searchParams.set('token', station.token);
  return url.href;
}

/** One api call over HTTP, as a page or a script makes it; a refusal throws with its message. */
export async function stationApi<T>(station: RunningStation, method: string, params: unknown, token = station.token): Promise<T> {
  const res = await fetch(`${station.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error?.message}`);
  return body;
}

/**
 * Chromium for the e2e tests. Its pages ask for reduced motion (the OS setting the renderer
 * honours: no pulsing, no chart animations), which the tests do not need and which is a good
 * part of what a page costs on two cores; `{ motion: true }` keeps the animations (the demo
 * wall's test looks at the wall as most screens show it). A page may still say otherwise.
 */
export async function launchBrowser(opts: { motion?: boolean; full?: boolean } = {}): Promise<Browser> {
  // The run's shared Chromium (global-setup.ts) when there is one; a browser of its own when
  // these helpers run outside vitest (the bench, a script), or when the full browser is asked
  // for (`full`: the bench's frame rates are those of the browser a wall screen runs).
  const endpoint = opts.full ? '' : provided('chromiumEndpoint');
  const browser = endpoint
    ? await chromium.connect(endpoint)
    : await chromium.launch({ executablePath: opts.full ? CHROMIUM : TEST_CHROMIUM, args: CHROMIUM_ARGS });
  if (!opts.motion) {
    const newContext = browser.newContext.bind(browser);
    const newPage = browser.newPage.bind(browser);
    browser.newContext = (o = {}) => newContext({ reducedMotion: 'reduce', ...o });
    browser.newPage = (o = {}) => newPage({ reducedMotion: 'reduce', ...o });
  }
  return browser;
}

export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

/**
 * Whether this run saves screenshots: `npm run screenshots` (FENGHUO_SCREENSHOTS=1) does, for a
 * person to look at the screens; a plain `npm test` does not (a 4K PNG costs Chromium about
 * 2 CPU-seconds to paint and encode, and nothing reads the files).
 */
export const takingScreenshots = Boolean(process.env.FENGHUO_SCREENSHOTS);

/** Saves a full-viewport PNG as test-output/screenshots/<name>.png when this run takes them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!takingScreenshots) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/**
 * The bytes of a finished download. The shared browser runs in another process, so a download
 * is copied out with saveAs (its own path is not readable from here).
 */
export async function downloaded(download: Download): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-download-'));
  try {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
