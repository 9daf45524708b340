// The shell's decisions as pure functions: which flags were given, which station opens, what
// URL a window loads, where it may navigate, which links leave for the system browser and
// which need the user's yes, which permissions a page gets, the CSP header, what the engine is
// started with, and what the renderer may ask of main.
// No 'electron' import here, so every rule is unit-tested under plain Node.
import net from 'node:net';
import { blockedAddressKind } from '../engine/sources/http/fetch';

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

/** The demo and the team's own station live in separate folders of the user-data folder. */
export type StationChoice = 'demo' | 'own';

export const STATION_FOLDERS: Record<StationChoice, string> = { demo: 'demo', own: 'station' };

/**
 * Which station opens: `--demo` asks for the demo; otherwise the one picked last in the
 * Station menu; otherwise the team's own station once it exists, and the demo until then —
 * so a first run shows a live demo without ever writing demo data into the real station.
 */
export function chooseStation(flags: LaunchFlags, picked: StationChoice | undefined, ownExists: boolean): StationChoice {
  if (flags.demo) return 'demo';
  return picked ?? (ownExists ? 'own' : 'demo');
}

export interface EngineSettings {
  dataDir: string;
  port: number;
  token: string;
  demo: boolean;
  /** Packaged app: lexicons, stopwords and the demo corpus sit outside the asar. */
  resourcesDir?: string;
  /** The renderer build the engine serves. */
  webRoot?: string;
}

export function engineEnv(base: Record<string, string | undefined>, s: EngineSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    // A FENGHUO_* left in the user's shell must not leak into the desktop station.
    if (value !== undefined && !key.startsWith('FENGHUO_')) env[key] = value;
  }
  // The engine runs threads (an import's analysis beside the writer, the storage check): with
  // glibc's default of eight malloc arenas a core, their freed memory stays in per-thread
  // arenas and an import's peak grew by 10–25 MB (200,000-row import bench, six runs each: 234–249 MB, with
  // two arenas 222–225 MB at the same speed). Ignored outside glibc; a value set by the user stays.
  env.MALLOC_ARENA_MAX ??= '2';
  env.FENGHUO_DATA = s.dataDir;
  env.FENGHUO_PORT = String(s.port);
  env.FENGHUO_HOST = '127.0.0.1';
  env.FENGHUO_TOKEN = s.token;
  if (s.demo) env.FENGHUO_DEMO = '1';
  if (s.resourcesDir) env.FENGHUO_RESOURCES = s.resourcesDir;
  if (s.webRoot) env.FENGHUO_WEB_ROOT = s.webRoot;
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

export type LinkDecision =
  | { action: 'open'; url: string }
  /** Opened only after the user says yes; `reason` is what the question tells them. */
  | { action: 'ask'; url: string; reason: string }
  | { action: 'refuse' };

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
/** Names that only mean something inside a network (RFC 6762, 6761, 8375 and common habit). */
const LOCAL_SUFFIXES = ['.local', '.localhost', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

/** Why a host is on this machine or its network, or null for an ordinary internet name or address. */
function localHostKind(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (net.isIP(host)) {
    const kind = blockedAddressKind(host);
    return kind ? `a ${kind} address` : null;
  }
  if (host === 'localhost' || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'a name on this machine or network';
  if (!host.includes('.')) return 'a name on this machine or network';
  return null;
}

/**
 * What a link from a page (a mention's source, a feed's home page) may do: http(s) and mailto
 * only, never file:, javascript: or custom schemes. Web links to this machine, the local network
 * or an unusual port — where routers, printers and admin panels answer — are opened only after
 * the user agrees; the question names the host. `resolved`: the addresses DNS gave for the
 * link's host name, when it could be asked.
 */
export function judgeExternalLink(url: unknown, resolved: readonly string[] = []): LinkDecision {
  if (typeof url !== 'string' || url.length > 8192) return { action: 'refuse' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { action: 'refuse' };
  }
  if (u.protocol === 'mailto:') return u.pathname.includes('@') ? { action: 'open', url: u.href } : { action: 'refuse' };
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return { action: 'refuse' };
  const local = localHostKind(u.hostname);
  if (local) return { action: 'ask', url: u.href, reason: `${u.hostname} is ${local}.` };
  if (u.port !== '' && u.port !== DEFAULT_PORTS[u.protocol]) {
    return { action: 'ask', url: u.href, reason: `The link goes to port ${u.port}, not the usual web port.` };
  }
  if (u.username || u.password) return { action: 'ask', url: u.href, reason: 'The link carries a user name or password.' };
  // A public-looking name can still point into the network (the addresses DNS gave for it).
  for (const address of resolved) {
    const kind = net.isIP(address) ? blockedAddressKind(address) : null;
    if (kind) return { action: 'ask', url: u.href, reason: `${u.hostname} points to a ${kind} address (${address}).` };
  }
  return { action: 'open', url: u.href };
}

/** The host name of a web link worth asking DNS about (not an address, not mail), or null. */
export function linkHostToResolve(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return host && !net.isIP(host) ? host : null;
  } catch {
    return null;
  }
}

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'fullscreen']);

/** Red lights raise notifications and walls go fullscreen; a listening station needs nothing else. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, stationOrigin: string | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isStationUrl(requestingUrl, stationOrigin);
}

/**
 * Response headers of a station page as the window gets them. The engine's Content-Security-Policy
 * is the only one and passes verbatim; a response that has none (it should not happen) gets the
 * engine's policy — the shell never adds a second, looser one or rewrites the first.
 */
export function withStationCsp(
  headers: Record<string, string[]> | undefined,
  engineCsp: string,
): Record<string, string[]> {
  const out = { ...headers };
  if (Object.keys(out).some((k) => k.toLowerCase() === 'content-security-policy')) return out;
  out['Content-Security-Policy'] = [engineCsp];
  return out;
}

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

export interface AlertCount {
  count: number;
  /** The renderer's words for it, in the UI language (the tray's tooltip). */
  label: string;
}

/** The unacknowledged-alert count a page reports: a whole number and a short label, or null. */
export function parseAlertCount(value: unknown): AlertCount | null {
  if (typeof value !== 'object' || value === null) return null;
  const { count, label } = value as Record<string, unknown>;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1_000_000) return null;
  if (typeof label !== 'string' || label.trim() === '') return null;
  return { count, label: label.slice(0, 120) };
}

export function parseNotification(value: unknown): NotificationRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { title, body } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') return null;
  if (body !== undefined && typeof body !== 'string') return null;
  return { title: title.slice(0, 200), body: (body ?? '').slice(0, 1000) };
}
