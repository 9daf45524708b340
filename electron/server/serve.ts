// Start a station and its server together: the one entry used by `fenghuo serve`, by the
// Electron utility process (electron/server/host.ts) and by tests.
import { randomBytes } from 'node:crypto';
import { webRoot } from '../engine/paths';
import { Station, type StationOptions } from '../engine/station';
import { startServer, type RunningServer } from './index';

export interface ServeOptions extends Omit<StationOptions, 'demo'> {
  demo?: boolean;
  host?: string;
  port?: number;
  token?: string;
  viewerTokens?: string[];
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

export async function serveStation(opts: ServeOptions): Promise<RunningStation> {
  const token = opts.token ?? newToken();
  const station = Station.open(opts);
  let server: RunningServer;
  try {
    server = await startServer({
      station,
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 4870,
      token,
      viewerTokens: opts.viewerTokens ?? [],
      webRoot: webRoot(),
      ...(opts.log ? { log: opts.log } : {}),
    });
  } catch (e) {
    await station.close();
    throw e;
  }
  station.start();
  return {
    station,
    server,
    token,
    openUrl: `${server.url}/?token=${encodeURIComponent(token)}`,
    async close() {
      await server.close();
      await station.close();
    },
  };
}
