// A first sync as a person sees it in the top bar: signed in through Settings → Sync, the
// indicator says Syncing while the server's snapshot is under way, the Sync status dialog shows
// the First sync row with the records received so far, and once the snapshot completes the
// indicator says Synced, the row is gone and the synced leads are on the Leads screen.
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import { newRow } from '../../shared/model/new-row';
import { insuranceTypeByCode, NEW_STATUS_ID } from '../../shared/lookups';
import { SYNCED_TABLES } from '../../shared/sync/protocol';
import { uuidv7 } from '../../shared/ids';
import { DANA, fakeGateway, fillSignIn, PASSWORD } from './fake-gateway';
import { fakeShapes } from './fake-shapes';
import { assert, shot, withHost } from './harness';
import { test } from './suite';

const NAMES = [
  ['Imogen', 'Castellanos'],
  ['Tobias', 'Lindqvist'],
  ['Renata', 'Oyelaran'],
  ['Florian', 'Achterberg'],
  ['Marisol', 'Quintero'],
] as const;
/** Leads in the snapshot's first chunk; the rest come once the test releases the gateway. */
const FIRST_CHUNK = 3;

function snapshotRows() {
  const now = new Date().toISOString();
  const leads = NAMES.map(([first_name, last_name], i) =>
    newRow(
      'leads',
      {
        id: uuidv7(Date.now() + i),
        owner_id: DANA.id,
        first_name,
        last_name,
        email: `${first_name.toLowerCase()}@example.com`,
        status_id: NEW_STATUS_ID,
        insurance_type_id: insuranceTypeByCode('auto').id,
      },
      now,
    ),
  );
  const users = [newRow('users', { id: DANA.id, email: DANA.email, full_name: DANA.full_name, role: DANA.role }, now)];
  return { leads, users };
}

/** The serious and critical WCAG A/AA violations inside `selector` (as accessibility.test.ts checks). */
async function seriousViolations(page: Page, selector: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include(selector)
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}`);
}

/** The text of a row of the Sync status dialog (its <dd>), by the row's label (its <dt>). */
const statusRow = (page: Page, label: string) =>
  page
    .getByRole('dialog', { name: 'Sync status' })
    .locator('dt', { hasText: label })
    .locator('xpath=following-sibling::dd[1]');

export const tests = [
  test(
    'first sync: the top bar shows its progress, then Synced, and the synced leads are listed',
    'browser',
    async (ctx) => {
      const rows = snapshotRows();
      const shapes = fakeShapes({ rows, hold: { table: 'leads', after: FIRST_CHUNK } });
      const gateway = await fakeGateway({ shapes });
      try {
        await withHost(
          ctx,
          async (page) => {
            const indicator = page.getByTestId('sync-indicator');
            await expect(indicator).toHaveText('Local only');
            await fillSignIn(page, gateway.url, DANA.email, PASSWORD);
            await page.getByTestId('sync-session').waitFor();

            // The snapshot is held part-way: the top bar says the first sync is under way.
            await shapes.held;
            await expect(indicator).toHaveText('Syncing');

            // Opened with a click, the dialog shows the First sync row: every record received so
            // far (Dana and the first leads) and every table but the held one complete.
            await indicator.click();
            const dialog = page.getByRole('dialog', { name: 'Sync status' });
            await expect(dialog).toBeVisible();
            const received = FIRST_CHUNK + rows.users.length;
            assert(shapes.served === received, `the gateway sent ${shapes.served} rows before holding`);
            const tables = SYNCED_TABLES.length;
            await expect(statusRow(page, 'First sync')).toHaveText(
              `${received} records in · ${tables - 1} of ${tables} tables complete`,
            );
            await expect(statusRow(page, 'Last synced')).not.toHaveText('Never');
            const problems = await seriousViolations(page, '.sync-pop');
            assert(problems.length === 0, `the Sync status dialog has no serious violation:\n${problems.join('\n')}`);
            await shot(page, 'first-sync-progress');

            // By keyboard: Escape closes it and focus is back on the indicator, Enter opens it
            // again; from inside the dialog, Escape still returns focus to the indicator.
            await page.keyboard.press('Escape');
            await expect(dialog).toBeHidden();
            await expect(indicator).toBeFocused();
            await expect(indicator).toHaveAttribute('aria-expanded', 'false');
            await page.keyboard.press('Enter');
            await expect(dialog).toBeVisible();
            await expect(indicator).toHaveAttribute('aria-expanded', 'true');
            await page.keyboard.press('Tab');
            await expect(dialog.getByRole('button', { name: 'Sync settings' })).toBeFocused();
            await page.keyboard.press('Escape');
            await expect(dialog).toBeHidden();
            await expect(indicator).toBeFocused();
            await page.keyboard.press('Enter');
            await expect(statusRow(page, 'First sync')).toContainText(`${received} records in`);

            // The rest of the snapshot arrives: the row goes away and the top bar says Synced.
            shapes.release();
            await expect(indicator).toHaveText('Synced');
            await expect(dialog.locator('dt', { hasText: 'First sync' })).toHaveCount(0);
            await expect(statusRow(page, 'Last synced')).toHaveText('just now');
            await expect(statusRow(page, 'Pending')).toHaveText('0 changes waiting to sync');
            assert(shapes.served === received + NAMES.length - FIRST_CHUNK, 'the whole snapshot was sent');
            await shot(page, 'first-sync-done');

            // Every lead of the snapshot, both chunks, is on the Leads screen.
            await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
            await expect(dialog).toBeHidden();
            const screen = page.locator('[data-screen="leads"]');
            for (const [first, last] of NAMES) await expect(screen.getByText(`${first} ${last}`)).toBeVisible();
          },
          '#/settings',
        );
      } finally {
        await gateway.close();
      }
    },
  ),
];
