// Bundling a TypeScript entry into one ES module for plain `node`, for tests that start a
// child process many times (crash.test.ts starts one a hundred times): loading the engine's
// TypeScript through tsx costs each start a second or more on a busy machine, a bundle a
// fraction of that. Packages stay imports, so the bundle is written inside the repository
// (node_modules/.cache) where `better-sqlite3` and the rest resolve as they do for the sources.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Bundle {
  /** The bundled entry: run it with `node <file>`. */
  file: string;
  /** Deletes the bundle's folder. */
  remove(): void;
}

/** Bundles `entry` (a path relative to the repository root) into a fresh folder. */
export async function bundleForNode(entry: string): Promise<Bundle> {
  const cache = path.join(repoRoot, 'node_modules', '.cache', 'fenghuo-tests');
  fs.mkdirSync(cache, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(cache, `${path.basename(entry).replace(/\.\w+$/, '')}-`));
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    build: {
      ssr: path.resolve(repoRoot, entry),
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'main.mjs' } },
    },
  });
  return {
    file: path.join(outDir, 'main.mjs'),
    remove: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}
