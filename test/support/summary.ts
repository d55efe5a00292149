/**
 * Test-count bookkeeping for test/run-all.ts (and .ci/run, which parses the
 * final line). Skipped/todo tests are reported separately and never counted
 * as passed; a runner that crashes or exits non-zero without reporting a
 * failure counts as (at least) one failed test.
 */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export const ZERO: Counts = { passed: 0, failed: 0, skipped: 0 };

export function addCounts(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

/** `N passed, N failed` plus `, N skipped` when N > 0. */
export function formatSummary(counts: Counts): string {
  const line = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped > 0 ? `${line}, ${counts.skipped} skipped` : line;
}

const SUMMARY_LINE = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

export function parseSummary(line: string): Counts | undefined {
  const match = SUMMARY_LINE.exec(line.trim());
  if (!match) return undefined;
  return { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0) };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Counts from vitest's JSON reporter. A test file that failed without any
 * failed test (import/syntax error, failing beforeAll/afterAll hook) counts as
 * one failure.
 */
export function countsFromVitestJson(report: unknown): Counts {
  if (!isRecord(report)) throw new Error('vitest JSON report is not an object');
  const passed = count(report.numPassedTests);
  let failed = count(report.numFailedTests);
  const skipped = count(report.numPendingTests) + count(report.numTodoTests);

  const files = Array.isArray(report.testResults) ? report.testResults : [];
  for (const file of files) {
    if (!isRecord(file) || file.status !== 'failed') continue;
    const assertions = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    if (!assertions.some((a) => isRecord(a) && a.status === 'failed')) failed += 1;
  }
  return { passed, failed, skipped };
}

/** Counts from the browser runner's `{passed, failed, skipped}` JSON. */
export function countsFromBrowserJson(report: unknown): Counts {
  if (!isRecord(report) || typeof report.passed !== 'number' || typeof report.failed !== 'number') {
    throw new Error('browser report must look like {passed: number, failed: number, skipped: number}');
  }
  return { passed: count(report.passed), failed: count(report.failed), skipped: count(report.skipped) };
}

/** A runner that exited non-zero (or crashed) without a failed test still failed. */
export function withExitStatus(counts: Counts, exitCode: number | null): Counts {
  return exitCode !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}
