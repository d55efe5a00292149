// A newcomer's first run: the empty Today screen offers the demo agency; loading it fills the
// screens without queueing a single change to push, and Settings clears it again.
import Database from 'better-sqlite3';
import { assert, assertNoProblems, openPage, shot, startHost } from './harness';
import { test } from './suite';

function outboxSize(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export const tests = [
  test(
    'load the demo agency from the empty Today screen, see its book, then clear it in Settings',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const { page, problems } = await openPage(ctx.browser, host, '#/today');
        try {
          const load = page.getByRole('button', { name: 'Load a demo agency' });
          await load.waitFor();
          await shot(page, 'first-run-empty-today');
          // By keyboard: focus the button and press Enter, as a person tabbing through the page would.
          await load.focus();
          await page.keyboard.press('Enter');
          await page.locator('.today-row').first().waitFor({ timeout: 60_000 });
          const followUps = await page.locator('.today-row').count();
          assert(followUps > 0, `Today lists the demo agency's follow-ups (saw ${followUps})`);
          await shot(page, 'first-run-demo-today');

          await page.getByRole('link', { name: 'Leads' }).first().click();
          await page.locator('[data-screen="leads"] [role="row"][aria-rowindex="2"]').waitFor();
          await page.getByRole('link', { name: 'Clients' }).first().click();
          await page.locator('[data-screen="clients"] [role="row"][aria-rowindex="2"]').waitFor();
          assert(outboxSize(host.dbPath) === 0, 'the demo rows queued nothing to push');

          // A note on a demo lead waits in the outbox like any change; the top bar says it is the
          // demo's and stays here, not that it is "pending" for a server that will never take it.
          await page.getByRole('link', { name: 'Today' }).first().click();
          // A lead's row: the first row can be a policy's renewal, whose page has no composer.
          await page.locator('.today-row[data-lead-id] .today-main').first().click();
          const composer = page.getByTestId('composer');
          await composer.getByRole('tab', { name: 'Note' }).click();
          await composer.getByLabel('Note').click();
          await page.keyboard.type('Asked about a bundle discount.');
          await composer.getByRole('button', { name: 'Save note' }).click();
          await page.getByTestId('timeline').getByText('Asked about a bundle discount.').waitFor();
          assert(outboxSize(host.dbPath) > 0, 'the note waits in the outbox');
          // Every demo lead has an address; its county is said once ("Sacramento County").
          const facts = (await page.getByTestId('address-facts').first().textContent()) ?? '';
          assert(/\bCounty\b/.test(facts) && !/County County/.test(facts), `the county reads well: "${facts}"`);
          const indicator = page.getByTestId('sync-indicator');
          await indicator.getByText('Demo agency').waitFor();
          const label = (await indicator.textContent()) ?? '';
          assert(!label.includes('pending'), `the top bar does not call demo changes pending: "${label}"`);
          await indicator.click();
          await page
            .getByRole('dialog', { name: 'Sync status' })
            .getByText(/demo changes?: they stay on this device/)
            .waitFor();
          await shot(page, 'first-run-demo-sync-status');
          await indicator.click();

          await page.getByRole('link', { name: 'Settings' }).first().click();
          const card = page.getByRole('region', { name: 'Demo agency' });
          await card.getByText('never syncs').waitFor();
          await card.getByRole('button', { name: 'Clear the demo agency' }).click();
          await card.getByRole('button', { name: 'Load a demo agency' }).waitFor();
          await page.getByRole('link', { name: 'Today' }).first().click();
          await page.getByText('Nothing of yours due today').waitFor();
          assert((await page.locator('.today-row').count()) === 0, 'the demo follow-ups are gone');
          assert(outboxSize(host.dbPath) === 0, 'clearing queued nothing to push');
          assertNoProblems(problems);
        } finally {
          await page.context().close();
        }
      } finally {
        await host.close();
      }
    },
  ),
];
