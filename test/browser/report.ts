/** The counts of a Playwright JSON report (the `json` reporter's shape, read defensively). */
export interface PlaywrightCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Tests that failed and then passed on a retry: counted as passed, named by run.ts. */
  flaky: string[];
  /** Skipped tests with the reason they gave. */
  skips: string[];
}

interface JsonSpec {
  title: string;
  tests?: Array<{ status?: string; annotations?: Array<{ type?: string; description?: string }> }>;
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

function specs(suite: JsonSuite): JsonSpec[] {
  return [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
}

export function countsFromPlaywrightJson(report: unknown): PlaywrightCounts {
  const r = report as { suites?: JsonSuite[]; errors?: unknown[] };
  if (!r || !Array.isArray(r.suites)) throw new Error('not a Playwright JSON report (no suites)');
  const counts: PlaywrightCounts = { passed: 0, failed: 0, skipped: 0, flaky: [], skips: [] };
  for (const spec of r.suites.flatMap(specs)) {
    for (const t of spec.tests ?? []) {
      if (t.status === 'expected') counts.passed += 1;
      else if (t.status === 'skipped') {
        counts.skipped += 1;
        const why = t.annotations?.find((a) => a.type === 'skip')?.description;
        counts.skips.push(why ? `${spec.title} — ${why}` : spec.title);
      } else if (t.status === 'flaky') {
        counts.passed += 1;
        counts.flaky.push(spec.title);
      } else counts.failed += 1;
    }
  }
  // Errors outside any test (a spec file that does not load, global setup) are failures too.
  counts.failed += Array.isArray(r.errors) ? r.errors.length : 0;
  return counts;
}
