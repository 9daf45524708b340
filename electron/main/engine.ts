// The engine as Electron runs it: a utilityProcess of out/main/engine.js, its output in the
// shell's log. better-sqlite3's Node-API prebuild loads in Electron as in Node: nothing to pick.
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
