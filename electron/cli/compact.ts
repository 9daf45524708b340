// `fenghuo compact`: give the station file's free space (left by retention) back to the disk,
// with the station stopped. The app asks for the same at its next start (station.compactAtStart).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DB_FILE } from '../engine/store';
import { compactFile } from '../engine/store/compact';
import { closedCleanly, forgetCleanClose, recordCleanClose } from '../engine/store/open-check';
import { dataDirOf } from './data-dir';

export const COMPACT_USAGE = `fenghuo compact [--data DIR]
  rewrite a stopped station's file without its free space (needs room for the copy)
  --data DIR      station data directory (default ~/.fenghuo/station)`;

export async function runCompact(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } } });
  const dataDir = dataDirOf(values.data);
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) {
    io.err.write(`compact: there is no station file in ${dataDir}\n`);
    return 1;
  }
  try {
    const vouched = closedCleanly(dataDir);
    const r = compactFile(file);
    // A file closed cleanly before is rewritten whole by SQLite: the next open may trust it as
    // it did (its check then runs in the background); any other is checked whole at the open.
    if (vouched) recordCleanClose(dataDir);
    else forgetCleanClose(dataDir);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    io.out.write(`compacted ${file}: ${mb(r.beforeBytes)} MB → ${mb(r.afterBytes)} MB in ${(r.ms / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    io.err.write(`compact: ${(e as Error).message}\n`);
    return 1;
  }
}
