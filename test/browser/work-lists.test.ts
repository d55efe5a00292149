// Issue #13's defects in the pipeline board, Today, the lead and client pages and the dashboard,
// driven as a person does: keyboard and clicks on a fresh replica each.
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from '../../shared/ids';
import { insuranceTypeByCode, statusByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, seedLeads, startHost, type Host } from './harness';
import { test, type TestContext } from './suite';

export async function withApp(
  ctx: TestContext,
  hash: string,
  seed: number,
  body: (page: Page, host: Host, ids: string[]) => Promise<void>,
  setup?: (host: Host) => Promise<void>,
  timezoneId?: string,
) {
  const host = await startHost();
  try {
    const ids = await seedLeads(host, seed);
    await setup?.(host);
    const { page, problems } = await openPage(ctx.browser, host, hash, timezoneId);
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

/** Presses Tab until the focused element matches `selector` (a person tabbing to it). */
export async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`!!document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A second agent in the replica (as sync would bring one), written straight into the file. */
export function addAgent(host: Host, fullName: string): string {
  const id = uuidv7();
  const now = new Date().toISOString();
  const db = new Database(host.dbPath);
  try {
    db.prepare(
      `INSERT INTO users (id, created_at, updated_at, email, full_name, role) VALUES (?, ?, ?, ?, ?, 'agent')`,
    ).run(id, now, now, `${id}@agency.test`, fullName);
  } finally {
    db.close();
  }
  return id;
}

export async function addLead(host: Host, last: string, followUp: Date | null, extra: Record<string, unknown> = {}) {
  const res = (await host.api('mutate', {
    name: 'createLead',
    args: {
      first_name: 'Pat',
      last_name: last,
      insurance_type_id: insuranceTypeByCode('auto').id,
      ...(followUp ? { next_follow_up_at: followUp.toISOString() } : {}),
      ...extra,
    },
  })) as { result: { id: string } };
  return res.result.id;
}

/** The fixed-offset zone where it is now closest to noon, so "later today" and "overdue" both exist. */
function noonZone(): string {
  const offset = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
  // Etc/GMT zones have inverted signs: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

export const tests = [
  test(
    'today: true counts, due-today rows beside a long overdue list, mine by default, owner on rows',
    'browser',
    (ctx) => {
      const hour = 3_600_000;
      const ids = { today: [] as string[], theirs: '' };
      return withApp(
        ctx,
        '#/today',
        0,
        async (page) => {
          const counts = page.getByTestId('today-counts');
          await counts.waitFor();
          assert(
            (await counts.textContent()) === '205 overdue · 3 due today · 2 upcoming',
            `true counts: ${await counts.textContent()}`,
          );
          for (const id of ids.today) await page.locator(`.today-row[data-lead-id="${id}"]`).waitFor();
          assert(
            (await page.locator(`.today-row[data-lead-id="${ids.theirs}"]`).count()) === 0,
            'another agent’s follow-up is not in Mine',
          );
          const mine = page.locator(`.today-row[data-lead-id="${ids.today[0]}"]`).getByTestId('today-owner');
          assert((await mine.textContent())?.includes('Me (this device)'), 'each row names its owner');
          await page.getByRole('group', { name: 'Whose follow-ups' }).getByRole('button', { name: 'Team' }).click();
          await page.getByText('206 overdue · 3 due today · 2 upcoming').waitFor();
          const theirs = page.locator(`.today-row[data-lead-id="${ids.theirs}"]`);
          await theirs.waitFor();
          assert(
            (await theirs.getByTestId('today-owner').textContent())?.includes('Olga Other'),
            'their name is shown',
          );
        },
        async (host) => {
          const now = Date.now();
          for (let i = 0; i < 205; i++) await addLead(host, `Overdue${i}`, new Date(now - (i + 2) * hour));
          for (let i = 0; i < 3; i++)
            ids.today.push(await addLead(host, `Later${i}`, new Date(now + (i + 1) * 10 * 60_000)));
          for (let i = 0; i < 2; i++) await addLead(host, `Next${i}`, new Date(now + (i + 2) * 24 * hour));
          const olga = addAgent(host, 'Olga Other');
          ids.theirs = await addLead(host, 'Theirs', new Date(now - 5 * hour), {
            owner_id: olga,
            priority: 1,
            quoted_premium: 9000,
          });
        },
        noonZone(),
      );
    },
  ),

  test('board: ] moves a focused card twice in a row; focus stays on the moved card', 'browser', async (ctx) =>
    withApp(ctx, '#/leads/board', 3, async (page, host, ids) => {
      const id = ids[0]!;
      await page.locator(`.kcard[data-lead-id="${id}"]`).waitFor();
      await tabTo(page, `.kcard[data-lead-id="${id}"]`);
      await page.keyboard.press(']');
      await page.getByText(/moved to Contacted/).waitFor();
      const focused = () => page.evaluate(`document.activeElement?.getAttribute('data-lead-id') ?? null`);
      assert((await focused()) === id, 'focus stayed on the moved card');
      await page.keyboard.press(']');
      await page.getByText(/moved to Qualified/).waitFor();
      assert((await focused()) === id, 'focus stayed on the card after the second move');
      const qualified = statusByCode('qualified').id;
      await page.locator(`.kcol[data-status-id="${qualified}"] .kcard[data-lead-id="${id}"]`).waitFor();
      assert((await host.api('leads.get', { id })).lead.status_id === qualified, 'two moves landed in the replica');
      await page.keyboard.press('[');
      await page
        .getByText(/moved to Contacted/)
        .last()
        .waitFor();
      assert((await focused()) === id, 'focus stayed on the card after moving back');
    }),
  ),

  test(
    'board: a moved card keeps its place and focus when the column it left answers before the one it went to',
    'browser',
    async (ctx) =>
      withApp(ctx, '#/leads/board', 3, async (page, _host, ids) => {
        const id = ids[0]!;
        const [fresh, contacted] = [statusByCode('new').id, statusByCode('contacted').id];
        const column = (statusId: string) => page.locator(`.kcol[data-status-id="${statusId}"]`);
        const card = column(contacted).locator(`.kcard[data-lead-id="${id}"]`);
        await column(fresh).locator(`.kcard[data-lead-id="${id}"]`).waitFor();
        await column(contacted).getByText('Drag a lead here').waitFor();
        // The order the columns' re-reads come back in is up to the host; this holds the Contacted
        // column's re-read until the New column's re-read and the counts are back (a slow answer).
        const statusOf = (body: string | null) =>
          (JSON.parse(body ?? '{}') as { status_ids?: string[] }).status_ids?.[0];
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let moved = false;
        const rereads = new Set<unknown>();
        const newReread = new Promise<void>((resolve) => {
          page.on('request', (r) => {
            if (r.url().endsWith('/api/mutate')) moved = true;
            else if (moved && r.url().endsWith('/api/leads.list') && statusOf(r.postData()) === fresh) rereads.add(r);
          });
          page.on('requestfinished', (r) => rereads.has(r) && resolve());
        });
        await page.route('**/api/leads.list', async (route) => {
          if (moved && statusOf(route.request().postData()) === contacted) await held;
          await route.continue();
        });
        await tabTo(page, `.kcard[data-lead-id="${id}"]`);
        await page.keyboard.press(']');
        await page.getByText(/moved to Contacted/).waitFor();
        await newReread;
        await column(fresh).locator('.kcol-count').getByText('2', { exact: true }).waitFor();
        await column(contacted).locator('.kcol-count').getByText('1', { exact: true }).waitFor();
        assert(await card.isVisible(), 'the card stays in Contacted while that column has not answered');
        release();
        await card.waitFor();
        const focused = () => page.evaluate(`document.activeElement?.getAttribute('data-lead-id') ?? null`);
        assert((await focused()) === id, 'focus is on the card once Contacted has answered');
        await page.keyboard.press(']');
        await page.getByText(/moved to Qualified/).waitFor();
        assert((await focused()) === id, 'focus stayed on the card for the next move');
      }),
  ),

  test('dashboard: close rate and funnel follow the chosen period', 'browser', (ctx) => {
    const week = 7 * 86_400_000;
    return withApp(
      ctx,
      '#/today',
      0,
      async (page) => {
        await page.getByRole('link', { name: 'Dashboard' }).click();
        const period = page.getByRole('group', { name: 'Period' });
        const rate = page.getByTestId('kpi-close-rate').locator('.kpi-value');
        const funnelWon = page.getByTestId('funnel').locator(`[data-key="${statusByCode('converted').id}"]`);
        const funnelNew = page.getByTestId('funnel').locator(`[data-key="${statusByCode('new').id}"]`);
        await period.getByRole('button', { name: '4 weeks' }).click();
        await page.getByText('1 won · 1 lost of leads from 4 weeks').waitFor();
        assert((await rate.textContent()) === '50%', `4 weeks: ${await rate.textContent()}`);
        assert((await funnelNew.getAttribute('data-value')) === '0', 'the old open lead is outside 4 weeks');
        assert((await funnelWon.getAttribute('data-value')) === '1', 'the won lead is in the 4-week funnel');
        await period.getByRole('button', { name: '52 weeks' }).click();
        await page.getByText('1 won · 2 lost of leads from 52 weeks').waitFor();
        assert((await rate.textContent()) === '33%', `52 weeks: ${await rate.textContent()}`);
        assert((await funnelNew.getAttribute('data-value')) === '1', 'the 20-week-old open lead is in 52 weeks');
      },
      async (host) => {
        const oldLost = await addLead(host, 'OldLost', null);
        await host.api('mutate', {
          name: 'changeLeadStatus',
          args: { lead_id: oldLost, status_id: statusByCode('lost').id, reason: 'price' },
        });
        const oldOpen = await addLead(host, 'OldOpen', null);
        const won = await addLead(host, 'Won', null, { quoted_premium: 1200 });
        await host.api('mutate', { name: 'convertLead', args: { lead_id: won } });
        const lost = await addLead(host, 'Lost', null);
        await host.api('mutate', {
          name: 'changeLeadStatus',
          args: { lead_id: lost, status_id: statusByCode('lost').id, reason: 'no answer' },
        });
        // Back-date two leads, as if they came in months ago (what a long-lived replica holds).
        const ago = (n: number) => new Date(Date.now() - n * week).toISOString();
        const db = new Database(host.dbPath);
        try {
          db.prepare('UPDATE leads SET created_at = ?, lost_at = ?, status_changed_at = ? WHERE id = ?').run(
            ago(40),
            ago(30),
            ago(30),
            oldLost,
          );
          db.prepare('UPDATE leads SET created_at = ? WHERE id = ?').run(ago(20), oldOpen);
        } finally {
          db.close();
        }
      },
    );
  }),

  test(
    'overdue: follow-ups past due are flagged in words and colour in the Leads table and on the board',
    'browser',
    (ctx) => {
      const ids = { late: '', soon: '' };
      return withApp(
        ctx,
        '#/leads',
        0,
        async (page) => {
          const danger = 'rgb(217, 45, 32)';
          const check = async (where: string, lateBox: Locator, soonBox: Locator) => {
            const flag = lateBox.locator('[data-overdue="true"]');
            await flag.waitFor();
            const text = (await flag.textContent()) ?? '';
            assert(/Overdue/.test(text) && /7 years ago/.test(text), `${where}: the overdue date says so: ${text}`);
            const color = await flag.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).color);
            assert(color === danger, `${where}: overdue is coloured (${String(color)})`);
            assert((await soonBox.locator('[data-overdue]').count()) === 0, `${where}: a future date is not flagged`);
            assert(/in 2 days/.test((await soonBox.textContent()) ?? ''), `${where}: the future date reads plainly`);
          };
          await check(
            'table',
            page.locator('.vt-row', { hasText: 'Pat Late' }),
            page.locator('.vt-row', { hasText: 'Pat Soon' }),
          );
          await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Board' }).click();
          await check(
            'board',
            page.locator(`.kcard[data-lead-id="${ids.late}"]`),
            page.locator(`.kcard[data-lead-id="${ids.soon}"]`),
          );
        },
        async (host) => {
          ids.late = await addLead(host, 'Late', new Date(Date.now() - 7 * 365 * 86_400_000));
          ids.soon = await addLead(host, 'Soon', new Date(Date.now() + 2 * 86_400_000));
        },
      );
    },
  ),
];
