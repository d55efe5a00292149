/** The dashboard's funnel and close rate follow the chosen period (issue #13 defect 7). */
import { describe, expect, it } from 'vitest';
import { call, createLead, mutate, STATUS, useApp } from './support';

const WEEK = 7 * 86_400_000;

describe('dashboard period', () => {
  // A minute ahead, so the mutations below (at the real time) fall inside each window.
  const clock = new Date(Date.now() + 60_000);
  const ctx = useApp({ now: () => clock });
  const weeksAgo = (n: number) => new Date(clock.getTime() - n * WEEK).toISOString();

  it('counts the funnel and the close rate from the leads created in the window', async () => {
    const app = ctx.app;
    const backdate = (id: string, created: number, closed?: number) => {
      app.db.prepare('UPDATE leads SET created_at = ? WHERE id = ?').run(weeksAgo(created), id);
      if (closed !== undefined)
        app.db
          .prepare('UPDATE leads SET lost_at = ?, status_changed_at = ? WHERE id = ?')
          .run(weeksAgo(closed), weeksAgo(closed), id);
    };
    const oldLost = await createLead(app, { last_name: 'OldLost' });
    await mutate(app, 'changeLeadStatus', { lead_id: oldLost.id, status_id: STATUS.lost, reason: 'price' });
    backdate(oldLost.id, 40, 30);
    const oldOpen = await createLead(app, { last_name: 'OldOpen' });
    backdate(oldOpen.id, 20);
    const won = await createLead(app, { last_name: 'Won', quoted_premium: 900 });
    await mutate(app, 'convertLead', { lead_id: won.id });
    backdate(won.id, 2);
    const recentLost = await createLead(app, { last_name: 'RecentLost' });
    await mutate(app, 'changeLeadStatus', { lead_id: recentLost.id, status_id: STATUS.lost, reason: 'no answer' });
    backdate(recentLost.id, 1, 1);

    const byStatus = (f: Array<{ status_id: string; count: number }>) =>
      Object.fromEntries(f.map((r) => [r.status_id, r.count]));
    const four = await call(app, 'dashboard.get', { weeks: 4 });
    expect(byStatus(four.funnel)).toEqual({ [STATUS.converted]: 1, [STATUS.lost]: 1 });
    expect(four.close).toEqual({ won: 1, lost: 1 });

    const year = await call(app, 'dashboard.get', { weeks: 52 });
    expect(byStatus(year.funnel)).toEqual({ [STATUS.converted]: 1, [STATUS.lost]: 2, [STATUS.new]: 1 });
    expect(year.close).toEqual({ won: 1, lost: 2 });

    // Today's pipeline does not depend on the window.
    expect(four.live).toEqual({ open: 1, total: 4 });
    expect(year.live).toEqual(four.live);
  });
});
