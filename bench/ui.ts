/**
 * UI figures on a big replica, measured in the page itself (Chromium via playwright-core):
 *   ui_first_paint_ms      navigation start → the Leads table's first rows on screen
 *   ui_scroll_frame_p95_ms p95 frame time (requestAnimationFrame) while scrolling the table fast
 *   ui_search_ms           median time from typing a query in Ctrl+K to its results on screen
 * `npx tsx bench/ui.ts REPLICA.db` runs it alone; bench/run.ts calls benchUi(dbPath).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { openApp } from '../electron/main/app';
import { startWebHost } from '../electron/main/web-host/server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(ROOT, 'out/web');
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

/** Records, from navigation start, when the first table row is in the DOM and painted. */
const FIRST_ROW_PROBE = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('.vt-row')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__firstRowAt = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function firstPaint(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/#/leads`);
  await page.waitForFunction(`typeof window.__firstRowAt === 'number'`, null, { timeout: 30_000 });
  return (await page.evaluate('window.__firstRowAt')) as number;
}

/**
 * Scrolls the table by `step` px per frame for `frames` frames and returns every frame's
 * duration. A string, because tsx would wrap named functions in a helper the page lacks.
 */
async function scrollFrames(page: Page, frames = 300, step = 90): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('.vt');
    const deltas = [];
    let last = 0;
    let n = 0;
    function tick(t) {
      deltas.push(t - last);
      last = t;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 5) el.scrollTop = 0;
      el.scrollTop += ${step};
      if (++n < ${frames}) requestAnimationFrame(tick);
      else resolve(deltas.slice(2));
    }
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })`);
}

/** Types a query into the palette in one input event; time until its results are rendered. */
async function searchOnce(page: Page, text: string): Promise<number> {
  await page.evaluate(`window.__searchT0 = undefined;
    document.querySelector('.palette-input input').addEventListener('input', () => { window.__searchT0 = performance.now(); }, { once: true });`);
  await page.fill('.palette-input input', text);
  const handle = await page.waitForFunction(
    `document.querySelector('.palette-list')?.getAttribute('data-results-for') === ${JSON.stringify(text)} && window.__searchT0 !== undefined
      ? performance.now() - window.__searchT0 : false`,
    null,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

export async function benchUi(
  dbPath: string,
): Promise<{ ui_first_paint_ms: number; ui_scroll_frame_p95_ms: number; ui_search_ms: number }> {
  if (!existsSync(path.join(WEB_DIR, 'index.html')))
    await build({ configFile: path.join(ROOT, 'renderer/vite.web.config.ts'), logLevel: 'error' });
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error('benchUi needs Chromium: apt-get install chromium, or set CHROMIUM_PATH');
  const app = openApp(dbPath);
  const host = await startWebHost({ dispatch: app.dispatch, changes: app.changes, staticDir: WEB_DIR });
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
  try {
    // First paint: a fresh context each time (no cached assets, no saved view), median of 3.
    // bypassCSP only lets the string probes below run (the app's CSP forbids eval); it changes no rendering.
    const paints: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      await ctx.addInitScript(FIRST_ROW_PROBE);
      paints.push(await firstPaint(await ctx.newPage(), host.url));
      await ctx.close();
    }
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${host.url}/#/leads`);
    await page.waitForSelector('.vt-row');
    await scrollFrames(page, 60); // warm-up: JIT, first pages of rows
    const deltas = (await scrollFrames(page)).sort((a, b) => a - b);
    const p95 = deltas[Math.min(deltas.length - 1, Math.floor(deltas.length * 0.95))] ?? NaN;

    // Search: real names from the replica, as an agent would type them.
    const names = (
      await page.$$eval('.vt-row .name-cell', (els) => els.slice(0, 40).map((e) => e.textContent ?? ''))
    ).filter(Boolean);
    const queries = [...new Set(names.map((n) => n.split(' ').at(-1)!.slice(0, 6)))].slice(0, 7);
    await page.keyboard.press('Control+k');
    await page.waitForSelector('.palette-input input');
    await searchOnce(page, 'warmup');
    const times: number[] = [];
    for (const q of queries) times.push(await searchOnce(page, q));
    return {
      ui_first_paint_ms: round(median(paints)),
      ui_scroll_frame_p95_ms: round(p95),
      ui_search_ms: round(median(times)),
    };
  } finally {
    await browser.close();
    await host.close();
    app.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const db = process.argv[2];
  if (!db) {
    console.error('usage: npx tsx bench/ui.ts REPLICA.db');
    process.exit(2);
  }
  console.log(JSON.stringify(await benchUi(path.resolve(db))));
}
