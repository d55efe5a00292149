// The "possible duplicate" warning in New lead, driven as a person would in Chromium.
import { insuranceTypeByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, startHost } from './harness';
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
];
