// Where the bundled resources (lexicons, demo corpus, stopwords) live. The same code runs from
// source (tsx, vitest) and bundled into out/main by electron-vite, so the folder is found by
// walking up from this module, or given by FENGHUO_RESOURCES.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function resourcesDir(): string {
  if (cached) return cached;
  const env = process.env.FENGHUO_RESOURCES;
  if (env && fs.existsSync(env)) return (cached = env);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'lexicons')) || fs.existsSync(path.join(candidate, 'demo'))) {
      return (cached = candidate);
    }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the resources folder (set FENGHUO_RESOURCES to its path)');
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}

/** The repository (or app) root: the folder that holds resources/. */
export function appRoot(): string {
  return path.dirname(resourcesDir());
}

/** The renderer build served to browsers: FENGHUO_WEB_ROOT, else <root>/out/renderer. */
export function webRoot(): string {
  return process.env.FENGHUO_WEB_ROOT ?? path.join(appRoot(), 'out', 'renderer');
}
