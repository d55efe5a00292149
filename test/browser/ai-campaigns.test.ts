// The AI panel (no provider; a stand-in OpenAI-compatible provider) and campaigns: create one, enroll a lead.
import type { Page } from 'playwright-core';
import { communicationTypeByCode, insuranceTypeByCode } from '../../shared/lookups';
import type { AiTask } from '../../shared/ai/schemas';
import { ANSWERS } from '../ai/answers';
import { startFakeOpenAI } from '../ai/fake-openai';
import { assert, assertNoProblems, openPage, shot, startHost, type Host, typeInto } from './harness';
import { test, type TestContext } from './suite';

async function withLead(ctx: TestContext, body: (page: Page, host: Host, leadId: string) => Promise<void>) {
  const host = await startHost();
  try {
    const res = (await host.api('mutate', {
      name: 'createLead',
      args: {
        first_name: 'Maria',
        last_name: 'Delgado',
        email: 'maria@example.com',
        phone: '(512) 555-0142',
        insurance_type_id: insuranceTypeByCode('auto').id,
        quoted_premium: 2400,
      },
    })) as { result: { id: string } };
    const id = res.result.id;
    await host.api('mutate', {
      name: 'logCommunication',
      args: {
        lead_id: id,
        communication_type_id: communicationTypeByCode('call').id,
        subject: 'Quote walkthrough',
        body: 'Likes the price, worried about the deductible. Call Thursday.',
      },
    });
    const { page, problems } = await openPage(ctx.browser, host, `#/leads/${id}`);
    try {
      await page.getByTestId('ai-panel').waitFor();
      await body(page, host, id);
      assertNoProblems(problems);
    } finally {
      await page.context().close();
    }
  } finally {
    await host.close();
  }
}

export const tests = [
  test('the AI panel with no provider set up shows a clear error, not a crash', 'browser', async (ctx) =>
    withLead(ctx, async (page, host, leadId) => {
      const panel = page.getByTestId('ai-panel');
      await panel.getByRole('button', { name: 'Summary' }).click();
      const error = panel.getByTestId('ai-error');
      await error.waitFor();
      assert(
        ((await error.textContent()) ?? '').includes('No AI provider is set up'),
        'the AppError’s message is shown',
      );
      assert(await panel.getByRole('button', { name: 'Next action' }).isEnabled(), 'the panel is usable again');
      await shot(page, 'ai-panel-no-provider');
      // The same on a call in the timeline, inline under it.
      const call = page.getByTestId('timeline').locator('[data-kind="communication"]');
      await call.getByRole('button', { name: /Analyze/ }).click();
      await call.getByTestId('ai-error').getByText('No AI provider is set up').waitFor();
      await panel.getByRole('button', { name: 'Open Settings' }).click();
      await page.waitForSelector('[data-screen="settings"]');
      // And on a ticket, from the Tickets screen.
      await host.api('mutate', {
        name: 'createTicket',
        args: { lead_id: leadId, subject: 'Charged twice for the deposit', priority: 'high' },
      });
      await page.getByRole('link', { name: 'Tickets' }).click();
      await page.locator('.vt-row', { hasText: 'Charged twice' }).click();
      const dialog = page.getByRole('dialog', { name: 'Charged twice for the deposit' });
      await dialog.getByRole('button', { name: 'Triage with AI' }).click();
      await dialog.getByTestId('ai-error').getByText('No AI provider is set up').waitFor();
      await shot(page, 'ticket-triage-no-provider');
    }),
  ),

  test(
    'AI answers from a provider show as structured results (summary, next action, risk, ideas, timing, draft)',
    'browser',
    async (ctx) => {
      const fake = await startFakeOpenAI();
      try {
        await withLead(ctx, async (page, host, leadId) => {
          await host.api('ai.settings.save', {
            local: { name: 'office', kind: 'local', baseURL: fake.url, model: 'fake-model' },
            remote: null,
            preferLocal: true,
          });
          await host.api('mutate', {
            name: 'setMarketingSettings',
            args: { lead_id: leadId, settings: { email_opt_in: true, sms_opt_in: false } },
          });
          await host.api('mutate', {
            name: 'createTicket',
            args: {
              lead_id: leadId,
              subject: 'Charged twice for the deposit',
              priority: 'normal',
              description: 'Card was charged twice; wants one refunded today.',
            },
          });
          await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
          const panel = page.getByTestId('ai-panel');
          const ask = async (button: string, task: AiTask, expect: string) => {
            fake.enqueue({ kind: 'answer', content: ANSWERS[task], delayMs: 300 });
            await panel.getByRole('button', { name: button, exact: true }).click();
            await panel.getByTestId('ai-progress').waitFor();
            const result = panel.locator(`[data-testid="ai-result"][data-task="${task}"]`);
            await result.getByText(expect).first().waitFor();
            return result;
          };
          await ask('Summary', 'summary', 'Which deductible does she want?');
          await shot(page, 'ai-summary');
          const next = await ask('Next action', 'next-action', 'P1 · most urgent');
          assert(((await next.textContent()) ?? '').includes('She asked to talk Thursday'), 'reasons listed');
          await shot(page, 'ai-next-action');
          await ask('Risk', 'risk', 'Opportunity factors');
          await shot(page, 'ai-risk');
          await ask('Cross-sell ideas', 'cross-sell', 'Personal umbrella');
          await shot(page, 'ai-cross-sell');
          await ask('Best time to reach', 'contact-likelihood', 'weekday evenings after 6pm');
          await shot(page, 'ai-contact-likelihood');
          const draft = await ask('Draft message', 'draft', 'Your auto + home bundle quote');
          await draft.getByRole('button', { name: 'Copy draft' }).click();
          await draft.getByRole('button', { name: 'Copied' }).waitFor();
          const copied = String(await page.evaluate('navigator.clipboard.readText()'));
          assert(
            copied.includes('Subject: Your auto + home bundle quote') && copied.includes('deductible options'),
            `copied: ${copied}`,
          );
          await shot(page, 'ai-draft');
          // She never opted in to texts: no SMS draft, and the panel says why.
          await panel.getByRole('group', { name: 'Draft channel' }).getByRole('button', { name: 'SMS' }).click();
          await panel.getByRole('button', { name: 'Draft message', exact: true }).click();
          await panel
            .getByTestId('ai-error')
            .getByText(/opted out of SMS/)
            .waitFor();
          assert(
            fake.requests.length === 6,
            `the refused draft never reached the provider (${fake.requests.length} requests)`,
          );
          // Each answer is stored: the timeline lists the AI entries.
          assert(
            (await page.getByTestId('timeline').locator('[data-kind="ai"]').count()) >= 6,
            'AI interactions on the timeline',
          );
          // Analyze the call: the sentiment lands inline and as a pill on the entry.
          fake.enqueue({ kind: 'answer', content: ANSWERS.sentiment });
          const call = page.getByTestId('timeline').locator('[data-kind="communication"]');
          await call.getByRole('button', { name: /Analyze/ }).click();
          await call.getByTestId('ai-result').getByText('Call Maria Thursday about the deductible').waitFor();
          await call.locator('.pill', { hasText: 'Mixed' }).first().waitFor();
          await call.scrollIntoViewIfNeeded();
          await shot(page, 'ai-sentiment');
          fake.enqueue({ kind: 'answer', content: ANSWERS.triage });
          const ticket = page.getByTestId('timeline').locator('[data-kind="ticket"]');
          await ticket.getByRole('button', { name: /Triage/ }).click();
          await ticket.getByTestId('ai-result').getByText('Suggested reply').waitFor();
          await ticket.getByRole('button', { name: 'Copy reply' }).waitFor();
          await ticket.scrollIntoViewIfNeeded();
          await shot(page, 'ai-triage');
          // A slow model can be stopped: the request is cancelled in the main process, no error shows,
          // and the panel is ready for the next question.
          fake.enqueue({ kind: 'hang' });
          await panel.getByRole('button', { name: 'Risk', exact: true }).click();
          await panel.getByTestId('ai-progress').getByRole('button', { name: 'Cancel' }).click();
          await panel.getByTestId('ai-progress').waitFor({ state: 'detached' });
          assert((await panel.getByTestId('ai-error').count()) === 0, 'a cancel is not an error');
          await ask('Risk', 'risk', 'Opportunity factors');
        });
      } finally {
        await fake.close();
      }
    },
  ),

  test(
    'creating a campaign (after an inline error) and enrolling a lead, then its client, shows on their timelines',
    'browser',
    async (ctx) =>
      withLead(ctx, async (page, host, leadId) => {
        await page.getByRole('link', { name: 'Campaigns' }).click();
        await page.waitForSelector('[data-screen="campaigns"]');
        await page.getByRole('button', { name: 'New campaign' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'New campaign' });
        // Date-time pickers take their value whole: their typed form depends on the browser's locale.
        await dialog.getByLabel('Starts').fill('2026-06-01T09:00');
        await dialog.getByLabel('Ends').fill('2026-05-01T09:00');
        await typeInto(dialog.getByLabel('Name'), 'Spring bundle push');
        await dialog.getByRole('button', { name: 'Create campaign' }).click();
        const ends = dialog.locator('.field', { has: page.locator('[name="ends_at"]') });
        await ends.locator('.field-error').waitFor();
        assert(
          ((await ends.locator('.field-error').textContent()) ?? '').includes('ends before it starts'),
          'the date error is on Ends',
        );
        assert((await dialog.getByLabel('Name').inputValue()) === 'Spring bundle push', 'typed values kept');
        await shot(page, 'campaign-new-inline-error');
        await dialog.getByLabel('Ends').fill('2026-07-01T09:00');
        await dialog.getByRole('button', { name: 'Create campaign' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.locator('.vt-row', { hasText: 'Spring bundle push' }).waitFor();
        await shot(page, 'campaigns-created');

        await page.goto(`${host.url}/#/leads/${leadId}`);
        await page.getByTestId('enroll').click();
        const enroll = page.getByRole('dialog', { name: 'Enroll in a campaign' });
        await enroll.getByRole('button', { name: 'Enroll' }).click();
        await enroll.locator('.field-error').getByText('Choose a campaign').waitFor();
        await enroll.getByLabel('Campaign').selectOption({ label: 'Spring bundle push · Email' });
        await shot(page, 'enroll-dialog');
        await enroll.getByRole('button', { name: 'Enroll' }).click();
        await enroll.waitFor({ state: 'detached' });
        const entry = page
          .getByTestId('timeline')
          .locator('[data-kind="event"]', { hasText: 'Enrolled in a campaign' });
        await entry.getByText('Spring bundle push').waitFor();
        while ((await page.locator('.toast').count()) > 0)
          await page.locator('.toast').first().getByRole('button', { name: 'Dismiss' }).click();
        await shot(page, 'lead-enrolled');
        const campaigns = await host.api('campaigns.list', {});
        assert(campaigns.find((c) => c.name === 'Spring bundle push')?.enrolled === 1, 'one enrollment in the replica');
        // Enrolling twice is refused on the field, and says so.
        await page.getByTestId('enroll').click();
        await enroll.getByLabel('Campaign').selectOption({ label: 'Spring bundle push · Email — already enrolled' });
        await enroll.getByRole('button', { name: 'Enroll' }).click();
        await enroll.locator('.field-error').getByText('already enrolled').waitFor();
        await page.keyboard.press('Escape');

        // Clients are enrolled from their own page (renewal reviews, cross-sell): a subject of its own.
        const { result } = (await host.api('mutate', { name: 'convertLead', args: { lead_id: leadId } })) as {
          result: { client_id: string };
        };
        await page.goto(`${host.url}/#/clients/${result.client_id}`);
        await page.waitForSelector('[data-screen="client"]');
        await page.getByTestId('enroll').click();
        await enroll.getByLabel('Campaign').selectOption({ label: 'Spring bundle push · Email' });
        await enroll.getByRole('button', { name: 'Enroll' }).click();
        await enroll.waitFor({ state: 'detached' });
        await page
          .getByTestId('timeline')
          .locator('[data-kind="event"]', { hasText: 'Enrolled in a campaign' })
          .first()
          .waitFor();
        const after = await host.api('campaigns.list', {});
        assert(
          after.find((c) => c.name === 'Spring bundle push')?.enrolled === 2,
          'the client is enrolled beside the lead',
        );
      }),
  ),
  test(
    'Settings → AI: which identifiers are redacted is chosen per kind and kept with the other settings',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        await host.api('ai.settings.save', {
          local: { name: 'office', kind: 'local', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
          remote: null,
          preferLocal: true,
          dailyTokenBudget: 5000,
        });
        const { page, problems } = await openPage(ctx.browser, host, '#/settings');
        try {
          const form = page.getByRole('form', { name: 'AI assistant' });
          const phone = form.getByRole('checkbox', { name: 'Phone numbers' });
          await phone.waitFor();
          assert(await phone.isChecked(), 'every kind is redacted by default');
          await phone.click();
          await form.getByRole('checkbox', { name: 'Street addresses' }).click();
          await form.getByRole('button', { name: 'Save AI settings' }).click();
          await page.getByText('AI settings saved').waitFor();
          const saved = await host.api('ai.settings.get', {});
          assert(!saved.redact.includes('phone') && !saved.redact.includes('address'), 'the unticked kinds are off');
          assert(
            saved.redact.includes('ssn') && saved.redact.length === 9,
            `the others stay on: ${saved.redact.join()}`,
          );
          assert(saved.dailyTokenBudget === 5000, 'settings the form does not show are kept');
          await page.reload();
          await phone.waitFor();
          assert(!(await phone.isChecked()), 'the choice shows again after a reload');
          assert(await form.getByRole('checkbox', { name: 'Social Security numbers' }).isChecked(), 'SSNs stay ticked');
          await shot(page, 'ai-settings-redaction');
          assertNoProblems(problems);
        } finally {
          await page.context().close();
        }
      } finally {
        await host.close();
      }
    },
  ),
];
