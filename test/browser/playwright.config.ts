/**
 * @playwright/test configuration of the browser suite (run by test/browser/run.ts, which turns the
 * JSON report into the suite's counts). Debian's Chromium, never a downloaded browser; one worker,
 * since each test starts its own web host (and some a gateway and Postgres) on a 2-core machine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, ROOT, chromiumPath } from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));

/** `npx tsx test/browser/run.ts "words"` runs the tests whose names contain the words (any case). */
const filter = process.env.FIELDLINE_BROWSER_FILTER;
const escaped = filter?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

export default defineConfig({
  testDir: here,
  testMatch: 'browser.spec.ts',
  globalSetup: path.join(here, 'build-renderer.ts'),
  grep: escaped ? new RegExp(escaped, 'i') : undefined,
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  // One retry in CI, so a test that fails once on a loaded machine is retried with a trace;
  // a test that passes only on its retry is reported as flaky by run.ts, by name.
  retries: process.env.CI ? 1 : 0,
  outputDir: path.join(ROOT, 'artifacts/playwright'),
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: path.join(ROOT, 'artifacts/playwright-report') }],
    // run.ts reads the counts from this.
    ...(jsonReport ? [['json', { outputFile: jsonReport }] as const] : []),
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumPath() ?? undefined, args: CHROMIUM_ARGS },
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
});
