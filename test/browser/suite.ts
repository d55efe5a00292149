import type { Browser } from 'playwright-core';

export interface TestContext {
  /** Present for browser tests. */
  browser: Browser;
}

export type Outcome = void | { skipped: string };

export interface BrowserTest {
  name: string;
  /** node: no browser needed; browser: Chromium via playwright-core; electron: needs the Electron binary. */
  kind: 'node' | 'browser' | 'electron';
  run(ctx: TestContext): Promise<Outcome>;
}

export const test = (name: string, kind: BrowserTest['kind'], run: BrowserTest['run']): BrowserTest => ({
  name,
  kind,
  run,
});
