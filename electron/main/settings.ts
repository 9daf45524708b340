// What the shell remembers between launches (userData/shell.json). The station's own
// settings live in its database; this is only how the desktop app opens.
import fs from 'node:fs';
import path from 'node:path';

export interface ShellSettings {
  wall: boolean;
}

const defaults: ShellSettings = { wall: false };

export function loadShellSettings(dir: string): ShellSettings {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'shell.json'), 'utf8'));
    const wall = (raw as Partial<ShellSettings> | null)?.wall;
    return { wall: typeof wall === 'boolean' ? wall : defaults.wall };
  } catch {
    return { ...defaults };
  }
}

export function saveShellSettings(dir: string, settings: ShellSettings): void {
  fs.writeFileSync(path.join(dir, 'shell.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
