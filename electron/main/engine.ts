// The engine as Electron runs it: a utilityProcess of out/main/engine.js, its output in the
// shell's log, and the better-sqlite3 binary built for Electron by scripts/prepare-electron.mjs.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { utilityProcess } from 'electron';
import type { Log } from './log';
import type { EngineChild } from './supervisor';

export function forkEngine(entry: string, env: Record<string, string>, log: Log): EngineChild {
  const child = utilityProcess.fork(entry, [], { env, serviceName: 'Fenghuo engine', stdio: 'pipe' });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline
      .createInterface({ input: stream })
      .on('line', (line) => log(line.startsWith('[engine]') ? line : `[engine] ${line}`));
  }
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: (signal) => {
      // utilityProcess.kill() is SIGTERM; a hung engine needs the real thing.
      if (signal === 'SIGKILL' && child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
          return;
        } catch {
          // Already gone: the exit event is on its way.
        }
      }
      child.kill();
    },
  };
}

interface BindingRecord {
  electron?: unknown;
  arch?: unknown;
  binding?: unknown;
}

/**
 * The Electron-ABI better_sqlite3.node, if prepare-electron built one for this very Electron.
 * Absent (a packaged app, or a stale record) the engine falls back to better-sqlite3's own
 * lookup, and a mismatch surfaces as the engine's fatal message.
 */
export function nativeBinding(appPath: string, log: Log): string | undefined {
  const recordFile = path.join(appPath, '.electron-native', 'binding.json');
  if (!fs.existsSync(recordFile)) return undefined;
  try {
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as BindingRecord;
    const file = typeof record.binding === 'string' ? path.resolve(appPath, record.binding) : '';
    if (record.electron === process.versions.electron && record.arch === process.arch && fs.existsSync(file)) {
      return file;
    }
    log(`native: ${recordFile} is for Electron ${String(record.electron)}/${String(record.arch)}; run \`node scripts/prepare-electron.mjs\``);
  } catch (error) {
    log(`native: cannot read ${recordFile}: ${String(error)}`);
  }
  return undefined;
}
