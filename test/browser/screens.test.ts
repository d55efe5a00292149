// Every main screen renders at 1280×800 without errors (screenshots for review), plus the
// details form's promise: a failed save shows the error on the field and keeps the typing.
import { statusByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, seedLeads, shot, startHost, typeInto } from './harness';
import { test } from './suite';

export const tests = [
  test('every main screen renders with data, light and dark', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      const ids = await seedLeads(host, 24);
      await host.api('mutate', {
        name: 'changeLeadStatus',
        args: { lead_id: ids[5]!, status_id: statusByCode('quoted').id },
      });
      await host.api('mutate', {
        name: 'changeLeadStatus',
        args: { lead_id: ids[6]!, status_id: statusByCode('qualified').id },
      });
      const { result } = (await host.api('mutate', {
        name: 'convertLead',
        args: { lead_id: ids[0]!, premium: 1980 },
      })) as { result: { client_id: string } };
      await host.api('mutate', {
        name: 'addContact',
        args: {
          client_id: result.client_id,
          first_name: 'Lena',
          last_name: 'Okafor',
          email: 'lena@example.com',
          is_primary_contact: true,
        },
      });
      await host.api('mutate', {
        name: 'createTicket',
        args: {
          client_id: result.client_id,
          subject: 'Add a driver to the policy',
          priority: 'high',
          description: 'Teen driver starting in May.',
        },
      });
      await host.api('mutate', {
        name: 'createCampaign',
        args: { name: 'Spring renewal review', channel: 'email', status: 'active', budget: 1500 },
      });
      const { page, problems } = await openPage(ctx.browser, host, '#/today');
      const visit = async (hash: string, screen: string, name: string) => {
        await page.goto(`${host.url}/${hash}`);
        await page.waitForSelector(`[data-screen="${screen}"]`);
        await page.waitForTimeout(250);
        await shot(page, name);
      };
      await visit('#/today', 'today', 'today');
      // Every change above waits in the outbox: the top bar says so, and opens the details.
      await page.getByTestId('sync-indicator').filter({ hasText: 'pending' }).waitFor();
      await page.getByTestId('sync-indicator').click();
      await page.getByRole('dialog', { name: 'Sync status' }).getByText('Not configured').waitFor();
      await shot(page, 'sync-popover');
      await page.getByTestId('sync-indicator').click();
      assert((await page.locator('.today-row').count()) > 0, 'today lists follow-ups');
      await visit('#/leads', 'leads', 'leads-table-24');
      await visit('#/contacts', 'contacts', 'contacts');
      await visit('#/tickets', 'tickets', 'tickets');
      assert((await page.locator('.vt-row', { hasText: 'Add a driver' }).count()) === 1, 'ticket listed');
      await visit('#/campaigns', 'campaigns', 'campaigns');
      await visit('#/settings', 'settings', 'settings');
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot(page, 'shortcuts');
      await page.keyboard.press('Escape');
      await page.emulateMedia({ colorScheme: 'dark' });
      await visit(`#/leads/${ids[5]}`, 'lead', 'lead-detail-dark');
      await visit('#/leads', 'leads', 'leads-table-dark');
      await visit('#/dashboard', 'dashboard', 'dashboard-dark');
      assertNoProblems(problems);
      await page.context().close();
    } finally {
      await host.close();
    }
  }),

  test(
    'a failed details save marks the field and keeps what was typed, even across a reload',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const [id] = await seedLeads(host, 1);
        const { page, problems } = await openPage(ctx.browser, host, `#/leads/${id}`);
        const form = page.getByRole('form', { name: 'Lead details' });
        await typeInto(form.getByLabel('Phone'), 'call me maybe');
        await typeInto(form.getByLabel('Current carrier'), 'Lone Star Mutual');
        await form.getByRole('button', { name: 'Save details' }).click();
        const phone = form.locator('.field', { has: page.locator('[name="phone"]') });
        await phone.locator('.field-error').waitFor();
        assert(
          (await phone.locator('.field-error').textContent())!.includes('phone'),
          'phone error on the phone field',
        );
        await page.reload();
        await page.waitForSelector('[data-screen="lead"]');
        assert(
          (await form.getByLabel('Current carrier').inputValue()) === 'Lone Star Mutual',
          'draft survived the reload',
        );
        await typeInto(form.getByLabel('Phone'), '(512) 555-0142');
        await form.getByRole('button', { name: 'Save details' }).click();
        await page.getByText('Lead saved').waitFor();
        const detail = await host.api('leads.get', { id: id! });
        assert(
          detail.lead.current_carrier === 'Lone Star Mutual' && detail.lead.phone === '(512) 555-0142',
          'both fields saved',
        );
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        await host.close();
      }
    },
  ),
];
