// The renderer build (out/renderer) that the e2e tests and diskfull.test.ts serve, made only
// when it is missing or stale. Nothing but Node's own modules here: `npm test`
// (scripts/test.mjs) runs this before the lanes that need it, and loading Playwright and
// Vitest only to look at a few file times cost a loaded machine 20 s of those lanes' start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let built = false;

/** Builds out/renderer once per test run when it is missing or older than renderer/ or shared/. */
export function ensureRendererBuild(): void {
  if (built) return;
  const index = path.join(repoRoot, 'out', 'renderer', 'index.html');
  const sources = ['renderer', 'shared'].map((d) => path.join(repoRoot, d));
  const stale =
    !fs.existsSync(index) || sources.some((d) => fs.existsSync(d) && newestMtime(d) > fs.statSync(index).mtimeMs);
  if (stale) {
    const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build:web failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = true;
}
