// Numbered migrations, applied in order, one transaction each (PRAGMA user_version).
import { up as m001 } from './001-initial';
import { up as m003 } from './003-lights';

export const migrations: { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: m001 },
  { version: 3, name: 'lights', up: m003 },
];
