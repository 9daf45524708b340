// What the shell remembers between launches (userData/shell.json). The station's own
// settings live in its database; this is only how the desktop app opens.
import fs from 'node:fs';
import path from 'node:path';
import type { StationChoice } from './policy';

export interface ShellSettings {
  wall: boolean;
  /** Per display (Electron's display id): the board or playlist it showed last. */
  screens: Record<string, string>;
  /** The station picked in the Station menu (demo or the team's own); unset until someone picks. */
  station?: StationChoice;
}

const defaults: ShellSettings = { wall: false, screens: {} };

export function loadShellSettings(dir: string): ShellSettings {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'shell.json'), 'utf8'));
    const saved = raw as Partial<ShellSettings> | null;
    const screens: Record<string, string> = {};
    for (const [id, p] of Object.entries(saved?.screens ?? {})) if (typeof p === 'string') screens[id] = p;
    return {
      wall: typeof saved?.wall === 'boolean' ? saved.wall : defaults.wall,
      screens,
      ...(saved?.station === 'demo' || saved?.station === 'own' ? { station: saved.station } : {}),
    };
  } catch {
    return { wall: defaults.wall, screens: {} };
  }
}

export function saveShellSettings(dir: string, settings: ShellSettings): void {
  fs.writeFileSync(path.join(dir, 'shell.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
