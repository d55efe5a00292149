// List views through the real UI in Chromium: the Leads table's X-date column and window filter,
// and the Policies table's header sorts and saved views (kept on this device, picked again after
// a reload).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { addDaysToDate } from '../../shared/book/terms';
import { CARRIER_SEEDS, insuranceTypeByCode } from '../../shared/lookups';
import { assert, shot, typeInto, withHost, type Host } from './harness';
import { test } from './suite';

const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => addDaysToDate(TODAY, n);

async function lead(host: Host, last: string, extra: Record<string, unknown> = {}) {
  const res = (await host.api('mutate', {
    name: 'createLead',
    args: { first_name: 'Ada', last_name: last, insurance_type_id: insuranceTypeByCode('auto').id, ...extra },
  })) as { result: { id: string } };
  return res.result.id;
}

/** The names the table shows, top to bottom (the rows' name cells, in row order). */
async function names(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('.vt-row')]
    .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
    .map((r) => r.querySelector('.name-cell')?.textContent ?? '')`);
}

/**
 * Waits, as a person watches the table settle, until it shows exactly `want`. Polled from here:
 * the app's CSP (no 'unsafe-eval') refuses waitForFunction's polling of a string expression.
 */
async function waitForNames(page: Page, want: string[], what: string) {
  // Generous: on a loaded CI machine a re-read after a filter change can take seconds.
  const deadline = Date.now() + 30_000;
  let saw: string[] = [];
  while (Date.now() < deadline) {
    saw = await names(page).catch(() => []);
    if (JSON.stringify(saw) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  assert(false, `${what}: expected ${JSON.stringify(want)}, saw ${JSON.stringify(saw)}`);
}

/** Serious or critical axe findings on the page as it stands (the new filter and menus included). */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export const tests = [
  test('on Leads, add the X-date column from the column chooser and filter by X-date window', 'browser', async (ctx) =>
    withHost(ctx, async (page, host) => {
      await lead(host, 'Soonley', {
        current_carrier: 'Acme Mutual',
        current_premium: 1875,
        policy_expiration_date: inDays(12),
      });
      await lead(host, 'Faraway', { current_carrier: 'Bolt Insurance', policy_expiration_date: inDays(200) });
      await lead(host, 'Nodate');
      await page.getByRole('link', { name: /Leads/ }).first().click();
      await page.waitForSelector('[data-screen="leads"] .vt-row');

      await page.getByTestId('column-chooser').click();
      await page.getByRole('checkbox', { name: 'X-date' }).click();
      await page.getByRole('checkbox', { name: 'Current carrier' }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('columnheader', { name: 'X-date' }).waitFor();
      await page.getByRole('columnheader', { name: 'Current carrier' }).waitFor();

      // A person opens the X-date menu and picks the window.
      await page.getByRole('combobox', { name: 'X-date' }).selectOption({ label: 'X-date in the next 30 days' });
      await waitForNames(page, ['Ada Soonley'], 'the 30-day window holds only the lead expiring in 12 days');
      const row = page.locator('.vt-row', { hasText: 'Ada Soonley' });
      const text = (await row.textContent()) ?? '';
      assert(text.includes('Acme Mutual'), `the row shows the current carrier: ${text}`);
      const year = inDays(12).slice(0, 4);
      assert(text.includes(year), `the row shows the X-date: ${text}`);
      await shot(page, 'leads-xdate-window');

      // A custom range that holds only the far X-date.
      await page.getByRole('combobox', { name: 'X-date' }).selectOption({ label: 'X-date between…' });
      const typed = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;
      await page.getByLabel('X-date from').focus();
      await page.keyboard.type(typed(inDays(150)));
      await page.getByLabel('X-date to').focus();
      await page.keyboard.type(typed(inDays(250)));
      await waitForNames(page, ['Ada Faraway'], 'the custom range holds only the lead expiring in 200 days');
      const leadsAxe = await axeProblems(page);
      assert(leadsAxe.length === 0, `axe on Leads with the X-date range:\n  ${leadsAxe.join('\n  ')}`);

      // Sorting by the X-date header with the window cleared: soonest first, no X-date last.
      await page.getByRole('combobox', { name: 'X-date' }).selectOption({ label: 'Any X-date' });
      await page.getByRole('columnheader', { name: 'X-date' }).getByRole('button').click();
      await waitForNames(page, ['Ada Soonley', 'Ada Faraway', 'Ada Nodate'], 'X-date ascending, NULLs last');
    }),
  ),

  test('on Policies, sort by a column header, save the view, reload and pick it again', 'browser', async (ctx) =>
    withHost(ctx, async (page, host) => {
      const numbers = [
        ['Mills', 'MMM-500', 900, -200],
        ['Abbott', 'AAA-100', 1500, -300],
        ['Zimmer', 'ZZZ-900', 1200, -100],
      ] as const;
      for (const [last, number, premium, effective] of numbers) {
        const id = await lead(host, last, { quoted_premium: premium });
        await host.api('mutate', {
          name: 'convertLead',
          args: {
            lead_id: id,
            carrier_id: CARRIER_SEEDS[0]!.id,
            policy_number: number,
            effective_date: inDays(effective),
          },
        });
      }
      await page
        .getByRole('link', { name: /Policies/ })
        .first()
        .click();
      // Newest expiration first by default.
      await waitForNames(page, ['ZZZ-900', 'MMM-500', 'AAA-100'], 'the default order');

      const policyHeader = page.getByRole('columnheader', { name: 'Policy' });
      await policyHeader.getByRole('button').click();
      await waitForNames(page, ['AAA-100', 'MMM-500', 'ZZZ-900'], 'policy number ascending');
      await policyHeader.getByRole('button').click();
      await waitForNames(page, ['ZZZ-900', 'MMM-500', 'AAA-100'], 'policy number descending');
      assert((await policyHeader.getAttribute('aria-sort')) === 'descending', 'the header says descending');

      await page.getByTestId('saved-views').click();
      await typeInto(page.getByLabel('View name'), 'Numbers Z to A');
      await page.getByRole('button', { name: 'Save', exact: true }).click();

      // Another sort, then a reload: the last view is remembered, the saved one is there to pick.
      await page.getByRole('columnheader', { name: 'Premium' }).getByRole('button').click();
      await waitForNames(page, ['AAA-100', 'ZZZ-900', 'MMM-500'], 'premium, largest first');
      await page.reload();
      await page.waitForSelector('[data-screen="policies"] .vt-row', { timeout: 10_000 });
      await waitForNames(page, ['AAA-100', 'ZZZ-900', 'MMM-500'], 'the premium sort after a reload');
      await page.getByTestId('saved-views').click();
      await page.getByRole('button', { name: 'Numbers Z to A', exact: true }).click();
      await waitForNames(page, ['ZZZ-900', 'MMM-500', 'AAA-100'], 'the saved view, picked again');
      assert(
        (await page.getByRole('columnheader', { name: 'Policy' }).getAttribute('aria-sort')) === 'descending',
        'the saved view brings its sort back',
      );
      await page.getByTestId('saved-views').click();
      const policiesAxe = await axeProblems(page);
      assert(policiesAxe.length === 0, `axe on Policies with its views menu:\n  ${policiesAxe.join('\n  ')}`);
      await shot(page, 'policies-saved-view');
    }),
  ),
];
