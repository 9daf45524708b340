// One Chromium (the headless shell when installed: helpers.ts TEST_CHROMIUM) for the whole e2e
// run. Every file used to launch its own, and a browser's first page costs more than the next
// ones (fonts, the network service starting: 2.5 CPU-seconds more in the full browser). Files
// now connect to this one (helpers.ts `launchBrowser`) and open their own contexts in it, so
// their pages stay as separate as before: cookies, storage and permissions are per context.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, TEST_CHROMIUM } from './helpers';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared Chromium's Playwright endpoint (empty when the files launch their own). */
    chromiumEndpoint: string;
    /** The run's folder for the stations' data folders (helpers.ts `startStation`), removed at its end. */
    e2eDataRoot: string;
  }
}

let server: BrowserServer | undefined;
let dataRoot: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await chromium.launchServer({ executablePath: TEST_CHROMIUM, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  // Every station a file starts keeps its data folder under this one (a test restarts a station
  // on the same folder, so a station cannot remove its own when it stops); the run removes it
  // whole when it ends, instead of leaving ~60 folders of 5 MB in the temp folder on every run.
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-e2e-'));
  project.provide('e2eDataRoot', dataRoot);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
}
