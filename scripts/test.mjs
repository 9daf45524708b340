#!/usr/bin/env node
// `npm test`: the typecheck and every vitest project (unit, integration, e2e in Chromium).
// They run side by side in three lanes, because most of the suite waits — on child stations,
// browsers, sockets and timers — and one lane after another leaves the cores idle:
//   crash        tests/integration/crash.test.ts alone: a hundred station starts one after
//                another, the longest chain in the suite, so it starts first, and the other
//                lanes (the typecheck excepted) run at a lower priority (nice 5) so that the
//                chain keeps its core
//   typecheck, then unit+integration
//                tsc and svelte-check, then the other unit and integration files in parallel
//                (vitest.config.ts sets the workers). One lane, not two: with four lanes at
//                once on two cores every lane slowed (fresh clone, idle machine: 314 s; 292 s
//                so, 270 s with the typecheck at full priority, since the tests wait for it).
//                The tests run whether or not the typecheck passed.
//   e2e          two files at a time (each drives its own station and Chromium)
// The vitest lanes wait for the renderer build (made only when it is stale) that e2e and
// diskfull.test.ts load, so that two lanes never build it at once.
// Each lane's output is printed whole when it ends, then a table of lane times.
// Extra arguments go to one plain vitest run instead, e.g. `npm test -- --project unit`.
// `npm run screenshots` (`--screenshots`) runs the e2e project alone and saves a PNG of every
// screen it visits under test-output/screenshots/, for a person to look at; `npm test` does not.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';

let extra = process.argv.slice(2);
if (extra.includes('--screenshots')) {
  process.env.FENGHUO_SCREENSHOTS = '1';
  extra = ['--project', 'e2e', ...extra.filter((a) => a !== '--screenshots')];
}
const vitest = [process.execPath, 'node_modules/vitest/vitest.mjs', 'run'];
const CRASH = 'tests/integration/crash.test.ts';

if (extra.length > 0) {
  const r = spawnSync(vitest[0], [...vitest.slice(1), ...extra], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rendererBuild = {
  name: 'renderer build',
  // The module with the staleness check alone: e2e/helpers.ts would load Playwright and Vitest.
  cmd: [process.execPath, '--import', 'tsx', '-e', "(await import('./tests/helpers/renderer-build.ts')).ensureRendererBuild()"],
};
// At full priority too: the unit and integration files wait for it.
const typecheck = { name: 'typecheck', cmd: [npm, 'run', '--silent', 'typecheck'], first: true };
const lanes = [
  { name: 'crash', cmd: [...vitest, '--project', 'integration', CRASH], first: true },
  {
    name: 'unit+integration',
    follows: typecheck,
    after: rendererBuild,
    cmd: [...vitest, '--project', 'unit', '--project', 'integration', '--exclude', CRASH],
  },
  { name: 'e2e', after: rendererBuild, cmd: [...vitest, '--project', 'e2e'] },
];

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

const finished = [];
const once = new Map();
/**
 * Runs `lane.follows` (a lane of its own, reported by itself; its result does not stop this
 * one), then `lane.after` (once, however many lanes wait for it; this lane needs it to pass),
 * then the lane itself.
 */
async function runAfter(lane) {
  const first = lane.follows ? await run(lane.follows) : null;
  if (lane.after) {
    if (!once.has(lane.after)) once.set(lane.after, run(lane.after, true));
    const before = await once.get(lane.after);
    if (!before.ok) return { name: lane.name, ok: false, ms: 0, endedAt: Date.now() - started };
  }
  const result = await run(lane);
  return first && !first.ok ? { ...result, ok: false } : result;
}

function run(lane, quietWhenOk = false) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(lane.cmd[0], lane.cmd.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      // Lanes print to a pipe: keep vitest's colours when we are on a terminal.
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
    });
    // Set before the lane starts its own children (workers, stations, browsers): they inherit it.
    if (!lane.first && child.pid) {
      try {
        os.setPriority(child.pid, 5);
      } catch {
        // not allowed here: the lanes share the cores evenly
      }
    }
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.once('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
    child.once('close', (code, signal) => {
      const ms = Date.now() - t0;
      const ok = code === 0;
      process.stdout.write(`\n━━ ${lane.name}: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds(ms)} ━━\n`);
      if (!ok || !quietWhenOk) process.stdout.write(Buffer.concat(out));
      const result = { name: lane.name, ok, ms, endedAt: Date.now() - started };
      finished.push(result);
      resolve(result);
    });
  });
}

process.stdout.write(`npm test: ${lanes.map((l) => (l.follows ? `${l.follows.name} then ${l.name}` : l.name)).join(', ')} side by side; each lane prints when it ends\n`);
const results = await Promise.all(lanes.map(runAfter));
process.stdout.write('\n');
for (const r of finished) {
  process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(18)} ran ${seconds(r.ms).padStart(5)}, done at ${seconds(r.endedAt)}\n`);
}
process.stdout.write(`  npm test: ${seconds(Date.now() - started)}\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
