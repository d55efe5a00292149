/**
 * Today's counts (today-counts.ts) equal a plain count of the open follow-ups at instants all
 * through a day, so both ways of counting the day holding `now` or `until` are taken (from its
 * start before noon, back from its end after): at midnight, just before and after noon, the last
 * millisecond of a day and on follow-ups at exactly those instants, for one owner and the team.
 */
import { describe, expect, it } from 'vitest';
import { todayCounts } from '../../db/queries/today-counts';
import { Rng } from '../../shared/synthetic/prng';
import { addUser, createLead, useApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('today counts', () => {
  const ctx = useApp();

  it('equal a recount at any instant of the day, whichever part of it is counted from the rows', async () => {
    const app = ctx.app;
    const rng = new Rng(3016, 7);
    const me = app.actor().userId;
    const other = addUser(app, 'Ana Agent');
    const day = Date.parse('2026-06-01T00:00:00.000Z');
    // Instants the counts cut at, and follow-ups on them, a millisecond either side and elsewhere.
    const cuts = [0, 1, 11 * HOUR + 59 * 60_000, 12 * HOUR - 1, 12 * HOUR, 12 * HOUR + 1, 18 * HOUR, DAY - 1, DAY];
    const times = [
      ...cuts.flatMap((c) => [c - 1, c, c + 1]),
      ...Array.from({ length: 60 }, () => rng.int(-3 * DAY, 4 * DAY)),
    ];
    for (const t of times) {
      const lead = await createLead(app, {});
      app.db
        .prepare('UPDATE leads SET next_follow_up_at = ?, owner_id = ? WHERE id = ?')
        .run(new Date(day + t).toISOString(), rng.chance(0.7) ? me : other, lead.id);
    }
    const recount = (owner: string | null, now: string, until: string) => {
      const count = (cond: string, ...args: string[]) =>
        app.db
          .prepare(
            `SELECT count(*) FROM leads WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL AND is_converted = 0
             ${owner ? 'AND owner_id = ?' : ''} AND ${cond}`,
          )
          .pluck()
          .get(...(owner ? [owner] : []), ...args) as number;
      return {
        overdue: count('next_follow_up_at < ?', now),
        due_today: count('next_follow_up_at >= ? AND next_follow_up_at <= ?', now, until),
        upcoming: count('next_follow_up_at > ?', until),
      };
    };
    let checked = 0;
    for (const owner of [me, other, null])
      for (const n of cuts)
        for (const u of [n, n + 1, 12 * HOUR, DAY - 1, DAY + 13 * HOUR, 2 * DAY + 2 * HOUR]) {
          if (u < n) continue;
          const now = new Date(day + n).toISOString();
          const until = new Date(day + u).toISOString();
          expect(todayCounts(app.db, owner, now, until), `${owner} ${now} ${until}`).toEqual(
            recount(owner, now, until),
          );
          checked++;
        }
    expect(checked).toBeGreaterThan(100);
  });
});
