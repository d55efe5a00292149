// The learned lead score through the UI: Settings → Learned scores → Retrain now learns from the
// demo agency's closed leads, and an open lead's page shows its chance and "Why this score".
import { assert, assertNoProblems, openPage, shot, startHost } from './harness';
import { test } from './suite';

export const tests = [
  test('retrain the lead score in Settings and read why an open lead scores as it does', 'browser', async (ctx) => {
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
        assert(/Learned from \d+ closed leads\. On leads held out: AUC/.test(said), `retrain said: ${said}`);

        const list = (await host.api('today.list', { scope: 'team', limit: 5 })) as {
          items: Array<{ lead_id: string; reasons: string[] }>;
        };
        const item = list.items[0];
        assert(item !== undefined, 'Today lists an open lead');
        assert(/% likely to win/.test(item.reasons[0] ?? ''), `Today's first reason: ${item.reasons[0]}`);
        await page.goto(`${host.url}/#/leads/${item.lead_id}`);
        const score = page.getByRole('region', { name: 'Likelihood to win' });
        await score.getByText('Why this score').waitFor();
        const pct = (await score.getByTestId('lead-score').textContent()) ?? '';
        assert(/^\d{1,3}%$/.test(pct), `score shown: ${pct}`);
        const factors = await score.locator('.score-factors li').allTextContents();
        assert(factors.length === 3, `three factors, got ${factors.length}`);
        for (const f of factors) assert(/(raises|lowers) the chance$/.test(f.trim()), `factor reads: ${f}`);
        await shot(page, 'lead-score-why');
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),
];
