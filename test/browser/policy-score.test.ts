// The learned likelihood to renew through the UI: Settings → Learned scores → Retrain now also
// learns from the demo agency's renewed and lost policy terms; the Renewals list then shows the
// learned risk, and a live policy's page shows its likelihood to renew and "Why this score".
import AxeBuilder from '@axe-core/playwright';
import { assert, assertNoProblems, openPage, shot, startHost } from './harness';
import { test } from './suite';

export const tests = [
  test(
    'retrain in Settings, then open a policy up for renewal and read its likelihood to renew',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        await host.api('demo.load', {});
        const { page, problems } = await openPage(ctx.browser, host, '#/settings');
        try {
          const card = page.getByRole('region', { name: 'Learned scores' });
          await card.getByRole('button', { name: 'Retrain now' }).click();
          const status = card.getByRole('status');
          await status.waitFor();
          const said = (await status.textContent()) ?? '';
          assert(
            /Learned from \d+ decided policy terms\. On terms held out: AUC/.test(said),
            `retrain said about renewals: ${said}`,
          );

          await page.goto(`${host.url}/#/renewals`);
          const risk = page.getByTestId('renewals').getByTestId('retention-risk').first();
          await risk.waitFor();
          assert((await risk.getAttribute('data-learned')) === 'true', 'the renewal list shows the learned risk');
          const id = await page.getByTestId('renewals').locator('tbody tr').first().getAttribute('data-policy-id');
          assert(id, 'a term is up for renewal');

          await page.goto(`${host.url}/#/policies/${id}`);
          const score = page.getByRole('region', { name: 'Likelihood to renew' });
          await score.getByText('Why this score').waitFor();
          const pct = (await score.getByTestId('policy-score').textContent()) ?? '';
          assert(/^\d{1,3}%$/.test(pct), `score shown: ${pct}`);
          const factors = await score.locator('.score-factors li').allTextContents();
          assert(factors.length === 3, `three factors, got ${factors.length}`);
          for (const f of factors) assert(/(raises|lowers) the chance$/.test(f.trim()), `factor reads: ${f}`);
          // The card is new on the policy page: no serious or critical WCAG A/AA problem in it.
          const axe = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
            .include('section[aria-label="Likelihood to renew"]')
            .analyze();
          const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert(bad.length === 0, `accessibility: ${bad.map((v) => v.id).join(', ')}`);
          await shot(page, 'policy-score-why');
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
