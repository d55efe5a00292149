/**
 * The browser suite runner (called by test/run-all.ts; also `npx tsx test/browser/run.ts [name filter]`).
 * Builds the web renderer, runs each named test on its own fresh replica and web host, prints
 * one line per test and writes {passed, failed, skipped} to $FIELDLINE_BROWSER_REPORT.
 * Without Chromium the browser tests cannot run: that counts as a failure, never a pass.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { tests as aiCampaignTests } from './ai-campaigns.test';
import { tests as duplicateTests } from './duplicates.test';
import { tests as electronTests } from './electron-smoke.test';
import { tests as flowTests } from './flows.test';
import { ROOT, chromiumPath, launchBrowser } from './harness';
import { tests as screenTests } from './screens.test';
import { tests as syncTests } from './sync-settings.test';
import type { BrowserTest } from './suite';
import { tests as tableTests } from './virtual-table.test';
import { tests as hostTests } from './web-host.test';

const ALL: BrowserTest[] = [
  ...hostTests,
  ...flowTests,
  ...duplicateTests,
  ...syncTests,
  ...aiCampaignTests,
  ...screenTests,
  ...tableTests,
  ...electronTests,
];
const TIMEOUT_MS = 90_000;

const counts = { passed: 0, failed: 0, skipped: 0 };
const filter = process.argv[2]?.toLowerCase();
const selected = filter ? ALL.filter((t) => t.name.toLowerCase().includes(filter)) : ALL;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms).unref()),
  ]);
}

async function main() {
  const needsBrowser = selected.some((t) => t.kind === 'browser');
  const needsWeb = selected.some((t) => t.kind !== 'electron');
  let browser: Browser | null = null;
  let browserProblem: string | null = null;

  if (needsWeb && process.env.FIELDLINE_SKIP_WEB_BUILD !== '1') {
    const started = Date.now();
    await build({ configFile: path.join(ROOT, 'renderer/vite.web.config.ts'), logLevel: 'error' });
    console.log(`built the web renderer in ${Date.now() - started} ms`);
  }
  if (needsBrowser) {
    if (!chromiumPath()) browserProblem = 'no Chromium found: apt-get install chromium, or set CHROMIUM_PATH';
    else {
      try {
        browser = await launchBrowser();
      } catch (err) {
        browserProblem = `Chromium did not start: ${(err as Error).message.split('\n')[0]}`;
      }
    }
    if (browserProblem) {
      console.log(`FAIL  browser suite could not run: ${browserProblem}`);
      counts.failed += 1;
    }
  }

  for (const t of selected) {
    if (t.kind === 'browser' && !browser) continue;
    const started = Date.now();
    try {
      const outcome = await withTimeout(t.run({ browser: browser! }), TIMEOUT_MS);
      if (outcome && 'skipped' in outcome) {
        counts.skipped += 1;
        console.log(`SKIP  ${t.name} — ${outcome.skipped}`);
      } else {
        counts.passed += 1;
        console.log(`PASS  ${t.name} (${Date.now() - started} ms)`);
      }
    } catch (err) {
      counts.failed += 1;
      console.log(
        `FAIL  ${t.name} (${Date.now() - started} ms)\n      ${(err as Error).stack?.split('\n').slice(0, 6).join('\n      ') ?? String(err)}`,
      );
    }
  }
  await browser?.close();
}

try {
  await main();
} catch (err) {
  console.log(`FAIL  browser runner crashed: ${(err as Error).stack ?? String(err)}`);
  counts.failed += 1;
}
console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
if (process.env.FIELDLINE_BROWSER_REPORT) writeFileSync(process.env.FIELDLINE_BROWSER_REPORT, JSON.stringify(counts));
process.exit(counts.failed > 0 ? 1 : 0);
