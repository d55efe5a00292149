// Starts the real desktop app where an Electron binary exists. Here its download is blocked,
// so this reports itself as skipped (never as passed) and says why.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { ROOT, assert } from './harness';
import { test } from './suite';

/** The binary the electron package would run, found without requiring it (requiring it starts a download). */
function electronBinary(): { path: string } | { missing: string } {
  if (process.env.ELECTRON_PATH && existsSync(process.env.ELECTRON_PATH)) return { path: process.env.ELECTRON_PATH };
  const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing: 'the electron package has no binary (its download did not happen: no node_modules/electron/path.txt)',
    };
  const bin = path.join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(bin) ? { path: bin } : { missing: `the electron binary ${bin} is missing` };
}

export const tests = [
  test('Electron smoke: the desktop window opens the app and the preload bridge answers', 'electron', async () => {
    const bin = electronBinary();
    if ('missing' in bin) return { skipped: `${bin.missing}; run it where Electron can be installed` };
    const main = path.join(ROOT, 'out/main/index.js');
    if (!existsSync(main)) return { skipped: 'no out/main/index.js: run `npm run build` first' };
    const app = await electron.launch({
      executablePath: bin.path,
      args: [main],
      env: { ...process.env, FIELDLINE_DB: path.join(ROOT, '.cache/electron-smoke.db') },
    });
    try {
      const win = await app.firstWindow();
      await win.waitForSelector('[data-screen]');
      const res = (await win.evaluate(`window.fieldline.invoke('lookups.get', {})`)) as { ok: boolean };
      assert(res.ok, 'the bridge answered');
      const isolated = await win.evaluate(
        `typeof window.require === 'undefined' && typeof window.process === 'undefined'`,
      );
      assert(isolated, 'no Node in the page');
    } finally {
      await app.close();
    }
  }),
];
