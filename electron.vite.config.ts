// Build of the desktop app: the Electron shell and the engine's utilityProcess entry (main),
// the sandboxed preload, and the Svelte renderer the engine serves.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Every package in `dependencies` stays an import (the default, said out loud):
      // better-sqlite3 is native, and the engine must load the same copies `serve` does.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          engine: resolve(root, 'electron/server/host.ts'),
          // The engine's analysis thread for bulk imports (core/prepare-pool.ts), found by the
          // engine next to itself.
          'prepare-worker': resolve(root, 'electron/engine/core/prepare-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but 'electron': one CommonJS file with
      // everything else bundled in. `.cjs` because package.json says "type": "module".
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [
      svelte(),
      // Served by the engine over http at "/", as in the web build (renderer/vite.config.ts).
      // electron-vite forces base './' for production renderers (file:// loading); with './'
      // a page at /wall/1 would ask for /wall/assets/… and get nothing.
      { name: 'fenghuo-absolute-base', config: () => ({ base: '/' }) },
    ],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
