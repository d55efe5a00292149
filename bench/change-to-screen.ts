/**
 * change_to_screen_p50_ms / _p95_ms: from a mutation committed on replica B to replica A's open
 * Leads screen showing it, through the gateway: B pushes, the gateway commits in Postgres, the
 * shape stream brings it to A, A applies the batch, the change feed tells A's page (server-sent
 * events), the page re-reads the Leads list and draws the row. Measured in Chromium on A's page.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import type { SystemUser } from '../test/sync/system';
import { syncingDevice, until } from '../test/browser/agency';
import { CHROMIUM_ARGS, ROOT, WEB_DIR, startHost } from '../test/browser/harness';
import { log, percentile, round } from './stats';

/**
 * Sets `window.__seen`, a promise of Date.now() when the Leads table first shows `text` (the
 * statement ends in `undefined`, so evaluating it does not wait for the promise).
 */
const watchFor = (text: string) => `window.__seen = new Promise((resolve) => {
  const has = () => (document.querySelector('.vt')?.textContent ?? '').includes(${JSON.stringify(text)});
  if (has()) return resolve(Date.now());
  const obs = new MutationObserver(() => { if (has()) { obs.disconnect(); resolve(Date.now()); } });
  obs.observe(document.body, { childList: true, subtree: true, characterData: true });
}); undefined`;

/**
 * `replicaA` is a replica already signed in and synced (its session in local settings) as a user
 * who sees every lead; B is a new device of `userB`. Each sample is a new lead made on B, which
 * the Leads table (newest changes first) shows at its top.
 */
export async function benchChangeToScreen(serverUrl: string, replicaA: string, userB: SystemUser, samples = 30) {
  if (!existsSync(path.join(WEB_DIR, 'index.html')))
    await build({ configFile: path.join(ROOT, 'renderer/vite.web.config.ts'), logLevel: 'error' });
  const host = await startHost(replicaA);
  host.app.startSync();
  const b = await syncingDevice({ url: serverUrl }, userB);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    // B is an agent of a team with no rows yet, so its own first sync is small; it finishes (the
    // agency's users are in) before the samples, so it does not share the machine with them.
    const count = (db: typeof b.app.db, table: 'users' | 'teams') =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const known = { users: count(host.app.db, 'users'), teams: count(host.app.db, 'teams') };
    await until(
      () => count(b.app.db, 'users') >= known.users && count(b.app.db, 'teams') >= known.teams,
      "B's first sync",
      600_000,
    );
    // bypassCSP only lets the string probe run (the app's CSP forbids eval); it changes no rendering.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${host.url}/#/leads`);
    await page.waitForSelector('.vt-row');
    const auto = (b.app.db.prepare(`SELECT id FROM insurance_types WHERE code = 'auto'`).get() as { id: string }).id;
    const lags: number[] = [];
    // Of each lag, the part after A applied the batch: the feed, the page's re-read and its drawing.
    const screenParts: number[] = [];
    let appliedAt = 0;
    const stop = host.app.changes.subscribe((e) => {
      if (e.source === 'sync' && e.tables.includes('leads') && appliedAt === 0) appliedAt = Date.now();
    });
    for (let i = -3; i < samples; i++) {
      const name = `Probe${i + 3}x${Date.now().toString(36)}`;
      await page.evaluate(watchFor(name));
      appliedAt = 0;
      await b.app.writer.mutate('createLead', { first_name: 'Ping', last_name: name, insurance_type_id: auto });
      const committed = Date.now();
      const shown = (await page.evaluate(
        'Promise.race([window.__seen, new Promise((r) => setTimeout(() => r(-1), 30000))])',
      )) as number;
      if (shown < 0) throw new Error(`lead ${name} made on B did not show on A's Leads screen within 30 s`);
      // The first three warm up the path.
      if (i >= 0) {
        lags.push(shown - committed);
        screenParts.push(shown - appliedAt);
      }
      log(
        `change to screen ${i < 0 ? 'warm-up' : i}: ${shown - committed} ms (${shown - appliedAt} ms after A applied it)`,
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    stop();
    await ctx.close();
    return {
      change_to_screen_p50_ms: round(percentile(lags, 50), 1),
      change_to_screen_p95_ms: round(percentile(lags, 95), 1),
      change_to_screen_after_apply_p50_ms: round(percentile(screenParts, 50), 1),
    };
  } finally {
    await browser.close();
    b.close();
    await host.close();
  }
}
