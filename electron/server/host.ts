// The engine process entry. Electron's main process forks it as a utilityProcess; tests fork
// it as a Node child. Configured by environment, it reports `ready` (with its URL), a
// heartbeat every 5 s, or `fatal` to its parent.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStation } from './serve';

type Message = { type: 'ready'; url: string; port: number } | { type: 'heartbeat'; at: number } | { type: 'fatal'; message: string };

const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void } }).parentPort;

function tell(m: Message): void {
  if (parentPort) parentPort.postMessage(m);
  else if (process.send) process.send(m);
  else if (m.type !== 'heartbeat') console.log(JSON.stringify(m));
}

const builtWorker = fileURLToPath(new URL('./prepare-worker.js', import.meta.url));

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env.FENGHUO_DATA;
  if (!dataDir) throw new Error('FENGHUO_DATA (the station data directory) is not set');
  const running = await serveStation({
    dataDir,
    host: env.FENGHUO_HOST || '127.0.0.1',
    port: Number(env.FENGHUO_PORT ?? 0),
    ...(env.FENGHUO_TOKEN ? { token: env.FENGHUO_TOKEN } : {}),
    demo: env.FENGHUO_DEMO === '1',
    // Built (out/main/engine.js): the analysis thread's bundle lies beside it. From the
    // sources the pool finds its TypeScript entry itself.
    ...(fs.existsSync(builtWorker) ? { prepareWorker: builtWorker } : {}),
    log: (line) => console.error(`[engine] ${line}`),
  });
  tell({ type: 'ready', url: running.server.url, port: running.server.port });
  setInterval(() => tell({ type: 'heartbeat', at: Date.now() }), 5_000);
  const stop = () => void running.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: Error) => {
  tell({ type: 'fatal', message: e.message });
  console.error(`[engine] fatal: ${e.stack ?? e.message}`);
  process.exit(1);
});
