// The shell's decisions as pure functions: which flags were given, what URL a window loads,
// where it may navigate, which links leave for the system browser, which permissions a page
// gets, the CSP, what the engine is started with, and what the renderer may ask of main.
// No 'electron' import here, so every rule is unit-tested under plain Node.

export interface LaunchFlags {
  /** One fullscreen window per display, never sleeping. */
  wall: boolean;
  /** Start the demo station even when a station already exists. */
  demo: boolean;
}

export function parseFlags(argv: readonly string[]): LaunchFlags {
  return { wall: argv.includes('--wall'), demo: argv.includes('--demo') };
}

/** Walls reload themselves this often by default: long-running renderers die of slow leaks. */
export const DEFAULT_WALL_RELOAD_HOURS = 24;

/**
 * How often wall windows reload, in ms, from `--wall-reload-hours=N` (0 turns it off);
 * null means never. Values outside 1..720 hours are refused rather than guessed at.
 */
export function wallReloadMs(argv: readonly string[]): number | null {
  const arg = argv.find((a) => a.startsWith('--wall-reload-hours='));
  const hours = arg === undefined ? DEFAULT_WALL_RELOAD_HOURS : Number(arg.slice('--wall-reload-hours='.length));
  if (hours === 0) return null;
  if (!Number.isFinite(hours) || hours < 1 || hours > 720) {
    throw new Error(`--wall-reload-hours: "${arg}" must be 0 (never) or 1 to 720 hours`);
  }
  return hours * 3600_000;
}

/** The engine decides what a demo is; the shell only asks for one on first run or on request. */
export function wantsDemo(flags: LaunchFlags, stationExists: boolean): boolean {
  return flags.demo || !stationExists;
}

export interface EngineSettings {
  dataDir: string;
  port: number;
  token: string;
  demo: boolean;
}

export function engineEnv(base: Record<string, string | undefined>, s: EngineSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    // A FENGHUO_* left in the user's shell must not leak into the desktop station.
    if (value !== undefined && !key.startsWith('FENGHUO_')) env[key] = value;
  }
  env.FENGHUO_DATA = s.dataDir;
  env.FENGHUO_PORT = String(s.port);
  env.FENGHUO_HOST = '127.0.0.1';
  env.FENGHUO_TOKEN = s.token;
  if (s.demo) env.FENGHUO_DEMO = '1';
  return env;
}

export interface ScreenPlace {
  /** Index of the display in wall mode; absent for the ordinary main window. */
  screen?: number;
  /** The board or playlist this display showed last (an app path like /wall/2?playlist=1,2). */
  path?: string;
}

const APP_PATH = /^\/(wall\/\d+)?$/;
const SHELL_PARAMS = ['token', 'wall', 'screen'];

/**
 * The app path a wall window is showing, to reopen it there after a restart: only wall routes
 * of the station itself, without the launch token or the shell's own parameters.
 */
export function wallPathOf(url: string, stationOrigin: string | null): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!stationOrigin || u.origin !== stationOrigin || !APP_PATH.test(u.pathname)) return null;
  for (const p of SHELL_PARAMS) u.searchParams.delete(p);
  const query = u.searchParams.toString();
  return u.pathname + (query ? `?${query}` : '');
}

/** The page a window loads. Always loopback, whatever address the engine also listens on. */
export function stationUrl(port: number, token: string, place: ScreenPlace = {}): string {
  const base = `http://127.0.0.1:${port}`;
  const remembered = place.path ? wallPathOf(base + place.path, base) : null;
  const url = new URL(remembered ?? '/', base);
  url.searchParams.set('token', token);
  if (place.screen !== undefined) {
    url.searchParams.set('wall', '1');
    url.searchParams.set('screen', String(place.screen));
  }
  return url.toString();
}

export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Same scheme, host and port as the station — nothing else may be shown in a window. */
export function isStationUrl(url: string | undefined, stationOrigin: string | null): boolean {
  if (!url || !stationOrigin) return false;
  return originOf(url) === stationOrigin;
}

/** Links the system browser may open: plain web pages only, never file:, javascript:, custom schemes. */
export function isExternalHttpUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 8192) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'fullscreen']);

/** Red lights raise notifications and walls go fullscreen; a listening station needs nothing else. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, stationOrigin: string | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isStationUrl(requestingUrl, stationOrigin);
}

/** Second wall behind the engine's own header; connect-src allows the engine's WebSocket. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: http: https:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The renderer suggests a file name for an export; only a plain base name survives, so a
 * page cannot steer the save dialog to another folder.
 */
export function exportFileName(suggested: unknown, ext: 'png' | 'pdf', now: Date): string {
  const fallback = `fenghuo-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
  const raw = typeof suggested === 'string' ? suggested : '';
  const base = raw
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .slice(0, 120)
    .replace(/[.\s]+$/, '');
  const stem = (base || fallback).replace(new RegExp(`\\.${ext}$`, 'i'), '');
  return `${stem || fallback}.${ext}`;
}

export interface NotificationRequest {
  title: string;
  body: string;
}

export function parseNotification(value: unknown): NotificationRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { title, body } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') return null;
  if (body !== undefined && typeof body !== 'string') return null;
  return { title: title.slice(0, 200), body: (body ?? '').slice(0, 1000) };
}
