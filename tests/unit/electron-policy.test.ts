import { describe, expect, it } from 'vitest';
import { CSP as ENGINE_CSP } from '../../electron/server/http-util';
import {
  chooseStation,
  engineEnv,
  exportFileName,
  isPermissionAllowed,
  isStationUrl,
  originOf,
  parseFlags,
  wallReloadMs,
  wallPathOf,
  parseAlertCount,
  parseNotification,
  stationUrl,
  STATION_FOLDERS,
  withStationCsp,
} from '../../electron/main/policy';

const station = 'http://127.0.0.1:4318';

describe('launch flags and the demo station', () => {
  it('reads --wall and --demo wherever Electron put them', () => {
    expect(parseFlags(['/opt/Fenghuo/fenghuo', '--wall'])).toEqual({ wall: true, demo: false });
    expect(parseFlags(['electron', '.', '--demo', '--wall'])).toEqual({ wall: true, demo: true });
    expect(parseFlags(['electron', '.'])).toEqual({ wall: false, demo: false });
  });

  it('opens the demo on a first run, in its own folder, and the team station once it exists', () => {
    const plain = { wall: false, demo: false };
    expect(chooseStation(plain, undefined, false)).toBe('demo');
    expect(chooseStation(plain, undefined, true)).toBe('own');
    expect(STATION_FOLDERS).toEqual({ demo: 'demo', own: 'station' });
  });

  it('keeps the station picked in the menu, and --demo always opens the demo', () => {
    const plain = { wall: false, demo: false };
    expect(chooseStation(plain, 'demo', true)).toBe('demo');
    expect(chooseStation(plain, 'own', false)).toBe('own');
    expect(chooseStation({ wall: false, demo: true }, 'own', true)).toBe('demo');
  });
});

describe('the engine environment', () => {
  it('carries the station settings and drops FENGHUO_* left in the user shell', () => {
    const env = engineEnv(
      { PATH: '/usr/bin', FENGHUO_HOST: '0.0.0.0', FENGHUO_DEMO: '1', HOME: undefined },
      { dataDir: '/data/station', port: 0, token: 'abc', demo: false },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      MALLOC_ARENA_MAX: '2',
      FENGHUO_DATA: '/data/station',
      FENGHUO_PORT: '0',
      FENGHUO_HOST: '127.0.0.1',
      FENGHUO_TOKEN: 'abc',
    });
    expect(engineEnv({}, { dataDir: '/d', port: 4318, token: 't', demo: true }).FENGHUO_DEMO).toBe('1');
    // Two malloc arenas for the engine's threads, unless the user chose otherwise.
    expect(engineEnv({ MALLOC_ARENA_MAX: '4' }, { dataDir: '/d', port: 0, token: 't', demo: false }).MALLOC_ARENA_MAX).toBe('4');
  });

  it('tells a packaged engine where its resources and the renderer build are', () => {
    const env = engineEnv(
      { FENGHUO_RESOURCES: '/home/me/old' },
      { dataDir: '/d', port: 0, token: 't', demo: true, resourcesDir: '/opt/Fenghuo/resources/resources', webRoot: '/opt/Fenghuo/resources/app.asar/out/renderer' },
    );
    expect(env.FENGHUO_RESOURCES).toBe('/opt/Fenghuo/resources/resources');
    expect(env.FENGHUO_WEB_ROOT).toBe('/opt/Fenghuo/resources/app.asar/out/renderer');
  });
});

describe('what a window shows', () => {
  it('loads the station over loopback with the launch token, and tells wall screens which one they are', () => {
    expect(stationUrl(4318, 'f00d')).toBe('http://127.0.0.1:4318/?token=f00d');
    expect(stationUrl(4318, 'f00d', { screen: 2 })).toBe('http://127.0.0.1:4318/?token=f00d&wall=1&screen=2');
    expect(originOf(stationUrl(4318, 'f00d'))).toBe(station);
  });

  it('lets a window navigate only within the station origin', () => {
    expect(isStationUrl('http://127.0.0.1:4318/#/explore?q=台積電', station)).toBe(true);
    expect(isStationUrl('http://127.0.0.1:4319/', station)).toBe(false);
    expect(isStationUrl('http://localhost:4318/', station)).toBe(false);
    expect(isStationUrl('https://127.0.0.1:4318/', station)).toBe(false);
    expect(isStationUrl('file:///etc/passwd', station)).toBe(false);
    expect(isStationUrl('javascript:alert(1)', station)).toBe(false);
    expect(isStationUrl('not a url', station)).toBe(false);
    expect(isStationUrl(undefined, station)).toBe(false);
    // Before the engine is ready there is no station, so nothing is allowed.
    expect(isStationUrl('http://127.0.0.1:4318/', null)).toBe(false);
  });
});

describe('permissions and CSP', () => {
  it('grants notifications and fullscreen to the station page and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', `${station}/`, station)).toBe(true);
    expect(isPermissionAllowed('fullscreen', station, station)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', station)).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'unknown']) {
      expect(isPermissionAllowed(p, `${station}/`, station), p).toBe(false);
    }
  });

  it("keeps the engine's CSP verbatim on station pages, whatever case the header arrives in", () => {
    const engine = { 'content-security-policy': ["default-src 'self'; connect-src 'self'"], 'x-frame-options': ['DENY'] };
    expect(withStationCsp(engine, ENGINE_CSP)).toEqual(engine);
    const upper = { 'Content-Security-Policy': ["default-src 'none'"] };
    expect(withStationCsp(upper, ENGINE_CSP)).toEqual(upper);
  });

  it("gives a response without a CSP the engine's own policy, and never a looser one", () => {
    const headers = withStationCsp({ 'Content-Type': ['text/html'] }, ENGINE_CSP);
    expect(headers['Content-Security-Policy']).toEqual([ENGINE_CSP]);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(withStationCsp(undefined, ENGINE_CSP)).toEqual({ 'Content-Security-Policy': [ENGINE_CSP] });
    // The engine's policy: the page's own origin only (its WebSocket included), any web image.
    expect(ENGINE_CSP).toContain("connect-src 'self'");
    expect(ENGINE_CSP).not.toMatch(/ws:\/\/127\.0\.0\.1:\*/);
  });
});

describe('what the renderer may ask of main', () => {
  const now = new Date('2025-03-01T08:15:30Z');

  it('keeps export names to a plain file name in the chosen folder', () => {
    expect(exportFileName('台積電 輿情 2025-03-01', 'png', now)).toBe('台積電 輿情 2025-03-01.png');
    expect(exportFileName('briefing.pdf', 'pdf', now)).toBe('briefing.pdf');
    expect(exportFileName('../../.ssh/authorized_keys', 'png', now)).toBe('ssh authorized_keys.png');
    expect(exportFileName('C:\\Windows\\win.ini', 'pdf', now)).toBe('C Windows win.ini.pdf');
    expect(exportFileName(undefined, 'png', now)).toBe('fenghuo-2025-03-01-08-15-30.png');
    expect(exportFileName('...', 'png', now)).toBe('fenghuo-2025-03-01-08-15-30.png');
    expect(exportFileName('x'.repeat(500), 'png', now)).toHaveLength(124);
  });

  it('accepts a notification with a title and an optional body, nothing else', () => {
    expect(parseNotification({ title: '紅燈：台積電', body: '負面聲量 3 倍' })).toEqual({
      title: '紅燈：台積電',
      body: '負面聲量 3 倍',
    });
    expect(parseNotification({ title: 'Red light' })).toEqual({ title: 'Red light', body: '' });
    expect(parseNotification({ title: ' ' })).toBeNull();
    expect(parseNotification({ title: 'x', body: 3 })).toBeNull();
    expect(parseNotification('Red light')).toBeNull();
    expect(parseNotification(null)).toBeNull();
  });

  it('puts a whole, non-negative alert count and the page\'s words for it on the tray, nothing else', () => {
    expect(parseAlertCount({ count: 3, label: '烽火：3 則警示未確認' })).toEqual({ count: 3, label: '烽火：3 則警示未確認' });
    expect(parseAlertCount({ count: 0, label: 'Fenghuo' })).toEqual({ count: 0, label: 'Fenghuo' });
    expect(parseAlertCount({ count: -1, label: 'x' })).toBeNull();
    expect(parseAlertCount({ count: 2.5, label: 'x' })).toBeNull();
    expect(parseAlertCount({ count: '3', label: 'x' })).toBeNull();
    expect(parseAlertCount({ count: 3, label: ' ' })).toBeNull();
    expect(parseAlertCount({ count: 3, label: 'x'.repeat(500) })!.label).toHaveLength(120);
    expect(parseAlertCount(null)).toBeNull();
  });
});

describe('scheduled wall reloads', () => {
  it('reload walls once a day unless told otherwise, and can be switched off', () => {
    expect(wallReloadMs(['electron', '.', '--wall'])).toBe(24 * 3600_000);
    expect(wallReloadMs(['electron', '.', '--wall-reload-hours=6'])).toBe(6 * 3600_000);
    expect(wallReloadMs(['electron', '.', '--wall-reload-hours=0'])).toBeNull();
  });
  it('refuses a nonsense interval instead of reloading every millisecond', () => {
    expect(() => wallReloadMs(['--wall-reload-hours=0.001'])).toThrow(/1 to 720 hours/);
    expect(() => wallReloadMs(['--wall-reload-hours=abc'])).toThrow(/wall-reload-hours/);
  });
});

describe('each display remembers its board', () => {
  const origin = 'http://127.0.0.1:4870';
  it('remembers the wall route a display shows, without the launch token or shell parameters', () => {
    expect(wallPathOf(`${origin}/wall/3?token=secret&wall=1&screen=1&playlist=3,4&dwell=60`, origin)).toBe(
      '/wall/3?playlist=3%2C4&dwell=60',
    );
    expect(wallPathOf(`${origin}/?token=secret&wall=1&screen=0`, origin)).toBe('/');
  });
  it('does not remember pages that are not walls, or other sites', () => {
    expect(wallPathOf(`${origin}/explore`, origin)).toBeNull();
    expect(wallPathOf('http://evil.example/wall/1', origin)).toBeNull();
  });
  it('reopens a display on its remembered board after a restart, on the new port, with the new token', () => {
    const url = new URL(stationUrl(5001, 'new-token', { screen: 1, path: '/wall/3?playlist=3%2C4' }));
    expect(url.origin).toBe('http://127.0.0.1:5001');
    expect(url.pathname).toBe('/wall/3');
    expect(url.searchParams.get('playlist')).toBe('3,4');
    expect(url.searchParams.get('token')).toBe('new-token');
    expect(url.searchParams.get('screen')).toBe('1');
  });
  it('ignores a remembered path that is not a wall route', () => {
    expect(new URL(stationUrl(5001, 't', { screen: 0, path: '//evil.example/x' })).origin).toBe('http://127.0.0.1:5001');
    expect(new URL(stationUrl(5001, 't', { screen: 0, path: '/explore' })).pathname).toBe('/');
  });
});
