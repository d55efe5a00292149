/**
 * `npm test`: runs every test runner in sequence and prints, as its very last
 * line, `N passed, N failed` (`, N skipped` only when N > 0) summed over all
 * runners. Exits non-zero if anything failed or any runner crashed (a crashed
 * runner counts as at least one failed test). Skipped tests never count as passed.
 *
 *   1. vitest (node tests, test/**\/*.test.ts; extra CLI args are passed through)
 *   2. the Playwright browser suite, test/browser/run.ts, when test/browser has
 *      test files. It writes `{passed, failed, skipped}` JSON to the path in
 *      FIELDLINE_BROWSER_REPORT. It is skipped when file filters are passed
 *      (`npm test -- test/unit/infra`) unless a filter points into test/browser
 *      (then vitest is skipped instead, if that was the only filter), and can
 *      be skipped explicitly with FIELDLINE_SKIP_BROWSER=1. Any argument not
 *      starting with `-` counts as a filter, so write vitest flags as
 *      `--flag=value` to keep the browser suite.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addCounts,
  type Counts,
  countsFromBrowserJson,
  countsFromVitestJson,
  formatSummary,
  withExitStatus,
  ZERO,
} from './support/summary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function binOf(pkg: string, bin: string): string {
  const pkgJsonPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(pkgJsonPath) as { bin?: string | Record<string, string> };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${pkg} has no "${bin}" bin`);
  return path.join(path.dirname(pkgJsonPath), rel);
}

/** Runs a node script with inherited stdio; resolves with its exit code (null if killed). */
function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`[run-all] could not start ${args.join(' ')}: ${error.message}`);
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      if (signal) console.error(`[run-all] ${args[0]} was killed by ${signal}`);
      resolve(code);
    });
  });
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function hasTestFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries.some((entry) => entry.isFile() && TEST_FILE.test(entry.name));
}

async function runVitest(tmp: string, extraArgs: string[], label = 'vitest'): Promise<Counts> {
  console.log(`\n==> ${label}`);
  const reportFile = path.join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  const exitCode = await runNode([
    binOf('vitest', 'vitest'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...extraArgs,
  ]);
  let counts: Counts = ZERO;
  try {
    counts = countsFromVitestJson(await readJson(reportFile));
  } catch (error) {
    console.error(`[run-all] vitest wrote no usable JSON report: ${(error as Error).message}`);
  }
  if (exitCode !== 0) console.error(`[run-all] vitest exited with code ${exitCode}`);
  return withExitStatus(counts, exitCode);
}

async function runBrowser(tmp: string): Promise<Counts> {
  console.log('\n==> browser (test/browser/run.ts)');
  const runner = path.join(root, 'test/browser/run.ts');
  if (!existsSync(runner)) {
    console.error('[run-all] test/browser has test files but no test/browser/run.ts');
    return { ...ZERO, failed: 1 };
  }
  const reportFile = path.join(tmp, 'browser.json');
  const exitCode = await runNode([binOf('tsx', 'tsx'), runner], {
    ...process.env,
    FIELDLINE_BROWSER_REPORT: reportFile,
  });
  let counts: Counts = ZERO;
  try {
    counts = countsFromBrowserJson(await readJson(reportFile));
  } catch (error) {
    console.error(`[run-all] browser runner wrote no usable JSON report: ${(error as Error).message}`);
  }
  if (exitCode !== 0) console.error(`[run-all] browser runner exited with code ${exitCode}`);
  return withExitStatus(counts, exitCode);
}

function shouldRunBrowser(extraArgs: string[]): boolean {
  if (process.env.FIELDLINE_SKIP_BROWSER === '1') return false;
  if (!hasTestFiles(path.join(root, 'test/browser'))) return false;
  const filters = extraArgs.filter((arg) => !arg.startsWith('-'));
  return filters.length === 0 || filters.some((f) => f.replace(/^\.\//, '').startsWith('test/browser'));
}

async function main(): Promise<number> {
  const extraArgs = process.argv.slice(2);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'fieldline-test-reports-'));
  let total: Counts = ZERO;
  try {
    const browserFiltered = extraArgs.some((a) => a.replace(/^\.\//, '').startsWith('test/browser'));
    const vitestArgs = extraArgs.filter((a) => !a.replace(/^\.\//, '').startsWith('test/browser'));
    // Only browser filters given: don't run the whole vitest suite.
    const filtered = vitestArgs.some((a) => !a.startsWith('-'));
    if (!filtered && !browserFiltered) {
      // The whole-system tests (several processes, servers and replicas each) run after the rest,
      // one file at a time, so they do not compete with each other for this machine's two cores.
      total = addCounts(total, await runVitest(tmp, [...vitestArgs, '--exclude=test/system/**'], 'vitest'));
      total = addCounts(
        total,
        await runVitest(tmp, [...vitestArgs, 'test/system', '--no-file-parallelism'], 'vitest (system)'),
      );
    } else if (filtered) {
      total = addCounts(total, await runVitest(tmp, vitestArgs));
    }
    if (shouldRunBrowser(extraArgs)) total = addCounts(total, await runBrowser(tmp));
  } catch (error) {
    console.error('[run-all] crashed:', error);
    total = addCounts(total, { ...ZERO, failed: 1 });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  console.log('');
  console.log(formatSummary(total));
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
