// `fenghuo serve`: a headless station with its wall, for extra wall browsers and tests.
import { parseArgs } from 'node:util';
import { serveStation } from '../server/serve';
import { ensureWebBuild } from './web-build';
import { dataDirOf } from './data-dir';

export const SERVE_USAGE = `fenghuo serve [--demo] [--port N] [--host H] [--data DIR] [--token T]
               [--viewer-token T ...] [--public-token T ...] [--speed X]
  --demo          open the demo station (replayed demo corpus; clearly labelled as demo data)
  --port N        port to listen on (default 4870; 0 = any free port)
  --host H        address to bind (default 127.0.0.1; 0.0.0.0 exposes it on the LAN)
  --data DIR      station data directory (default ~/.fenghuo/station, or ~/.fenghuo/demo with --demo)
  --token T       admin token (default: a new random one each start)
  --viewer-token  a read-only token for wall browsers (repeatable)
  --public-token  a places-only token for a public crowd-lights page, /public/places (repeatable)
  --speed X       demo replay speed (1 = real time)`;

export async function runServe(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '4870' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      token: { type: 'string' },
      'viewer-token': { type: 'string', multiple: true },
      'public-token': { type: 'string', multiple: true },
      speed: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number`);
  const speed = Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed: "${values.speed}" must be a positive number`);
  const dataDir = dataDirOf(values.data, values.demo ? 'demo' : 'station');
  const log = (line: string) => console.error(`[fenghuo] ${line}`);
  ensureWebBuild(log);
  const running = await serveStation({
    dataDir,
    port,
    host: values.host,
    demo: values.demo,
    demoSpeed: speed,
    ...(values.token ? { token: values.token } : {}),
    viewerTokens: values['viewer-token'] ?? [],
    publicTokens: values['public-token'] ?? [],
    log,
  });
  console.log(`Fenghuo station ready: ${running.openUrl}`);
  console.log(`  data: ${dataDir}${running.station.demo ? '  (demo data)' : ''}`);
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    console.log(`  listening on ${values.host}: other machines can reach this station with a token`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
