// Per-test cleanups: what a test opens (a station, a temporary folder) is closed or removed
// after it, newest first, even when the test failed. Call once at a test file's top level.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function useCleanups(): { cleanups: (() => Promise<void> | void)[]; tmp(prefix: string): string } {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  /** A new temporary folder, removed after the test. */
  const tmp = (prefix: string): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
    return d;
  };
  return { cleanups, tmp };
}
