// Start a station and its server together: the one entry used by `fenghuo serve`, by the
// Electron utility process (electron/server/host.ts) and by tests.
//
// While it serves, the station leaves `<data>/serving.json` (readable by this user only): its
// pid, address and a token of its own, so `fenghuo import` into the same folder hands the file
// to this station instead of opening the file beside it (electron/cli/import.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { webRoot } from '../engine/paths';
import { Station, type StationOptions } from '../engine/station';
import { startServer, type RunningServer } from './index';

export interface ServeOptions extends Omit<StationOptions, 'demo'> {
  demo?: boolean;
  host?: string;
  port?: number;
  token?: string;
  viewerTokens?: string[];
  /** Places-only tokens for a public crowd-lights page. */
  publicTokens?: string[];
}

export interface RunningStation {
  station: Station;
  server: RunningServer;
  token: string;
  /** The address to open in a browser, token included. */
  openUrl: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export const SERVING_FILE = 'serving.json';

/** What `<data>/serving.json` says about the station serving that folder. */
export interface Serving {
  pid: number;
  url: string;
  token: string;
}

function writeServing(dataDir: string, serving: Serving): (() => void) | null {
  const file = path.join(dataDir, SERVING_FILE);
  try {
    fs.writeFileSync(file, JSON.stringify(serving) + '\n', { mode: 0o600 });
  } catch {
    return null; // a read-only folder: nothing can be handed to it anyway
  }
  return () => {
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as Serving).pid === serving.pid) fs.rmSync(file, { force: true });
    } catch {
      // gone already
    }
  };
}

export async function serveStation(opts: ServeOptions): Promise<RunningStation> {
  const token = opts.token ?? newToken();
  const handover = newToken();
  const station = Station.open(opts);
  let server: RunningServer;
  try {
    server = await startServer({
      station,
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 4870,
      token,
      viewerTokens: opts.viewerTokens ?? [],
      publicTokens: opts.publicTokens ?? [],
      localTokens: [handover],
      webRoot: webRoot(),
      ...(opts.log ? { log: opts.log } : {}),
    });
  } catch (e) {
    await station.close();
    throw e;
  }
  station.start();
  station.served = { host: server.host, port: server.port };
  const shownHost = server.host === '0.0.0.0' || server.host === '::' ? '127.0.0.1' : server.host.includes(':') ? `[${server.host}]` : server.host;
  const removeServing = station.readOnly ? null : writeServing(opts.dataDir, { pid: process.pid, url: `http://${shownHost}:${server.port}`, token: handover });
  return {
    station,
    server,
    token,
    openUrl: `${server.url}/?token=${encodeURIComponent(token)}`,
    async close() {
      removeServing?.();
      await server.close();
      await station.close();
    },
  };
}
