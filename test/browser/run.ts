/**
 * The browser suite runner (called by test/run-all.ts; also `npx tsx test/browser/run.ts [name filter]`).
 * Runs `playwright test` with test/browser/playwright.config.ts (it builds the web renderer first),
 * reads Playwright's JSON report and writes {passed, failed, skipped} to $FIELDLINE_BROWSER_REPORT.
 * Without Chromium the browser tests cannot run: that counts as a failure, never a pass.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath, ROOT } from './harness';
import { countsFromPlaywrightJson, type PlaywrightCounts } from './report';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
const config = path.join(ROOT, 'test/browser/playwright.config.ts');

function runPlaywright(reportFile: string, filter: string | undefined): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'test', '--config', config], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        // The config adds the JSON reporter when this is set.
        PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
        ...(filter ? { FIELDLINE_BROWSER_FILTER: filter } : {}),
      },
    });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}

async function main(): Promise<PlaywrightCounts> {
  if (!chromiumPath()) {
    console.log('FAIL  browser suite could not run: no Chromium found: apt-get install chromium, or set CHROMIUM_PATH');
    return { passed: 0, failed: 1, skipped: 0, flaky: [], skips: [] };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-playwright-'));
  try {
    const reportFile = path.join(dir, 'report.json');
    const exitCode = await runPlaywright(reportFile, process.argv[2]);
    let counts: PlaywrightCounts;
    try {
      counts = countsFromPlaywrightJson(JSON.parse(readFileSync(reportFile, 'utf8')));
    } catch (error) {
      console.log(`FAIL  Playwright wrote no usable JSON report (exit code ${exitCode}): ${(error as Error).message}`);
      return { passed: 0, failed: 1, skipped: 0, flaky: [], skips: [] };
    }
    // A crash outside any test (config, global setup) still fails the suite.
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const counts = await main();
for (const line of counts.skips) console.log(`SKIP  ${line}`);
for (const name of counts.flaky) console.log(`FLAKY passed only on retry: ${name}`);
console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
if (process.env.FIELDLINE_BROWSER_REPORT) {
  const { passed, failed, skipped } = counts;
  writeFileSync(process.env.FIELDLINE_BROWSER_REPORT, JSON.stringify({ passed, failed, skipped }));
}
process.exit(counts.failed > 0 ? 1 : 0);
