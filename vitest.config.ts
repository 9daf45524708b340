import { defineConfig } from 'vitest/config';

// Three rooms of tests: pure units, the engine against real SQLite files and a real
// HTTP server on 127.0.0.1, and the renderer in real Chromium against `serve`.
export default defineConfig({
  test: {
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine,
    // which then runs every file one after another although most of them wait on child
    // processes, sockets and timers. Two files at a time keep both cores busy, e2e included
    // (each e2e file drives its own station and browser on a port of its own).
    // `npm test` also runs the lanes side by side: scripts/test.mjs.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 20_000,
          // Files share a worker's modules instead of importing the engine afresh each (the
          // imports were most of the unit run). Every file restores what it stubs.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // As for units: one import of the engine per worker (122 → 79 CPU-seconds here).
          // A test that changes module state (a scan cap, a stubbed env) puts it back after.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // One Chromium for every e2e file (each opens its own contexts in it).
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Playwright and the helpers imported once per worker, not once per file.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
