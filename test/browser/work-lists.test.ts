// Issue #13's defects in the pipeline board, Today, the lead and client pages and the dashboard,
// driven as a person does: keyboard and clicks on a fresh replica each.
import type { Page } from 'playwright-core';
import { statusByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, seedLeads, startHost, type Host } from './harness';
import { test, type TestContext } from './suite';

export async function withApp(
  ctx: TestContext,
  hash: string,
  seed: number,
  body: (page: Page, host: Host, ids: string[]) => Promise<void>,
) {
  const host = await startHost();
  try {
    const ids = await seedLeads(host, seed);
    const { page, problems } = await openPage(ctx.browser, host, hash);
    try {
      await body(page, host, ids);
      assertNoProblems(problems);
    } finally {
      await page.context().close();
    }
  } finally {
    await host.close();
  }
}

/** Presses Tab until the focused element matches `selector` (a person tabbing to it). */
export async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`!!document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

export const tests = [
  test('board: ] moves a focused card twice in a row; focus stays on the moved card', 'browser', async (ctx) =>
    withApp(ctx, '#/leads/board', 3, async (page, host, ids) => {
      const id = ids[0]!;
      await page.locator(`.kcard[data-lead-id="${id}"]`).waitFor();
      await tabTo(page, `.kcard[data-lead-id="${id}"]`);
      await page.keyboard.press(']');
      await page.getByText(/moved to Contacted/).waitFor();
      const focused = () => page.evaluate(`document.activeElement?.getAttribute('data-lead-id') ?? null`);
      assert((await focused()) === id, 'focus stayed on the moved card');
      await page.keyboard.press(']');
      await page.getByText(/moved to Qualified/).waitFor();
      assert((await focused()) === id, 'focus stayed on the card after the second move');
      const qualified = statusByCode('qualified').id;
      await page.locator(`.kcol[data-status-id="${qualified}"] .kcard[data-lead-id="${id}"]`).waitFor();
      assert((await host.api('leads.get', { id })).lead.status_id === qualified, 'two moves landed in the replica');
      await page.keyboard.press('[');
      await page
        .getByText(/moved to Contacted/)
        .last()
        .waitFor();
      assert((await focused()) === id, 'focus stayed on the card after moving back');
    }),
  ),
];
