// Merging duplicates as a person would: from the Possible duplicates screen (Settings), choosing a
// field from the record merged away, and from a lead's "Merge with…".
import { insuranceTypeByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, startHost, typeInto, type Host } from './harness';
import { test } from './suite';

async function client(host: Host, args: Record<string, unknown>): Promise<string> {
  const res = (await host.api('mutate', {
    name: 'createClient',
    args: { client_type: 'individual', ...args },
  })) as { result: { id: string } };
  return res.result.id;
}

export const tests = [
  test(
    'Merge two clients from Possible duplicates: a field from the merged one, children moved, one client left',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const kept = await client(host, {
          first_name: 'Harriet',
          last_name: 'Quimby',
          email: 'harriet@example.com',
          occupation: 'Pilot',
        });
        const other = await client(host, {
          first_name: 'Harriet',
          last_name: 'Quimby',
          email: 'Harriet@Example.com',
          phone: '217-555-0101',
          occupation: 'Aviator',
        });
        await host.api('mutate', { name: 'addNote', args: { client_id: other, body: 'Flew the Channel in 1912' } });
        await host.api('mutate', {
          name: 'addContact',
          args: { client_id: other, first_name: 'Pat', last_name: 'Ruiz' },
        });
        const { page, problems } = await openPage(ctx.browser, host, '#/settings');
        try {
          await page.getByRole('link', { name: 'Review possible duplicates' }).click();
          const pairs = page.getByTestId('duplicate-pairs');
          await pairs.waitFor();
          const pairText = (await pairs.textContent()) ?? '';
          assert(pairText.includes('same email'), `the pair gives its reasons: ${pairText}`);
          await page.getByRole('button', { name: 'Review & merge Harriet Quimby and Harriet Quimby' }).click();
          await page.waitForSelector('[data-screen="merge"]');
          const moving = (await page.getByTestId('merge-moving').textContent()) ?? '';
          assert(moving.includes('1 note') && moving.includes('1 contact'), `what moves is counted: ${moving}`);
          const occupation = page.getByRole('group', { name: 'Occupation' });
          assert(
            await occupation.getByRole('radio', { name: /Pilot/ }).isChecked(),
            'the kept record’s own value is the default',
          );
          await occupation.getByRole('radio', { name: /Aviator/ }).click();
          // the kept record has no phone: the other's is taken by default
          assert(
            await page
              .getByRole('group', { name: 'Phone' })
              .getByRole('radio', { name: /217-555-0101/ })
              .isChecked(),
            'an empty field takes the other record’s value',
          );
          await page.getByRole('button', { name: 'Merge', exact: true }).click();
          const confirm = page.getByRole('dialog', { name: 'Merge clients?' });
          await confirm.getByRole('button', { name: 'Merge clients' }).click();
          await page.waitForSelector(`[data-screen="client"][data-client-id="${kept}"]`);
          const details = page.getByTestId('client-details');
          await details.getByText('Aviator').waitFor();
          assert(((await details.textContent()) ?? '').includes('217-555-0101'), 'the phone came over');
          await page.getByRole('region', { name: 'Contacts' }).getByText('Pat Ruiz').waitFor();
          await page.getByText('Flew the Channel in 1912').first().waitFor();
          await page.getByText('Merged a duplicate').first().waitFor();
          await page.getByRole('link', { name: 'Clients', exact: true }).first().click();
          await page.waitForSelector('[data-screen="clients"] [role="row"][aria-rowindex="2"]');
          const rows = await page
            .locator('[data-screen="clients"] [role="row"]')
            .filter({ hasText: 'Harriet Quimby' })
            .count();
          assert(rows === 1, `one Harriet Quimby is left in the list, not ${rows}`);
          await page.goto(`${host.url}/#/duplicates/clients`);
          await page.getByText('No possible duplicates among clients').waitFor();
          assertNoProblems(problems);
        } finally {
          await page.context().close();
        }
      } finally {
        await host.close();
      }
    },
  ),

  test('Not a duplicate leaves the pair out; Merge with… on a lead opens the merge screen', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      const lead = async (first: string, email: string) =>
        (
          (await host.api('mutate', {
            name: 'createLead',
            args: {
              first_name: first,
              last_name: 'Earhart',
              email,
              phone: '312-555-0199',
              insurance_type_id: insuranceTypeByCode('auto').id,
            },
          })) as { result: { id: string } }
        ).result.id;
      const amelia = await lead('Amelia', 'amelia@example.com');
      const amy = await lead('Amy', 'amelia@example.com');
      const { page, problems } = await openPage(ctx.browser, host, '#/duplicates/leads');
      try {
        await page.getByRole('button', { name: 'Not a duplicate: Amelia Earhart and Amy Earhart' }).click();
        await page.getByText('No possible duplicates among leads').waitFor();
        // the dismissal is kept: a new scan does not bring the pair back
        await page.getByRole('button', { name: 'Scan again' }).click();
        await page.getByRole('button', { name: 'Scan again' }).waitFor();
        assert((await page.getByTestId('duplicate-pairs').count()) === 0, 'the dismissed pair stays away');
        await page.goto(`${host.url}/#/leads/${amelia}`);
        await page.waitForSelector('[data-screen="lead"]');
        await page.getByRole('button', { name: 'Merge with…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Merge Amelia Earhart with…' });
        await typeInto(dialog.getByLabel('Find the other lead'), 'Amy');
        await dialog.getByRole('button', { name: 'Merge with Amy Earhart' }).click();
        await page.waitForSelector('[data-screen="merge"]');
        assert((await page.getByTestId('merge-survivor').textContent()) === 'Amelia Earhart', 'this lead is kept');
        assert((await page.getByTestId('merge-merged').textContent()) === 'Amy Earhart', 'the other is merged away');
        assert(page.url().endsWith(`#/merge/leads/${amelia}/${amy}`), page.url());
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),
];
