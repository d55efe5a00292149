/**
 * The browser suite under @playwright/test: each test of registry.ts is one Playwright test, so the
 * runner's retries, traces, screenshots on failure and HTML report apply. The tests stay plain
 * functions of a Chromium `Browser` (Debian's Chromium, launched from the config's `use`) that open
 * their own pages on a fresh replica and web host.
 */
import { test } from '@playwright/test';
import { ALL } from './registry';
import type { Outcome, TestContext } from './suite';

/** A test that found it cannot run here (the Electron binary is missing) is reported skipped, never passed. */
function report(outcome: Outcome) {
  if (outcome && 'skipped' in outcome) test.skip(true, outcome.skipped);
}

const NO_BROWSER: TestContext = {
  get browser(): never {
    throw new Error('only tests of kind "browser" get a browser');
  },
};

const names = new Set<string>();
for (const t of ALL) {
  if (names.has(t.name)) throw new Error(`two browser tests are named "${t.name}"`);
  names.add(t.name);
  if (t.kind === 'browser') test(t.name, async ({ browser }) => report(await t.run({ browser })));
  // Node and Electron tests do not ask for the browser fixture, so no Chromium starts for them.
  else test(t.name, async () => report(await t.run(NO_BROWSER)));
}
