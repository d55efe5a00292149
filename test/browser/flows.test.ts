// The agent's main flows, driven through the real UI in Chromium against a fresh replica each.
import type { Page } from 'playwright-core';
import { communicationTypeByCode, insuranceTypeByCode, statusByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, seedLeads, shot, startHost, type Host, typeInto } from './harness';
import { test, type TestContext } from './suite';

const VALID_VIN = '1HGCM82633A004352';
const BAD_VIN = '1HGCM82633A004353';

async function withApp(
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

async function createAutoLead(host: Host, first: string, last: string) {
  const res = (await host.api('mutate', {
    name: 'createLead',
    args: {
      first_name: first,
      last_name: last,
      insurance_type_id: insuranceTypeByCode('auto').id,
      phone: '(512) 555-0199',
      quoted_premium: 1840,
    },
  })) as { result: { id: string } };
  return res.result.id;
}

export const tests = [
  test('create a lead from the New lead dialog (and see an inline error first)', 'browser', async (ctx) =>
    withApp(ctx, '#/leads', 5, async (page, host) => {
      await shot(page, 'leads-table');
      await page.keyboard.press('n');
      const dialog = page.getByRole('dialog', { name: 'New lead' });
      await typeInto(dialog.getByLabel('First name'), 'Harriet');
      await typeInto(dialog.getByLabel('Last name'), 'Quimby');
      await typeInto(dialog.getByLabel('Email'), 'harriet-at-example');
      await dialog.getByRole('button', { name: 'Create lead' }).click();
      const err = dialog.locator('.field.has-error', { has: page.locator('[name="email"]') }).locator('.field-error');
      await err.waitFor();
      assert((await err.textContent())!.includes('email'), 'email error shown on the email field');
      assert(
        (await dialog.getByLabel('First name').inputValue()) === 'Harriet',
        'typed values kept after the failed save',
      );
      await shot(page, 'new-lead-inline-error');
      await typeInto(dialog.getByLabel('Email'), 'harriet@example.com');
      await dialog.getByRole('button', { name: 'Create lead' }).click();
      await page.waitForSelector('[data-screen="lead"]');
      assert((await page.getByTestId('record-name').textContent()) === 'Harriet Quimby', 'lead page opened');
      const page1 = await host.api('leads.list', { text: 'Quimby' });
      assert(page1.items.length === 1 && page1.items[0]!.email === 'harriet@example.com', 'lead is in the replica');
    }),
  ),

  test('a vehicle with a bad VIN gets an inline error on the VIN; fixing it saves', 'browser', async (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await createAutoLead(host, 'Vin', 'Checker');
      await page.goto(`${host.url}/#/leads/${id}`);
      await page.waitForSelector('[data-screen="lead"]');
      const cov = page.locator('[data-column="auto_data"]');
      await cov.getByRole('button', { name: 'Add vehicle' }).click();
      await typeInto(cov.locator('[name="auto_data.vehicles[0].year"]'), '2019');
      await typeInto(cov.locator('[name="auto_data.vehicles[0].make"]'), 'Honda');
      await typeInto(cov.locator('[name="auto_data.vehicles[0].model"]'), 'Accord');
      await typeInto(cov.locator('[name="auto_data.vehicles[0].vin"]'), BAD_VIN);
      await cov.locator('[name="auto_data.vehicles[0].usage"]').selectOption('commute');
      await page.getByTestId('save-auto_data').click();
      const vinField = cov.locator('.field', { has: page.locator('[name="auto_data.vehicles[0].vin"]') });
      await vinField.locator('.field-error').waitFor();
      assert(
        (await vinField.locator('.field-error').textContent())!.includes('VIN'),
        'the VIN error is on the VIN field',
      );
      assert(
        (await cov.locator('[name="auto_data.vehicles[0].make"]').inputValue()) === 'Honda',
        'nothing typed was lost',
      );
      await vinField.scrollIntoViewIfNeeded();
      await shot(page, 'coverage-vin-error');
      await typeInto(cov.locator('[name="auto_data.vehicles[0].vin"]'), VALID_VIN);
      await page.getByTestId('save-auto_data').click();
      await page.getByText('Auto details saved').waitFor();
      const detail = await host.api('leads.get', { id });
      const auto = detail.lead.auto_data as { vehicles: Array<{ vin: string }> } | null;
      assert(auto?.vehicles[0]?.vin === VALID_VIN, `saved ${JSON.stringify(auto)}`);
    }),
  ),

  test('log a call from the composer; it lands in the timeline and the lead is contacted', 'browser', async (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await createAutoLead(host, 'Callie', 'Logger');
      await page.goto(`${host.url}/#/leads/${id}`);
      const composer = page.getByTestId('composer');
      await composer.getByLabel('Type').selectOption({ label: 'Phone call' });
      await typeInto(composer.getByLabel('Subject'), 'Intro call');
      await typeInto(composer.getByLabel('Summary'), 'Has two cars, renewal in March. Wants a bundle quote.');
      await typeInto(composer.getByLabel('Outcome'), 'Sending quote');
      await composer.getByRole('button', { name: 'Log activity' }).click();
      await page.getByTestId('timeline').getByText('Phone call: Intro call').waitFor();
      await shot(page, 'lead-detail');
      const detail = await host.api('leads.get', { id });
      assert(detail.lead.status_id === statusByCode('contacted').id, 'first outbound call moves New to Contacted');
      assert((await composer.getByLabel('Summary').inputValue()) === '', 'composer cleared after the save');
    }),
  ),

  test('convert the lead (with a confirmation) and find the client with the lead’s history', 'browser', async (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await createAutoLead(host, 'Connie', 'Verter');
      await host.api('mutate', {
        name: 'logCommunication',
        args: {
          lead_id: id,
          communication_type_id: communicationTypeByCode('call').id,
          subject: 'Quote walkthrough',
          body: 'Accepted the quote.',
        },
      });
      await page.goto(`${host.url}/#/leads/${id}`);
      await page.getByTestId('convert').click();
      const dialog = page.getByRole('dialog');
      const text = (await dialog.textContent()) ?? '';
      assert(
        text.includes('Create the individual client') &&
          text.includes('cannot be undone') &&
          text.includes('Won / Converted'),
        `the dialog says what will happen: ${text}`,
      );
      await typeInto(dialog.getByLabel('Policy number (optional)'), 'PA-2291-77');
      await shot(page, 'convert-dialog');
      await page.getByTestId('confirm-convert').click();
      await page.waitForSelector('[data-screen="client"]');
      assert((await page.getByTestId('record-name').textContent()) === 'Connie Verter', 'client page opened');
      await page.getByTestId('source-leads').getByText('Personal Auto lead').waitFor();
      await page.getByTestId('timeline').getByText('Phone call: Quote walkthrough').waitFor();
      await page.getByTestId('timeline').getByText('Converted to client').waitFor();
      await shot(page, 'client-detail');
      await page.getByRole('link', { name: 'Clients' }).first().click();
      await page.locator('.vt-row', { hasText: 'Connie Verter' }).waitFor();
      await shot(page, 'clients');
    }),
  ),

  test('Ctrl+K global search finds the lead and opens it', 'browser', async (ctx) =>
    withApp(ctx, '#/today', 6, async (page, host) => {
      const id = await createAutoLead(host, 'Zebulon', 'Farnsworth');
      await page.keyboard.press('Control+k');
      const input = page.getByRole('combobox', { name: 'Search' });
      await typeInto(input, 'Farnsw');
      const hit = page.getByRole('option', { name: /Zebulon Farnsworth/ });
      await hit.waitFor();
      await shot(page, 'search');
      await input.press('Enter');
      await page.waitForSelector(`[data-lead-id="${id}"]`);
      assert((await page.getByTestId('record-name').textContent()) === 'Zebulon Farnsworth', 'search opened the lead');
      await page.keyboard.press('Control+k');
      await typeInto(page.getByRole('combobox', { name: 'Search' }), 'dashboard');
      await page.getByRole('option', { name: 'Go to Dashboard' }).click();
      await page.waitForSelector('[data-screen="dashboard"]');
    }),
  ),

  test('the dashboard counts a conversion', 'browser', async (ctx) =>
    withApp(ctx, '#/today', 12, async (page, host, ids) => {
      await host.api('mutate', {
        name: 'changeLeadStatus',
        args: { lead_id: ids[1]!, status_id: statusByCode('quoted').id },
      });
      await host.api('mutate', {
        name: 'changeLeadStatus',
        args: { lead_id: ids[3]!, status_id: statusByCode('lost').id, reason: 'price' },
      });
      await host.api('mutate', { name: 'convertLead', args: { lead_id: ids[0]!, premium: 2400 } });
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForSelector('[data-testid="kpi-conversions"]');
      assert((await page.getByTestId('kpi-conversions').locator('.kpi-value').textContent()) === '1', 'one conversion');
      assert((await page.getByTestId('kpi-premium').locator('.kpi-value').textContent()) === '$2,400', 'premium won');
      const won = page.getByTestId('funnel').locator(`[data-key="${statusByCode('converted').id}"]`);
      assert((await won.getAttribute('data-value')) === '1', 'funnel shows the won lead');
      await shot(page, 'dashboard');
    }),
  ),

  test('dragging a kanban card to another column changes the lead’s status', 'browser', async (ctx) =>
    withApp(ctx, '#/leads/board', 6, async (page, host, ids) => {
      const card = page.locator(`.kcard[data-lead-id="${ids[2]}"]`);
      await card.waitFor();
      await shot(page, 'board');
      const qualified = statusByCode('qualified').id;
      await card.dragTo(page.locator(`.kcol[data-status-id="${qualified}"]`));
      await page.locator(`.kcol[data-status-id="${qualified}"] .kcard[data-lead-id="${ids[2]}"]`).waitFor();
      await page.getByText(/moved to Qualified/).waitFor();
      const detail = await host.api('leads.get', { id: ids[2]! });
      assert(detail.lead.status_id === qualified, 'status changed in the replica');
      // Keyboard move: ] sends the focused card to the next status.
      await page.locator(`.kcard[data-lead-id="${ids[2]}"]`).focus();
      await page.keyboard.press(']');
      await page.getByText(/moved to Quoting/).waitFor();
      assert(
        (await host.api('leads.get', { id: ids[2]! })).lead.status_id === statusByCode('quoting').id,
        'keyboard move changed the status',
      );
    }),
  ),
];
