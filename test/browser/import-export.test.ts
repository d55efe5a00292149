// Import and export through the UI, as a person does it: pick a messy CSV, fix a column's field,
// read the preview, dry run, import, download the report, undo; export the Leads view.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { LEAD_EXPORT_COLUMNS } from '../../shared/api/files';
import { assert, assertNoProblems, openPage, seedLeads, shot, startHost, typeInto } from './harness';
import { test } from './suite';

/** A file as another system exports it: odd headers, money with signs, one row that cannot import. */
const MESSY = [
  'FName,Surname,Contact Addr,Phone #,Quote,Junk',
  'Ada,Lovelace,ADA@Example.com,(312) 201-3344,"$1,200.50",x',
  'Grace,Hopper,grace@example.com,312.201.9988,900,y',
  'Alan,Turing,not-an-email,3122017766,12,z',
  'Katherine,Johnson,kj@example.com,312-201-1111,"$2,000",w',
].join('\r\n');
/** Enough more rows that the import takes several batches, so its progress shows. */
const MORE = 3_000;
const more = () =>
  Array.from(
    { length: MORE },
    (_, i) => `Pat${i},Bulk${i},pat${i}@example.org,312-202-${String(i % 10000).padStart(4, '0')},${100 + (i % 900)},q`,
  );

/** A downloaded CSV's rows as cells (csv-parse, as the import reads files). */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true }) as string[][];

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

export const tests = [
  test('Import wizard: messy CSV, mapping fixed, preview, dry run, import, report, undo', 'browser', async (ctx) => {
    const host = await startHost();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-import-'));
    const csv = path.join(dir, 'old-crm leads.csv');
    writeFileSync(csv, [MESSY, ...more()].join('\r\n'));
    try {
      const { page, problems } = await openPage(ctx.browser, host, '#/leads');
      try {
        await page.getByTestId('import-leads').click();
        const dialog = page.getByRole('dialog', { name: 'Import leads' });
        await dialog.getByLabel(/CSV or Excel file/).setInputFiles(csv);
        await dialog.getByRole('button', { name: 'Next: columns' }).click();

        // Suggested from the headers; "Contact Addr" is not a known spelling, so the person maps it.
        const mapping = dialog.getByTestId('mapping-table');
        await mapping.waitFor();
        assert((await dialog.getByLabel('Field for column FName').inputValue()) === 'first_name', 'FName is suggested');
        assert((await dialog.getByLabel('Field for column Phone #').inputValue()) === 'phone', 'Phone # is suggested');
        assert(
          (await dialog.getByLabel('Field for column Contact Addr').inputValue()) === '',
          'unknown header left out',
        );
        await shot(page, 'import-wizard-columns');
        await dialog.getByLabel('Field for column Contact Addr').selectOption({ label: 'Email' });
        await dialog.getByLabel('Field for column Quote').selectOption({ label: 'Quoted premium' });
        await typeInto(dialog.getByLabel('Save this mapping as'), 'Old CRM');
        await dialog.getByRole('button', { name: 'Save mapping' }).click();
        await page.getByText('Saved the mapping “Old CRM”').waitFor();
        await dialog.getByRole('button', { name: 'Next: options' }).click();
        await dialog.getByLabel('When a row matches an existing record').selectOption('skip');
        await dialog.getByRole('button', { name: 'Next: preview' }).click();

        // The preview shows values as stored (lower-cased email, E.164 phone, money) and the bad cell.
        const preview = dialog.getByTestId('preview-table');
        await preview.waitFor();
        await shot(page, 'import-wizard-preview');
        const first = (await preview.locator('tbody tr').first().textContent()) ?? '';
        assert(first.includes('ada@example.com'), `email stored lower-cased: ${first}`);
        assert(first.includes('+13122013344'), `phone stored as E.164: ${first}`);
        assert(first.includes('1200.5'), `money without sign and separator: ${first}`);
        const bad = preview.locator('tbody tr').nth(2).locator('td.cell-error');
        assert((await bad.count()) >= 1, 'the invalid row has a marked cell');
        assert(((await bad.first().textContent()) ?? '').includes('not-an-email'), 'the bad value is shown');

        await dialog.getByRole('button', { name: 'Dry run' }).click();
        const report = dialog.getByTestId('import-report');
        await report.waitFor();
        const dryCounts = (await dialog.getByTestId('import-counts').textContent()) ?? '';
        assert(
          dryCounts.includes(`Created${(MORE + 3).toLocaleString('en-US')}`) && /Invalid1/.test(dryCounts),
          `dry run counts: ${dryCounts}`,
        );
        const stored = await host.api('leads.list', {});
        assert(stored.items.length === 0, 'a dry run stores nothing');

        await dialog.getByRole('button', { name: `Import ${(MORE + 3).toLocaleString('en-US')} rows` }).click();
        // Progress as the job reports it through the change feed: rows of the dry run's count, rows/s, time left.
        const progress = dialog.getByTestId('import-progress');
        await progress.getByText(/rows done · [\d,]+ rows\/s/).waitFor();
        const status = (await progress.getByRole('status').textContent()) ?? '';
        assert(status.includes(`of ${(MORE + 4).toLocaleString('en-US')} rows done`), `progress: ${status}`);
        const bar = progress.getByRole('progressbar', { name: 'Import progress' });
        assert((await bar.getAttribute('max')) === String(MORE + 4), "the bar runs to the file's rows");
        await dialog.getByRole('heading', { name: 'Import finished' }).waitFor();
        const counts = (await dialog.getByTestId('import-counts').textContent()) ?? '';
        assert(
          counts.includes(`Rows read${(MORE + 4).toLocaleString('en-US')}`) &&
            counts.includes(`Created${(MORE + 3).toLocaleString('en-US')}`) &&
            /Invalid1/.test(counts),
          `counts: ${counts}`,
        );
        await shot(page, 'import-wizard-report');
        const invalid = dialog.getByTestId('invalid-rows');
        const line = (await invalid.locator('tbody tr').first().textContent()) ?? '';
        assert(line.startsWith('4') && line.includes('Contact Addr') && line.includes('not-an-email'), line);
        // The Leads list behind the dialog followed the change feed.
        const ada = await host.api('leads.list', { text: 'Lovelace' });
        assert(ada.items.length === 1 && ada.items[0]!.email === 'ada@example.com', 'Ada stored, email lower-cased');

        const file = await downloaded(page, () =>
          dialog.getByRole('button', { name: 'Download report (CSV)' }).click(),
        );
        const rows = parseCsv(file.text);
        assert(file.name.startsWith('import-report') && file.name.endsWith('.csv'), `report name: ${file.name}`);
        assert(rows[0]!.join('|') === 'row|column|value|reason', `report header: ${rows[0]}`);
        assert(
          rows.some((r) => r[0] === '4' && r[1] === 'Contact Addr' && r[2] === 'not-an-email' && r[3]!.length > 0),
          `report has the invalid email: ${file.text}`,
        );

        await dialog.getByRole('button', { name: 'Undo import' }).click();
        await dialog.getByRole('button', { name: 'Yes, undo the import' }).click();
        await dialog.getByText('Undone: what this import created was removed.').waitFor();
        assert((await host.api('leads.list', {})).items.length === 0, 'undo removed the imported leads');
        await dialog.getByRole('button', { name: 'Done' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByText('No leads yet').waitFor();
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await host.close();
    }
  }),

  test('Export the Leads view with its filter: the CSV has its rows and visible columns', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      await seedLeads(host, 14);
      const { page, problems } = await openPage(ctx.browser, host, '#/leads');
      try {
        await page.waitForSelector('[data-screen="leads"] [role="row"][aria-rowindex="2"]');
        await typeInto(page.getByLabel('Filter leads'), 'Moreau');
        const expected = (await host.api('leads.list', { text: 'Moreau', limit: 500 })).items;
        assert(expected.length > 0 && expected.length < 14, `the filter narrows the list: ${expected.length}`);
        // The header row and one row per lead the filter keeps.
        const rowsShown = page.locator('[data-screen="leads"] [role="row"][aria-rowindex]');
        for (let i = 0; i < 50 && (await rowsShown.count()) !== expected.length + 1; i++)
          await page.waitForTimeout(100);
        assert((await rowsShown.count()) === expected.length + 1, 'the table shows the filtered leads');
        const visible = (await page.locator('[data-screen="leads"] [role="columnheader"]').allTextContents()).map((t) =>
          t.trim(),
        );
        await page.getByTestId('export-leads').click();
        const file = await downloaded(page, () => page.getByRole('button', { name: 'CSV (.csv)' }).click());
        assert(file.name.startsWith('leads') && file.name.endsWith('.csv'), `file name: ${file.name}`);
        const rows = parseCsv(file.text);
        const header = rows[0]!;
        assert(
          visible.every((v) => Object.values(LEAD_EXPORT_COLUMNS).includes(v)),
          `every visible column has an export name: ${visible.join('|')}`,
        );
        assert(header.join('|') === visible.join('|'), `columns are the visible ones: ${header.join('|')}`);
        const names = rows.slice(1).map((r) => r[0]);
        assert(names.length === expected.length, `rows: ${names.length}, expected ${expected.length}`);
        assert(
          expected.every((e) => names.includes(e.name)),
          `the filtered leads: ${names.join(', ')}`,
        );
        await page.getByText(`Exported ${expected.length} rows`).waitFor();
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),
];
