// The "possible duplicate" warning in New lead and New client, driven as a person would in Chromium.
import { insuranceTypeByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, startHost, typeInto } from './harness';
import { test } from './suite';

export const tests = [
  test('New lead warns about a possible duplicate before saving', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      const existing = (await host.api('mutate', {
        name: 'createLead',
        args: {
          first_name: 'Harriet',
          last_name: 'Quimby',
          email: 'harriet@example.com',
          insurance_type_id: insuranceTypeByCode('auto').id,
        },
      })) as { result: { id: string } };
      const { page, problems } = await openPage(ctx.browser, host, '#/leads');
      try {
        await page.keyboard.press('n');
        const dialog = page.getByRole('dialog', { name: 'New lead' });
        await dialog.getByLabel('First name').pressSequentially('Harriett');
        await dialog.getByLabel('Last name').click();
        await page.keyboard.type('Quimby');
        await dialog.getByLabel('Email').click();
        await page.keyboard.type('Harriet@Example.com');
        assert((await dialog.getByLabel('First name').inputValue()) === 'Harriett', 'typing stays in its field');
        const warning = dialog.getByTestId('duplicate-warning');
        await warning.waitFor();
        const text = (await warning.textContent()) ?? '';
        assert(text.includes('Harriet Quimby'), `the existing lead is named: ${text}`);
        assert(text.includes('same email'), `the reason is given: ${text}`);
        const href = await warning.getByRole('link', { name: 'Harriet Quimby' }).getAttribute('href');
        assert(href === `#/leads/${existing.result.id}`, `the warning links to the existing lead: ${href}`);
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),

  test('New client warns about a possible duplicate before saving, and saves anyway', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      const existing = (await host.api('mutate', {
        name: 'createClient',
        args: {
          client_type: 'individual',
          first_name: 'Bessie',
          last_name: 'Coleman',
          date_of_birth: '1892-01-26',
          phone: '(217) 555-0142',
        },
      })) as { result: { id: string } };
      const { page, problems } = await openPage(ctx.browser, host, '#/clients');
      try {
        await page.getByRole('button', { name: 'New client' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'New client' });
        await typeInto(dialog.getByLabel('First name'), 'Bessy');
        await typeInto(dialog.getByLabel('Last name'), 'Coleman');
        const warning = dialog.getByTestId('duplicate-warning');
        // a similar name alone is not enough to warn
        await page.waitForTimeout(600);
        assert((await warning.count()) === 0, 'no warning for a similar name alone');
        await typeInto(dialog.getByLabel('Phone'), '217.555.0142');
        await warning.waitFor();
        const text = (await warning.textContent()) ?? '';
        assert(text.includes('same phone'), `the reason is given: ${text}`);
        const href = await warning.getByRole('link', { name: 'Bessie Coleman' }).getAttribute('href');
        assert(href === `#/clients/${existing.result.id}`, `the warning links to the existing client: ${href}`);
        // the warning never blocks: the agent may know better and save anyway
        await dialog.getByRole('button', { name: 'Add client' }).click();
        await page.waitForSelector('[data-screen="client"]');
        const id = await page.locator('[data-screen="client"]').getAttribute('data-client-id');
        assert(id && id !== existing.result.id, `a second client was saved: ${id}`);
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),
];
