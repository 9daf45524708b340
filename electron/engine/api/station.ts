// station.*: the station's own health, its storage and the retention setting.
import os from 'node:os';
import { SCREENS_LISTED, type Compaction, type StationAddresses, type StationScreens, type StationStorage } from '../../../shared/api/station';
import type { Station } from '../station';
import { askCompaction, COMPACTION_KEY, compactionAsked } from '../store/compact';
import { handlers } from './types';

function storage(station: Station): StationStorage {
  const r = station.retention;
  return {
    keepMonths: r.keepMonths,
    ...r.storage(),
    running: r.isRunning,
    progress: r.progress,
    lastRun: r.last,
    compactAtStart: compactionAsked(station.dataDir),
    lastCompaction: station.store.settings.get<Compaction | null>(COMPACTION_KEY, null),
  };
}

/**
 * Where other screens can open this station. Listening on all interfaces: every non-internal
 * IPv4 address (the server accepts only IP literals as Host then, against DNS rebinding), then
 * loopback; on one address: that one; not served over HTTP (the cli, tests): none.
 */
export function stationAddresses(served: { host: string; port: number } | null, nets = os.networkInterfaces()): StationAddresses {
  if (!served) return { lan: false, urls: [] };
  const url = (ip: string) => `http://${ip.includes(':') ? `[${ip}]` : ip}:${served.port}`;
  if (served.host === '0.0.0.0' || served.host === '::') {
    const lan = Object.values(nets)
      .flatMap((list) => list ?? [])
      .filter((n) => n.family === 'IPv4' && !n.internal)
      .map((n) => url(n.address));
    return { lan: lan.length > 0, urls: [...new Set(lan), url('127.0.0.1')] };
  }
  const loopback = served.host === 'localhost' || served.host.startsWith('127.') || served.host === '::1';
  return { lan: !loopback, urls: [url(served.host === 'localhost' ? '127.0.0.1' : served.host)] };
}

/** The open streams with their tokens' names, when each app-made token was last seen, and the load. */
function screens(station: Station): StationScreens {
  const tokens = station.tokens.list();
  const names = new Map(tokens.map((t) => [t.id, t.name]));
  const openTokens = station.screens.openTokens();
  // This run's closes, then what was kept from before for tokens not seen since the start.
  const lastSeen = station.screens.lastSeen();
  const known = new Set([...openTokens, ...lastSeen.map((l) => l.tokenId)]);
  for (const t of tokens) if (t.lastSeenAt !== undefined && !known.has(t.id)) lastSeen.push({ tokenId: t.id, at: t.lastSeenAt });
  return {
    at: Date.now(),
    screens: station.screens.list((id) => names.get(id) ?? null, SCREENS_LISTED),
    open: station.screens.counts(),
    openTokens,
    lastSeen,
    startedAt: station.screens.startedAt,
    load: station.load.read(),
  };
}

export const stationHandlers = handlers({
  'station.status': (_p, { station }) => station.status(),
  'station.storage': (_p, { station }) => storage(station),
  'station.setRetention': async (p, { station }) => {
    station.retention.keepMonths = p.keepMonths;
    if (p.keepMonths != null && !station.readOnly) void station.retention.runNow();
    return storage(station);
  },
  'station.addresses': (_p, { station }) => stationAddresses(station.served),
  'station.screens': (_p, { station }) => screens(station),
  'station.compactAtStart': (p, { station }) => {
    if (station.readOnly) throw new Error(`the station is read-only: ${station.readOnly}`);
    askCompaction(station.dataDir, p.on);
    return storage(station);
  },
  'station.archiveNow': async (p, { station }) => {
    const run = station.retention.runNow();
    if (p.wait) await run;
    return storage(station);
  },
});
