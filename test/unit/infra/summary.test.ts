import { describe, expect, it } from 'vitest';
import {
  addCounts,
  countsFromBrowserJson,
  countsFromVitestJson,
  formatSummary,
  parseSummary,
  withExitStatus,
  ZERO,
} from '../../support/summary';

describe('test summary line', () => {
  it('prints skipped only when there are some', () => {
    expect(formatSummary({ passed: 3, failed: 0, skipped: 0 })).toBe('3 passed, 0 failed');
    expect(formatSummary({ passed: 3, failed: 1, skipped: 2 })).toBe('3 passed, 1 failed, 2 skipped');
  });

  it('round-trips through parseSummary', () => {
    for (const counts of [ZERO, { passed: 12, failed: 3, skipped: 4 }]) {
      expect(parseSummary(formatSummary(counts))).toEqual(counts);
    }
    expect(parseSummary('Tests  3 passed (3)')).toBeUndefined();
  });

  it('never counts skipped or todo tests as passed', () => {
    const counts = countsFromVitestJson({
      numPassedTests: 5,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }] }],
    });
    expect(counts).toEqual({ passed: 5, failed: 1, skipped: 3 });
  });

  it('counts a test file that failed to load as a failure', () => {
    const counts = countsFromVitestJson({
      numPassedTests: 4,
      numFailedTests: 0,
      testResults: [
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
        { status: 'failed', assertionResults: [] },
      ],
    });
    expect(counts).toEqual({ passed: 4, failed: 1, skipped: 0 });
  });

  it('reads the browser report and rejects malformed ones', () => {
    expect(countsFromBrowserJson({ passed: 2, failed: 0, skipped: 1 })).toEqual({ passed: 2, failed: 0, skipped: 1 });
    expect(() => countsFromBrowserJson({ ok: true })).toThrow();
  });

  it('treats a non-zero exit without failures as one failure', () => {
    expect(withExitStatus({ passed: 7, failed: 0, skipped: 0 }, 1)).toEqual({ passed: 7, failed: 1, skipped: 0 });
    expect(withExitStatus({ passed: 7, failed: 2, skipped: 0 }, 1)).toEqual({ passed: 7, failed: 2, skipped: 0 });
    expect(withExitStatus({ passed: 7, failed: 0, skipped: 0 }, null)).toEqual({ passed: 7, failed: 1, skipped: 0 });
    expect(withExitStatus({ passed: 7, failed: 0, skipped: 0 }, 0)).toEqual({ passed: 7, failed: 0, skipped: 0 });
  });

  it('sums runners', () => {
    expect(addCounts({ passed: 1, failed: 2, skipped: 3 }, { passed: 10, failed: 20, skipped: 30 })).toEqual({
      passed: 11,
      failed: 22,
      skipped: 33,
    });
  });
});
