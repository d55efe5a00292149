// The record editors, driven by the keyboard alone (Tab, typing, Enter, arrows) against a fresh
// replica each: client details and addresses, New client, contacts, tickets, campaigns, Trash.
import type { Locator, Page } from 'playwright-core';
import { assert, assertNoProblems, openPage, seedLeads, startHost, type Host } from './harness';
import { test, type TestContext } from './suite';

async function withApp(ctx: TestContext, body: (page: Page, host: Host, ids: string[]) => Promise<void>) {
  const host = await startHost();
  try {
    const ids = await seedLeads(host, 4);
    const { page, problems } = await openPage(ctx.browser, host, '#/today');
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

/** Runs in the page: whether the element has the focus. */
const isFocused = (el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement;

/** Presses Tab until `target` has the focus (as a person tabbing through the page would). */
async function tabTo(page: Page, target: Locator, max = 120) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate(isFocused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function open(page: Page, host: Host, hash: string, screen: string) {
  await page.goto(`${host.url}/${hash}`);
  await page.waitForSelector(`[data-screen="${screen}"]`);
}

async function convert(host: Host, leadId: string): Promise<string> {
  const { result } = (await host.api('mutate', { name: 'convertLead', args: { lead_id: leadId } })) as {
    result: { client_id: string };
  };
  return result.client_id;
}

async function until(what: string, check: () => Promise<boolean>) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const tests = [
  test('editors: client details and address and mailing address by keyboard', 'browser', async (ctx) =>
    withApp(ctx, async (page, host, ids) => {
      const clientId = await convert(host, ids[0]!);
      await open(page, host, `#/clients/${clientId}`, 'client');
      await tabTo(page, page.getByRole('button', { name: 'Edit details' }));
      await page.keyboard.press('Enter');
      const edit = page.getByRole('dialog', { name: 'Edit client' });
      await edit.waitFor();
      assert((await edit.getByLabel('FEIN').count()) === 0, 'an individual has no FEIN field');
      await tabTo(page, edit.getByLabel('Date of birth'));
      await page.keyboard.type('03141985');
      await tabTo(page, edit.getByLabel('Occupation'));
      await page.keyboard.type('Nurse');
      await page.keyboard.press('Enter');
      await edit.waitFor({ state: 'detached' });
      await until('the details to show the occupation', async () =>
        ((await page.getByTestId('client-details').textContent()) ?? '').includes('Nurse'),
      );
      const saved = await host.api('clients.get', { id: clientId });
      assert(saved.client.occupation === 'Nurse', 'occupation saved');
      assert(saved.client.date_of_birth === '1985-03-14', `date of birth saved: ${saved.client.date_of_birth}`);

      await tabTo(page, page.getByRole('button', { name: 'Add address' }));
      await page.keyboard.press('Enter');
      const addr = page.getByRole('dialog', { name: 'Add address' });
      await addr.waitFor();
      await page.keyboard.type('12 Elm St');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Apt 2');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Springfield');
      await page.keyboard.press('Tab');
      await page.keyboard.type('il');
      await page.keyboard.press('Tab');
      await page.keyboard.type('6270');
      await page.keyboard.press('Enter');
      const zipError = addr.locator('.field.has-error', { has: page.locator('[name="postal_code"]') });
      await zipError.waitFor();
      assert(((await zipError.textContent()) ?? '').includes('ZIP'), 'a bad ZIP is named on its field');
      await page.keyboard.type('4');
      await page.keyboard.press('Enter');
      await addr.waitFor({ state: 'detached' });
      const physical = page.getByTestId('address-physical');
      await until('the address line', async () =>
        ((await physical.textContent()) ?? '').includes('12 Elm St, Apt 2, Springfield, IL 62704'),
      );
      assert(((await physical.textContent()) ?? '').includes('Not verified'), 'verification state shown');

      await tabTo(page, page.getByRole('button', { name: 'Add mailing address' }));
      await page.keyboard.press('Enter');
      const mail = page.getByRole('dialog', { name: 'Add mailing address' });
      await mail.waitFor();
      await page.keyboard.type('PO Box 9');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Springfield');
      await page.keyboard.press('Tab');
      await page.keyboard.type('IL');
      await page.keyboard.press('Tab');
      await page.keyboard.type('62705');
      await page.keyboard.press('Enter');
      await mail.waitFor({ state: 'detached' });
      await until('the mailing line', async () =>
        ((await page.getByTestId('address-mailing').textContent()) ?? '').includes('PO Box 9, Springfield, IL 62705'),
      );
      const after = await host.api('clients.get', { id: clientId });
      assert(after.address?.line1 === '12 Elm St' && after.address.state === 'IL', 'physical address stored');
      assert(after.mailing_address?.postal_code === '62705', 'mailing address stored separately');
    }),
  ),

  test(
    'editors: New client for an existing business customer, and a lead’s address, by keyboard',
    'browser',
    async (ctx) =>
      withApp(ctx, async (page, host, ids) => {
        await open(page, host, '#/clients', 'clients');
        await tabTo(page, page.getByRole('button', { name: 'New client' }).first());
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'New client' });
        await dialog.waitFor();
        await page.keyboard.press('ArrowRight');
        await dialog.getByLabel('Business name').waitFor();
        assert((await dialog.getByLabel('Date of birth').count()) === 0, 'a business has no date of birth');
        await tabTo(page, dialog.getByLabel('Business name'));
        await page.keyboard.type('Acme Roofing');
        await tabTo(page, dialog.getByLabel('FEIN'));
        await page.keyboard.type('123456789');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-screen="client"]');
        await until(
          'the new client page',
          async () => (await page.getByTestId('record-name').textContent()) === 'Acme Roofing',
        );
        assert(((await page.getByTestId('client-details').textContent()) ?? '').includes('12-3456789'), 'FEIN shown');
        const list = await host.api('clients.list', { text: 'Acme' });
        assert(list.length === 1 && list[0]!.client_type === 'business', 'one business client stored');

        await open(page, host, `#/leads/${ids[1]}`, 'lead');
        await tabTo(page, page.getByRole('button', { name: 'Add address' }));
        await page.keyboard.press('Enter');
        const addr = page.getByRole('dialog', { name: 'Add address' });
        await addr.waitFor();
        await page.keyboard.type('400 Oak Ave');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Austin');
        await page.keyboard.press('Tab');
        await page.keyboard.type('TX');
        await page.keyboard.press('Tab');
        await page.keyboard.type('78701');
        await page.keyboard.press('Enter');
        await addr.waitFor({ state: 'detached' });
        const lead = await host.api('leads.get', { id: ids[1]! });
        await until('the lead address line', async () =>
          ((await page.getByTestId('address-physical').textContent()) ?? '').includes('400 Oak Ave, Austin, TX 78701'),
        );
        assert(
          (await host.api('leads.get', { id: ids[1]! })).address?.city === 'Austin',
          `lead address ${lead.lead.id}`,
        );
      }),
  ),

  test(
    'editors: edit a contact, make another primary, remove one, undo, remove again (keyboard)',
    'browser',
    async (ctx) =>
      withApp(ctx, async (page, host, ids) => {
        const leadId = ids[2]!;
        for (const [first, last, primary] of [
          ['Pat', 'Ruiz', true],
          ['Sam', 'Lee', false],
        ] as const)
          await host.api('mutate', {
            name: 'addContact',
            args: { lead_id: leadId, first_name: first, last_name: last, is_primary_contact: primary },
          });
        await open(page, host, `#/leads/${leadId}`, 'lead');
        const card = page.getByRole('region', { name: 'Contacts' });
        await tabTo(page, card.getByRole('button', { name: 'Edit Sam Lee' }));
        await page.keyboard.press('Enter');
        const edit = page.getByRole('dialog', { name: 'Edit contact' });
        await edit.waitFor();
        await tabTo(page, edit.getByLabel('Role / title'));
        await page.keyboard.type('Spouse');
        await tabTo(page, edit.getByLabel('Email'));
        await page.keyboard.type('sam@example');
        await page.keyboard.press('Enter');
        const emailError = edit.locator('.field.has-error', { has: page.locator('[name="email"]') });
        await emailError.waitFor();
        await page.keyboard.type('.com');
        await page.keyboard.press('Enter');
        await edit.waitFor({ state: 'detached' });
        await until('the title', async () => ((await card.textContent()) ?? '').includes('Spouse'));

        await tabTo(page, card.getByRole('button', { name: 'Make primary' }));
        await page.keyboard.press('Enter');
        await until('Sam to be primary', async () => {
          const c = (await host.api('leads.get', { id: leadId })).contacts;
          return c.find((x) => x.first_name === 'Sam')?.is_primary_contact === true;
        });

        const removePat = card.getByRole('button', { name: 'Remove: the contact Pat Ruiz' });
        await tabTo(page, removePat);
        await page.keyboard.press('Enter');
        const confirm = page.getByRole('dialog', { name: 'Delete the contact Pat Ruiz?' });
        await confirm.waitFor();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await confirm.waitFor({ state: 'detached' });
        await removePat.waitFor({ state: 'detached' });
        await tabTo(page, page.getByRole('button', { name: 'Undo' }));
        await page.keyboard.press('Enter');
        await removePat.waitFor();
        assert((await host.api('leads.get', { id: leadId })).contacts.length === 2, 'Undo restored the contact');

        await tabTo(page, removePat);
        await page.keyboard.press('Enter');
        await confirm.waitFor();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await removePat.waitFor({ state: 'detached' });
        const left = (await host.api('leads.get', { id: leadId })).contacts;
        assert(left.length === 1 && left[0]!.job_title === 'Spouse', 'one contact left, edited');
        assert(left[0]!.email === 'sam@example.com', 'email saved after fixing it');
      }),
  ),

  test(
    'editors: assign a ticket, give it a due date and status, and comment on it (keyboard)',
    'browser',
    async (ctx) =>
      withApp(ctx, async (page, host, ids) => {
        const clientId = await convert(host, ids[0]!);
        const { result: ticket } = (await host.api('mutate', {
          name: 'createTicket',
          args: { client_id: clientId, subject: 'Need a COI' },
        })) as { result: { id: string } };
        await open(page, host, `#/clients/${clientId}`, 'client');
        await tabTo(page, page.getByRole('button', { name: 'Need a COI', exact: true }));
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Need a COI', exact: true });
        await dialog.waitFor();
        assert(await dialog.getByLabel('Assigned to').evaluate(isFocused), 'focus on assignee');
        await page.keyboard.type('Me');
        await page.keyboard.press('Tab');
        await page.keyboard.type('06152027');
        // Tab walks the date's month, day and year first, then on to Status.
        await tabTo(page, dialog.getByLabel('Status'));
        await page.keyboard.type('pe');
        await page.keyboard.press('Tab');
        await page.keyboard.type('ur');
        await tabTo(page, dialog.getByRole('button', { name: 'Save changes' }));
        await page.keyboard.press('Enter');
        const me = (await host.api('lookups.get', {})).users[0]!;
        await until('the ticket fields to save', async () => {
          const t = (await host.api('tickets.get', { id: ticket.id })).ticket;
          return t.assigned_to === me.id && t.status === 'pending' && t.priority === 'urgent' && t.due_at !== null;
        });
        const saved = (await host.api('tickets.get', { id: ticket.id })).ticket;
        const due = new Date(saved.due_at!).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
        assert(due === '2027-06-15', `due date saved as that day: ${due}`);

        for (const body of ['Called the carrier', 'COI sent by email']) {
          await tabTo(page, dialog.getByLabel('Add a comment'));
          await page.keyboard.type(body);
          await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
          await dialog.getByTestId('ticket-comments').getByText(body).waitFor();
        }
        const thread = await host.api('tickets.get', { id: ticket.id });
        assert(
          thread.comments.map((c) => c.body).join('|') === 'Called the carrier|COI sent by email',
          'the thread keeps both comments in order',
        );
        const client = await host.api('clients.get', { id: clientId });
        assert(
          client.timeline.some((t) => t.body === 'COI sent by email'),
          'the comment is in the client’s history too',
        );
      }),
  ),

  test('editors: delete a lead and a ticket, undo, and restore from the Trash (keyboard)', 'browser', async (ctx) =>
    withApp(ctx, async (page, host, ids) => {
      const name = (await host.api('leads.get', { id: ids[3]! })).lead;
      const leadName = name.business_name ?? `${name.first_name} ${name.last_name}`;
      await open(page, host, `#/leads/${ids[3]}`, 'lead');
      await tabTo(page, page.getByRole('button', { name: `Delete lead: the lead ${leadName}` }));
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: `Delete the lead ${leadName}?` });
      await confirm.waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-screen="leads"]');
      assert((await host.raw('leads.get', { id: ids[3] })).ok === false, 'the lead is gone from the screens');

      await page.keyboard.press('g');
      await page.keyboard.press('s');
      await page.waitForSelector('[data-screen="settings"]');
      await tabTo(page, page.getByRole('link', { name: 'Open the Trash' }));
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-screen="trash"]');
      const restore = page.getByRole('button', { name: `Restore lead ${leadName}` });
      await tabTo(page, restore);
      await page.keyboard.press('Enter');
      await restore.waitFor({ state: 'detached' });
      assert((await host.raw('leads.get', { id: ids[3] })).ok, 'the restored lead opens again');

      const clientId = await convert(host, ids[0]!);
      await host.api('mutate', { name: 'createTicket', args: { client_id: clientId, subject: 'Wrong VIN' } });
      await open(page, host, `#/clients/${clientId}`, 'client');
      await tabTo(page, page.getByRole('button', { name: 'Wrong VIN', exact: true }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Wrong VIN', exact: true });
      await dialog.waitFor();
      await tabTo(page, dialog.getByRole('button', { name: /^Delete: the ticket/ }));
      await page.keyboard.press('Enter');
      const ask = page.getByRole('dialog', { name: /^Delete the ticket/ });
      await ask.waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      assert(
        (await host.api('trash.list', {})).some((t) => t.name === 'Wrong VIN'),
        'the ticket is in the Trash',
      );
      await tabTo(page, page.getByRole('button', { name: 'Undo' }).last());
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Wrong VIN', exact: true }).waitFor();
      assert((await host.api('trash.list', {})).length === 0, 'Undo took the ticket back out of the Trash');
    }),
  ),

  test(
    'editors: a campaign opens on its own page with its audience, and unenrolls (keyboard)',
    'browser',
    async (ctx) =>
      withApp(ctx, async (page, host, ids) => {
        const { result: campaign } = (await host.api('mutate', {
          name: 'createCampaign',
          args: { name: 'Spring renewal review', status: 'active', channel: 'email' },
        })) as { result: { id: string } };
        await host.api('mutate', { name: 'enrollInCampaign', args: { campaign_id: campaign.id, lead_id: ids[0]! } });
        const lead = (await host.api('leads.get', { id: ids[0]! })).lead;
        const leadName = lead.business_name ?? `${lead.first_name} ${lead.last_name}`;
        await open(page, host, '#/campaigns', 'campaigns');
        await page.keyboard.press('g');
        await page.keyboard.press('m');
        const grid = page.locator('[data-screen="campaigns"] [role="table"]');
        await tabTo(page, grid);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-screen="campaign"]');
        const enrollments = page.getByTestId('enrollments');
        assert(((await enrollments.textContent()) ?? '').includes(leadName), 'the enrolled lead is listed');
        await tabTo(page, page.getByRole('button', { name: `Unenroll: ${leadName} from Spring renewal review` }));
        await page.keyboard.press('Enter');
        await page.getByRole('dialog').waitFor();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await until(
          'the enrollment to go',
          async () => (await host.api('campaigns.get', { id: campaign.id })).enrollments.length === 0,
        );
      }),
  ),
];
