// One Chromium (the headless shell when installed: helpers.ts TEST_CHROMIUM) for the whole e2e
// run. Every file used to launch its own, and a browser's first page costs more than the next
// ones (fonts, the network service starting: 2.5 CPU-seconds more in the full browser). Files
// now connect to this one (helpers.ts `launchBrowser`) and open their own contexts in it, so
// their pages stay as separate as before: cookies, storage and permissions are per context.
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, TEST_CHROMIUM } from './helpers';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared Chromium's Playwright endpoint (empty when the files launch their own). */
    chromiumEndpoint: string;
  }
}

let server: BrowserServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await chromium.launchServer({ executablePath: TEST_CHROMIUM, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await server?.close();
}
