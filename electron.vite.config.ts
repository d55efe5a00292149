import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server's React refresh needs an inline script and a websocket; the built app keeps
 * the strict policy from renderer/index.html. Applies to `electron-vite dev` only.
 */
const devCsp: Plugin = {
  name: 'fieldline-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(
      /<meta http-equiv="Content-Security-Policy"[^>]*>/,
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://localhost:*" />`,
    ),
};

// electron-vite assumes src/{main,preload,renderer}; this repo keeps electron/ and renderer/
// at the top level, so every entry is named here.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // better-sqlite3 is native and the other runtime deps are plain Node: load them from node_modules.
      externalizeDeps: true,
      // The semantic indexer's worker thread is an entry of its own (electron/main/semantic/index-host.ts loads it).
      lib: {
        entry: {
          index: resolve(root, 'electron/main/index.ts'),
          'semantic-index-worker': resolve(root, 'electron/main/semantic/index-worker.ts'),
        },
        formats: ['es'],
      },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require anything but 'electron': one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
