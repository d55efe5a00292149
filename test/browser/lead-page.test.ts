// Issue #13's defects on the lead and client pages, as a person meets them: keyboard and clicks.
import type { Page } from 'playwright-core';
import { statusByCode } from '../../shared/lookups';
import { assert } from './harness';
import { test } from './suite';
import { addLead, tabTo, withApp } from './work-lists.test';

/** Types a date and time into the focused datetime-local input (en-US: mm/dd/yyyy, hh:mm AM). */
async function typeDateTime(page: Page, d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = d.getHours() % 12 || 12;
  await page.keyboard.type(`${pad(d.getMonth() + 1)}${pad(d.getDate())}${d.getFullYear()}`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(`${pad(hour)}${pad(d.getMinutes())}${d.getHours() < 12 ? 'A' : 'P'}`);
}

export const tests = [
  test(
    'lead: a follow-up from Log activity is on the timeline; a past date is refused on the field',
    'browser',
    (ctx) =>
      withApp(ctx, '#/today', 0, async (page, host) => {
        const id = await addLead(host, 'Follower', null);
        await page.goto(`${host.url}/#/leads/${id}`);
        const composer = page.getByTestId('composer');
        await composer.getByLabel('Subject').click();
        await page.keyboard.type('Check-in call');
        await tabTo(page, '[name="follow_up_at"]');
        await typeDateTime(page, new Date(2020, 0, 2, 10, 30));
        await composer.getByRole('button', { name: 'Log activity' }).click();
        const field = composer.locator('.field', { has: page.locator('[name="follow_up_at"]') });
        await field.locator('.field-error').waitFor();
        const message = (await field.locator('.field-error').textContent()) ?? '';
        assert(/follow-up date is in the past/.test(message), `the error names the field: ${message}`);
        assert((await host.api('leads.get', { id })).lead.next_follow_up_at === null, 'nothing was scheduled');

        const next = new Date(new Date().getFullYear() + 1, 4, 6, 9, 15);
        await composer.getByLabel('Outcome').click();
        await page.keyboard.press('Tab'); // the first segment (month) of Follow up at
        await typeDateTime(page, next);
        await composer.getByRole('button', { name: 'Log activity' }).click();
        const event = page.getByTestId('timeline').locator('.tl-item', { hasText: 'Follow-up scheduled' });
        await event.waitFor();
        const text = (await event.textContent()) ?? '';
        assert(/in \d+ months/.test(text), `the event says when it is due: ${text}`);
        const scheduled = (await host.api('leads.get', { id })).lead.next_follow_up_at ?? '';
        assert(scheduled.startsWith(`${next.getFullYear()}-05-06T`), `the follow-up was scheduled: ${scheduled}`);
      }),
  ),

  test('timeline: every entry says who did it', 'browser', (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await addLead(host, 'Actor', null);
      await page.goto(`${host.url}/#/leads/${id}`);
      const composer = page.getByTestId('composer');
      await composer.getByLabel('Subject').click();
      await page.keyboard.type('Intro call');
      await composer.getByRole('button', { name: 'Log activity' }).click();
      await page.getByTestId('timeline').getByText('Phone call: Intro call').waitFor();
      await composer.getByRole('tab', { name: 'Note' }).click();
      await composer.getByLabel('Note').click();
      await page.keyboard.type('Prefers texts after 5pm.');
      await composer.getByRole('button', { name: 'Save note' }).click();
      await page.getByTestId('timeline').getByText('Prefers texts after 5pm.').waitFor();
      const entries = page.getByTestId('timeline').locator('.tl-item');
      const n = await entries.count();
      assert(n >= 4, `created, status change, call and note are listed (${n})`);
      for (let i = 0; i < n; i++) {
        const actor = await entries.nth(i).getByTestId('tl-actor').textContent();
        assert(actor === 'Me (this device)', `entry ${i} names its actor: ${actor}`);
      }
    }),
  ),

  test('conversion: the policy number typed at conversion shows on the client and on the lead', 'browser', (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await addLead(host, 'Policyholder', null, { quoted_premium: 1840 });
      await page.goto(`${host.url}/#/leads/${id}`);
      await page.getByTestId('convert').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Policy number (optional)').click();
      await page.keyboard.type('PA-2291-77');
      await page.getByTestId('confirm-convert').click();
      await page.waitForSelector('[data-screen="client"]');
      const card = page.getByRole('region', { name: 'Opportunities' });
      await card.getByText('Policy PA-2291-77').waitFor();
      await page.goto(`${host.url}/#/leads/${id}`);
      const summary = page.getByTestId('conversion-summary');
      await summary.waitFor();
      const text = (await summary.textContent()) ?? '';
      assert(text.includes('policy PA-2291-77') && text.includes('$1,840'), `the lead's summary: ${text}`);
    }),
  ),

  test('lost: setting a lead to Lost asks why and keeps the reason', 'browser', (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await addLead(host, 'Reason', null);
      await page.goto(`${host.url}/#/leads/${id}`);
      await page.getByTestId('record-name').waitFor();
      await tabTo(page, 'select[aria-label="Status"]');
      await page.keyboard.press('l');
      const dialog = page.getByRole('dialog', { name: 'Why was Pat Reason lost?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Mark as Lost' }).click();
      const error = dialog.locator('.field', { has: page.locator('[name="reason"]') }).locator('.field-error');
      await error.waitFor();
      assert((await error.textContent()) === 'Choose why the lead was lost', 'a reason is asked for');
      assert((await host.api('leads.get', { id })).lead.status_id !== statusByCode('lost').id, 'not lost yet');
      await tabTo(page, '[name="reason"]');
      await page.keyboard.press('p');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Quoted $300 less elsewhere');
      await dialog.getByRole('button', { name: 'Mark as Lost' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('timeline').getByText('Price too high: Quoted $300 less elsewhere').waitFor();
      const { lead } = await host.api('leads.get', { id });
      assert(lead.status_id === statusByCode('lost').id, 'the lead is lost');
      assert(lead.lost_reason === 'Price too high: Quoted $300 less elsewhere', `reason kept: ${lead.lost_reason}`);
    }),
  ),

  test('copy: follow-ups read "Due in …", SMS in capitals, custom field keys in words', 'browser', (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await addLead(host, 'Copy', null);
      await host.api('mutate', {
        name: 'scheduleFollowUp',
        args: { lead_id: id, at: new Date(Date.now() + 59 * 60_000 + 30_000).toISOString() },
      });
      await host.api('mutate', {
        name: 'createCampaign',
        args: { name: 'Renewal texts', channel: 'sms', status: 'active' },
      });
      await page.goto(`${host.url}/#/leads/${id}`);
      const event = page.getByTestId('timeline').locator('.tl-item', { hasText: 'Follow-up scheduled' });
      await event.waitFor();
      const text = (await event.textContent()) ?? '';
      assert(text.includes('Due in 59 minutes') && !text.includes('For in'), `the follow-up reads well: ${text}`);

      await page.getByRole('textbox', { name: 'Custom field name' }).click();
      await page.keyboard.type('years_at_address');
      await page.keyboard.press('Tab');
      await page.keyboard.type('12');
      await page.keyboard.press('Enter');
      const row = page.locator('.kv.custom .kv-row').first();
      await row.waitFor();
      assert((await row.locator('dt').textContent()) === 'Years at address', 'the key is shown in words');

      await page.getByRole('link', { name: 'Campaigns' }).first().click();
      const campaign = page.locator('.vt-row', { hasText: 'Renewal texts' });
      await campaign.waitFor();
      const cells = (await campaign.textContent()) ?? '';
      assert(cells.includes('SMS') && !cells.includes('Sms'), `the channel is SMS: ${cells}`);
    }),
  ),

  test('notes: a 10k-character note is clamped with a Show more toggle', 'browser', (ctx) =>
    withApp(ctx, '#/today', 0, async (page, host) => {
      const id = await addLead(host, 'Longnote', null);
      const words = 'Discussed the umbrella policy, the teen driver and the boat. ';
      const long = `${words.repeat(Math.ceil(10_000 / words.length))}THE-END`;
      await host.api('mutate', { name: 'addNote', args: { lead_id: id, body: long } });
      await page.goto(`${host.url}/#/leads/${id}`);
      const note = page.getByTestId('timeline').locator('.tl-item[data-kind="note"]');
      await note.waitFor();
      const body = note.locator('.tl-body');
      const height = async () => (await body.boundingBox())?.height ?? 0;
      assert((await height()) < 300, `the note is clamped (${await height()} px)`);
      assert(!((await body.textContent()) ?? '').includes('THE-END'), 'the end of the note is not shown yet');
      await note.getByRole('button', { name: 'Show more' }).click();
      await body.getByText(/THE-END/).waitFor();
      assert((await height()) > 300, 'the whole note shows after Show more');
      await note.getByRole('button', { name: 'Show less' }).click();
      assert((await height()) < 300, 'Show less clamps it again');
    }),
  ),
];
