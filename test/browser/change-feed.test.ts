// The change feed end to end: a colleague's note and a manager's reassignment made on another
// replica reach this replica's open screens through the gateway, with nobody touching them.
import type { Page } from 'playwright-core';
import { insuranceTypeByCode } from '../../shared/lookups';
import { startAgency, syncingDevice, syncingHost, until } from './agency';
import { assert, assertNoProblems, openPage, shot } from './harness';
import { test } from './suite';

const rowCount = (db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, sql: string, ...args: unknown[]) =>
  (db.prepare(sql).get(...args) as { n: number }).n;

/** Polls a value read from the page (never acting on it) until it is what is expected. */
async function eventually(read: () => Promise<string>, expected: string, what: string, ms = 15_000) {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < ms) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)} after ${ms / 1000} s`);
}

const leadRow = (page: Page, name: string) => page.locator('.vt-row', { hasText: name });

export const tests = [
  test(
    "a note and a reassignment made on another replica appear on this replica's open lead page and Leads table",
    'browser',
    async (ctx) => {
      const agency = await startAgency([
        { email: 'boss@agency.test', role: 'admin', team: null },
        { email: 'mia@agency.test', role: 'manager', team: 'North' },
        { email: 'ana@agency.test', role: 'agent', team: 'North' },
        { email: 'ben@agency.test', role: 'agent', team: 'North' },
      ]);
      const [boss, mia, ana, ben] = agency.users as [
        (typeof agency.users)[0],
        (typeof agency.users)[0],
        (typeof agency.users)[0],
        (typeof agency.users)[0],
      ];
      const other = await syncingDevice(agency, boss);
      try {
        // Replica B (the admin's laptop) knows the agency's users and teams once its first sync is in
        // (snapshot rows land table by table, so both are waited for).
        await until(
          () =>
            rowCount(other.app.db, 'SELECT count(*) AS n FROM users WHERE id IN (?, ?)', ana.id, ben.id) === 2 &&
            rowCount(other.app.db, 'SELECT count(*) AS n FROM teams WHERE id = ?', ana.team_id) === 1,
          "B's first sync",
        );
        const created = await other.app.writer.mutate('createLead', {
          first_name: 'Rosa',
          last_name: 'Delgado',
          insurance_type_id: insuranceTypeByCode('home').id,
          owner_id: ana.id,
        });
        const leadId = (created.result as { id: string }).id;

        // Replica A (the manager's), signed in and syncing, with the lead.
        const host = await syncingHost(agency, mia);
        try {
          const db = host.app.db;
          await until(
            () => rowCount(db, 'SELECT count(*) AS n FROM leads WHERE id = ?', leadId) === 1,
            'the lead on A',
          );
          await until(() => rowCount(db, 'SELECT count(*) AS n FROM users WHERE id = ?', ben.id) === 1, 'users on A');

          // Two windows on replica A: the Leads table, and the lead's page opened from it.
          const table = await openPage(ctx.browser, host, '#/leads');
          const detail = await openPage(ctx.browser, host, '#/leads');
          try {
            await leadRow(table.page, 'Rosa Delgado').waitFor();
            await eventually(
              async () => (await leadRow(table.page, 'Rosa Delgado').innerText()).includes('ana') + '',
              'true',
              'the table shows the owner before the change',
            );
            await leadRow(detail.page, 'Rosa Delgado').locator('.name-cell').click();
            const assigned = detail.page.getByLabel('Assigned to');
            await assigned.waitFor();
            assert((await assigned.inputValue()) === ana.id, 'the lead page shows Ana as the owner');

            // On replica B: a colleague's note, then the lead reassigned to Ben.
            const note = 'Called back: wants the home and auto bundle quoted by Friday';
            await other.app.writer.mutate('addNote', { lead_id: leadId, body: note });
            await other.app.writer.mutate('assignLead', { lead_id: leadId, owner_id: ben.id });

            // Replica A's screens follow with no user action.
            await detail.page.locator('.tl-body', { hasText: note }).waitFor({ timeout: 15_000 });
            await eventually(() => assigned.inputValue(), ben.id, 'the lead page shows the new owner');
            await eventually(
              async () => {
                const text = await leadRow(table.page, 'Rosa Delgado').innerText();
                return String(text.includes('ben') && !text.includes('ana'));
              },
              'true',
              'the Leads table shows the new owner',
            );
            await shot(detail.page, 'change-feed-lead-page');
            await shot(table.page, 'change-feed-leads-table');
            assertNoProblems(table.problems);
            assertNoProblems(detail.problems);
          } finally {
            await table.page.context().close();
            await detail.page.context().close();
          }
        } finally {
          await host.close();
        }
      } finally {
        other.close();
        await agency.stop();
      }
    },
  ),
];
