// Automated accessibility checks (axe-core through @axe-core/playwright): every main screen and
// every dialog, in light and dark, has no serious or critical violation of WCAG 2.x A/AA rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { CARRIER_SEEDS, statusByCode } from '../../shared/lookups';
import {
  assert,
  assertNoProblems,
  openPage,
  plantClientPolicy,
  seedLeads,
  startHost,
  type Host,
  typeInto,
  useFakeSemantic,
} from './harness';
import { startFakeOpenAI } from '../ai/fake-openai';
import { test } from './suite';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page (or inside `include`), one line each. */
async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function seedBook(host: Host) {
  const ids = await seedLeads(host, 16);
  await host.api('mutate', {
    name: 'changeLeadStatus',
    args: { lead_id: ids[5]!, status_id: statusByCode('quoted').id },
  });
  // Converted with a carrier, so the client has a policy term due for renewal within the work lists' window.
  const effective = new Date(Date.now() - 340 * 86_400_000).toISOString().slice(0, 10);
  const { result } = (await host.api('mutate', {
    name: 'convertLead',
    args: {
      lead_id: ids[0]!,
      premium: 1980,
      carrier_id: CARRIER_SEEDS[0]!.id,
      policy_number: 'AX-100-200',
      effective_date: effective,
    },
  })) as { result: { client_id: string; policy_id?: string } };
  // A lost prospect with a known expiration date: the X-dates list has a row.
  await host.api('mutate', {
    name: 'updateLead',
    args: {
      id: ids[7]!,
      patch: { policy_expiration_date: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10) },
    },
  });
  await host.api('mutate', {
    name: 'changeLeadStatus',
    args: { lead_id: ids[7]!, status_id: statusByCode('lost').id, reason: 'price' },
  });
  await host.api('mutate', {
    name: 'createTicket',
    args: { client_id: result.client_id, subject: 'Add a driver', priority: 'high' },
  });
  const campaign = (await host.api('mutate', {
    name: 'createCampaign',
    args: { name: 'Spring renewal review', channel: 'email', status: 'active', budget: 1500 },
  })) as { result: { id: string } };
  await host.api('mutate', { name: 'enrollInCampaign', args: { campaign_id: campaign.result.id, lead_id: ids[2]! } });
  await host.api('mutate', {
    name: 'addContact',
    args: { client_id: result.client_id, first_name: 'Pat', last_name: 'Ruiz' },
  });
  // a task and a field edit, so My work, Today's tasks and the field history are not empty
  await host.api('mutate', {
    name: 'createTask',
    args: { lead_id: ids[1]!, title: 'Send the renewal forms', due_at: new Date(Date.now() - 3_600_000).toISOString() },
  });
  await host.api('mutate', { name: 'updateLead', args: { id: ids[1]!, patch: { source: 'Referral desk' } } });
  await host.api('mutate', { name: 'softDelete', args: { table: 'leads', id: ids[3]! } });
  // two records of one customer, so Possible duplicates lists a pair and the merge screen has both
  const twin = async (phone: string | null) =>
    (
      (await host.api('mutate', {
        name: 'createClient',
        args: { client_type: 'individual', first_name: 'Dora', last_name: 'Twin', email: 'dora@example.com', phone },
      })) as { result: { id: string } }
    ).result.id;
  const survivorId = await twin(null);
  const mergedId = await twin('217-555-0177');
  return {
    leadId: ids[1]!,
    clientId: result.client_id,
    campaignId: campaign.result.id,
    policyId: result.policy_id!,
    survivorId,
    mergedId,
  };
}

type Ids = Awaited<ReturnType<typeof seedBook>>;

const SCREENS = (ids: Ids) => [
  { hash: '#/today', screen: 'today' },
  { hash: '#/work', screen: 'work' },
  { hash: '#/leads', screen: 'leads' },
  { hash: '#/leads/board', screen: 'leads' },
  { hash: `#/leads/${ids.leadId}`, screen: 'lead' },
  { hash: '#/clients', screen: 'clients' },
  { hash: `#/clients/${ids.clientId}`, screen: 'client' },
  { hash: '#/contacts', screen: 'contacts' },
  { hash: '#/tickets', screen: 'tickets' },
  { hash: '#/campaigns', screen: 'campaigns' },
  { hash: `#/campaigns/${ids.campaignId}`, screen: 'campaign' },
  { hash: '#/trash', screen: 'trash' },
  { hash: '#/policies', screen: 'policies' },
  { hash: `#/policies/${ids.policyId}`, screen: 'policy' },
  { hash: '#/renewals', screen: 'renewals' },
  { hash: '#/xdates', screen: 'xdates' },
  { hash: '#/dashboard', screen: 'dashboard' },
  { hash: '#/settings', screen: 'settings' },
  { hash: '#/duplicates/clients', screen: 'duplicates' },
  { hash: `#/merge/clients/${ids.survivorId}/${ids.mergedId}`, screen: 'merge' },
];

export const tests = [
  test(
    'accessibility: no serious or critical axe violation on any main screen, light and dark',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const ids = await seedBook(host);
        const { page, problems } = await openPage(ctx.browser, host, '#/today');
        const found: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const s of SCREENS(ids)) {
            await page.goto(`${host.url}/${s.hash}`);
            await page.waitForSelector(`[data-screen="${s.screen}"]`);
            await page.waitForTimeout(200);
            for (const v of await violations(page)) found.push(`${scheme} ${s.hash}: ${v}`);
          }
        }
        assert(found.length === 0, `axe found:\n  ${found.join('\n  ')}`);
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        await host.close();
      }
    },
  ),

  test(
    'accessibility: every dialog, opened by keyboard, has no serious or critical axe violation',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const ids = await seedBook(host);
        const { page, problems } = await openPage(ctx.browser, host, '#/leads');
        const found: string[] = [];
        const check = async (name: string, open: () => Promise<void>) => {
          await open();
          const dialog = page.getByRole('dialog').last();
          await dialog.waitFor();
          for (const v of await violations(page, '[role="dialog"]')) found.push(`${name}: ${v}`);
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
        };
        await page.waitForSelector('[data-screen="leads"] [role="row"][aria-rowindex="2"]');
        await check('New lead', () => page.keyboard.press('n'));
        await check('Search', () => page.keyboard.press('Control+k'));
        await check('Shortcuts', () => page.keyboard.press('?'));
        await page.goto(`${host.url}/#/leads/${ids.leadId}`);
        await page.waitForSelector('[data-screen="lead"]');
        await check('Convert', () => page.getByRole('button', { name: /^Convert/ }).click());
        await check('New task', () => page.getByRole('button', { name: 'Add task' }).click());
        await page.goto(`${host.url}/#/clients/${ids.clientId}`);
        await page.waitForSelector('[data-screen="client"]');
        await check('Edit client', () => page.getByRole('button', { name: 'Edit details' }).click());
        await check('Address', () => page.getByRole('button', { name: 'Add address' }).click());
        await check('Edit contact', () => page.getByRole('button', { name: 'Edit Pat Ruiz' }).click());
        await check('Delete', () => page.getByRole('button', { name: 'Remove: the contact Pat Ruiz' }).click());
        await check('Ticket', () => page.getByRole('button', { name: 'Add a driver', exact: true }).click());
        await page.goto(`${host.url}/#/clients`);
        await page.waitForSelector('[data-screen="clients"]');
        await check('New client', () => page.getByRole('button', { name: 'New client' }).first().click());
        await page.goto(`${host.url}/#/today`);
        await page.locator('.today-row').first().waitFor();
        await check('Log activity', () => page.getByRole('button', { name: 'Log' }).first().click());
        await page.goto(`${host.url}/#/leads/${ids.leadId}`);
        await page.waitForSelector('[data-screen="lead"]');
        await check('Enroll', () => page.getByRole('button', { name: 'Enroll' }).click());
        await check('Lost reason', async () => {
          await page.getByLabel('Status').focus();
          await page.keyboard.press('l');
        });
        await page.goto(`${host.url}/#/renewals`);
        await page.waitForSelector('[data-screen="renewals"]');
        await check('Renew', () => page.getByRole('button', { name: 'Renew', exact: true }).first().click());
        await page.goto(`${host.url}/#/campaigns`);
        await page.waitForSelector('[data-screen="campaigns"]');
        await check('New campaign', () => page.getByRole('button', { name: 'New campaign' }).first().click());
        await page.goto(`${host.url}/#/clients/${ids.survivorId}`);
        await page.waitForSelector('[data-screen="client"]');
        await check('Merge with', () => page.getByRole('button', { name: 'Merge with…' }).click());
        await page.goto(`${host.url}/#/merge/clients/${ids.survivorId}/${ids.mergedId}`);
        await page.waitForSelector('[data-screen="merge"]');
        await check('Merge confirmation', () => page.getByRole('button', { name: 'Merge', exact: true }).click());
        assert(found.length === 0, `axe found:\n  ${found.join('\n  ')}`);
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        await host.close();
      }
    },
  ),

  test(
    'accessibility: every step of the import wizard, light and dark, has no serious or critical axe violation',
    'browser',
    async (ctx) => {
      const host = await startHost();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-a11y-import-'));
      const csv = path.join(dir, 'clients.csv');
      writeFileSync(
        csv,
        'First,Last,E-mail,DOB\nAda,Lovelace,ada@example.com,12/10/1815\nAlan,Turing,nope,13/45/1912\n',
      );
      try {
        const { page, problems } = await openPage(ctx.browser, host, '#/clients');
        const found: string[] = [];
        const dialog = page.getByRole('dialog', { name: 'Import clients' });
        const check = async (step: string) => {
          await page.waitForTimeout(150);
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            for (const v of await violations(page, '[role="dialog"]')) found.push(`${scheme} ${step}: ${v}`);
          }
        };
        await page.getByTestId('import-clients').focus();
        await page.keyboard.press('Enter');
        await dialog.waitFor();
        await check('file');
        await dialog.getByLabel(/CSV or Excel file/).setInputFiles(csv);
        await dialog.getByRole('button', { name: 'Next: columns' }).click();
        await dialog.getByTestId('mapping-table').waitFor();
        await check('columns');
        await dialog.getByRole('button', { name: 'Next: options' }).click();
        await check('options');
        await dialog.getByRole('button', { name: 'Next: preview' }).click();
        await dialog.locator('td.cell-error').first().waitFor();
        await check('preview');
        await dialog.getByRole('button', { name: 'Dry run' }).click();
        await dialog.getByTestId('invalid-rows').waitFor();
        await check('dry run report');
        await dialog.getByRole('button', { name: 'Import 1 row' }).click();
        await dialog.getByRole('heading', { name: 'Import finished' }).waitFor();
        await dialog.getByRole('button', { name: 'Undo import' }).click();
        await check('report, confirming undo');
        assert(found.length === 0, `axe found:\n  ${found.join('\n  ')}`);
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await host.close();
      }
    },
  ),
  test(
    'accessibility: the Ask answer with citations (lead and policy pages), Similar records and semantic matches in Ctrl+K, light and dark',
    'browser',
    async (ctx) => {
      const fake = await startFakeOpenAI();
      const host = await startHost();
      try {
        const [leadId, otherId] = await seedLeads(host, 2);
        for (const [id, body] of [
          [leadId!, 'Hail broke the shingles; worried about the deductible.'],
          [otherId!, 'The hailstorm damaged the roof.'],
        ] as const)
          await host.api('mutate', { name: 'addNote', args: { lead_id: id, body } });
        // A client's policy term, for the policy page's Ask box.
        const { policyId } = await plantClientPolicy(
          host,
          'Lindqvist',
          'HO-7781',
          'Wants a higher hail deductible at renewal.',
        );
        await useFakeSemantic(host, fake.url);
        fake.fallback = (req) => {
          const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
          return { kind: 'answer', content: { answer: 'The deductible.', citations: ids.slice(0, 2) } };
        };
        const { page, problems } = await openPage(ctx.browser, host, `#/leads/${leadId}`);
        const askBox = page.getByRole('region', { name: 'Ask' });
        await typeInto(askBox.getByLabel('Question about this record'), 'What worries her?');
        await page.keyboard.press('Enter');
        await askBox.getByRole('list', { name: 'Citations' }).waitFor();
        await page.getByRole('region', { name: 'Similar records' }).getByRole('listitem').first().waitFor();
        const found: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const v of await violations(page, '.ask-box')) found.push(`${scheme} Ask: ${v}`);
          for (const v of await violations(page, '.similar-records')) found.push(`${scheme} Similar: ${v}`);
        }
        await page.keyboard.press('Control+k');
        const palette = page.getByRole('dialog', { name: 'Search and commands' });
        await typeInto(palette.getByRole('combobox', { name: 'Search' }), 'roof damage');
        await palette.getByText('Semantic matches').waitFor();
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const v of await violations(page, '[role="dialog"]')) found.push(`${scheme} palette: ${v}`);
        }
        await page.keyboard.press('Escape');
        // The policy page's Ask box, answered, with the term and the client's note cited.
        await page.goto(`${host.url}/#/policies/${policyId}`);
        const policyAsk = page.getByRole('region', { name: 'Ask' });
        await typeInto(policyAsk.getByLabel('Question about this record'), 'What does she want at renewal?');
        await page.keyboard.press('Enter');
        await policyAsk.getByRole('list', { name: 'Citations' }).waitFor();
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const v of await violations(page, '.ask-box')) found.push(`${scheme} policy Ask: ${v}`);
        }
        assert(found.length === 0, `axe found:\n${found.join('\n')}`);
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        await host.close();
        await fake.close();
      }
    },
  ),
];
