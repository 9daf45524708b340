#!/usr/bin/env node
// `npm test`: typecheck, then every vitest project (unit, integration, e2e in Chromium).
// Extra arguments go to vitest, e.g. `npm test -- --project unit`.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const extra = process.argv.slice(2);
if (extra.length === 0) run('npm', ['run', '--silent', 'typecheck']);
run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...extra]);
