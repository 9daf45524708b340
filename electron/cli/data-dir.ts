// The station data directory a command works on: --data, else the one the app uses by default.
import os from 'node:os';
import path from 'node:path';

/** `--data` resolved, else ~/.fenghuo/station (~/.fenghuo/demo for the demo station). */
export function dataDirOf(data: string | undefined, station: 'station' | 'demo' = 'station'): string {
  return path.resolve(data ?? path.join(os.homedir(), '.fenghuo', station));
}
