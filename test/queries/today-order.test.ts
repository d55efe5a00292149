/**
 * Today's list and counts equal a plain recomputation from the rows (every open follow-up read,
 * counted and scored with localPriority, every overdue one weighed), for one owner and for the
 * team, after random changes of every kind and after a rebuild of the derived state, also with a
 * backlog many pages long whose most pressing rows are the newest; rollup_follow_ups (migration
 * 0022) equals a recount from scratch, and today_ranks (0025) holds exactly the open follow-ups.
 * With made-up learned chances, asked for or stored in today_ranks (0028) for some rows, the same.
 */
import { describe, expect, it } from 'vitest';
import { localPriority } from '../../shared/ai/local-priority';
import { Rng } from '../../shared/synthetic/prng';
import { today, type LearnedChances } from '../../db/queries/today';
import { reference } from './today-reference';
import { overdueInReach } from '../../db/queries/today-rank';
import { rebuildDerived, suspendDerived } from '../../db/sqlite/derived';
import type { FieldlineApp } from '../../electron/main/app';
import { addUser, createLead, mutate, STATUS, useApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A made-up learned chance per lead (from its id), as electron/main/score would give one. */
const chanceOf = (id: string) => {
  const probability = (parseInt(id.slice(-4), 16) % 101) / 100;
  return { probability, factors: probability > 0.5 ? [{ text: 'Quoted Recently' }] : [] };
};
let asked = 0;
/** Leads whose status is closed (won or lost): like the model, the fake gives them no chance. */
let closedIds = (_ids: readonly string[]) => new Set<string>();
const ask: LearnedChances['ask'] = (ids) => {
  asked += ids.length;
  const closed = closedIds(ids);
  return new Map(ids.filter((id) => !closed.has(id)).map((id) => [id, chanceOf(id)]));
};
/** The fake's one factor has code 7 (a stored chance_factor, migration 0029); 0 is none. */
const factor = (code: number) => (code === 7 ? 'Quoted Recently' : null);
const learned: LearnedChances = { ask, stored: false, factor };
/**
 * As if today_ranks held the chances (migration 0028; lead-chances.ts writes them): where not NULL,
 * chanceOf's, with its factor's code (0029) for a share `withFactor` of them and NULL for the rest
 * (a chance stored before 0029), whose reasons Today must then ask for.
 */
const storedLearned: LearnedChances = { ask, stored: true, factor };
const storeChances = (app: FieldlineApp, share: number, rng: Rng, withFactor = 0.7) => {
  const set = app.db.prepare('UPDATE today_ranks SET chance = ?, chance_factor = ? WHERE lead_id = ?');
  const ids = app.db.prepare('SELECT lead_id FROM today_ranks').pluck().all() as string[];
  app.db.transaction(() => {
    for (const id of ids) {
      const chance = chanceOf(id);
      const code = rng.chance(withFactor) ? (chance.factors.length > 0 ? 7 : 0) : null;
      set.run(rng.chance(share) ? Math.round(chance.probability * 100) : null, code, id);
    }
  })();
};

const stored = (app: FieldlineApp) =>
  app.db.prepare(`SELECT owner_id, day, n FROM rollup_follow_ups WHERE n <> 0 ORDER BY 1, 2`).all();
const recounted = (app: FieldlineApp) =>
  app.db
    .prepare(
      `SELECT owner_id, substr(next_follow_up_at, 1, 10) AS day, count(*) AS n FROM leads
       WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL AND is_converted = 0 GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();

/** today_ranks (migration 0025) holds exactly the open follow-ups, with their scored facts. */
const FACTS = `owner_id, status_id, next_follow_up_at, quoted_premium, priority, ai_follow_up_priority,
  last_contacted_at, created_at`;
const ranked = (app: FieldlineApp) =>
  app.db.prepare(`SELECT lead_id, ${FACTS} FROM today_ranks ORDER BY lead_id`).all();
const open = (app: FieldlineApp) =>
  app.db
    .prepare(
      `SELECT id AS lead_id, ${FACTS} FROM leads
       WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL AND is_converted = 0 ORDER BY id`,
    )
    .all();

describe('today, against a recomputation from the rows', () => {
  const clock = new Date();
  clock.setHours(15, 30, 0, 0);
  const ctx = useApp({ now: () => clock });

  it('lists and counts the same for one owner and the team, through random changes and a rebuild', async () => {
    const app = ctx.app;
    const rng = new Rng(2116, 21);
    closedIds = (ids) =>
      new Set(
        app.db
          .prepare(
            `SELECT l.id FROM leads l JOIN lead_statuses s ON s.id = l.status_id
             WHERE s.category IN ('won', 'lost') AND l.id IN (SELECT value FROM json_each(?))`,
          )
          .pluck()
          .all(JSON.stringify(ids)) as string[],
      );
    const now = clock.getTime();
    const me = app.actor().userId;
    const owners = [me, addUser(app, 'Ana Agent'), addUser(app, 'Bo Broker')];
    const statuses = [STATUS.new, STATUS.contacted, STATUS.qualified, STATUS.quoted, STATUS.lost];
    const pick = <T>(a: readonly T[]) => a[rng.int(0, a.length - 1)]!;
    // Times on both sides of every threshold the score and the counts have, and equal ones (ties).
    const near = [-11 * DAY, -10 * DAY - HOUR, -2 * DAY, -20 * HOUR - 1, -HOUR, -1, 0, 1, 2 * HOUR, 8 * HOUR];
    const at = () =>
      rng.chance(0.3)
        ? new Date(now + pick(near)).toISOString()
        : new Date(now + rng.int(-60, 30) * DAY + rng.int(0, DAY)).toISOString();
    const synced = (sql: string, ...params: unknown[]) => app.db.prepare(sql).run(...params);
    const attempt = async (op: () => Promise<unknown>) => {
      try {
        await op();
      } catch {
        // A mutation refused by its own rules (a converted lead) changes nothing.
      }
    };
    const check = (label: string) => {
      expect(stored(app), `${label}: rollup_follow_ups`).toEqual(recounted(app));
      const endOfDay = new Date(clock);
      endOfDay.setHours(23, 59, 59, 999);
      const cases: Array<{ owner: string | null; limit: number; until?: string }> = [
        { owner: me, limit: 100 },
        { owner: me, limit: 7 },
        { owner: owners[1]!, limit: 25 },
        { owner: null, limit: 100 },
        { owner: null, limit: 12, until: new Date(now + 3 * DAY).toISOString() },
        { owner: me, limit: 30, until: new Date(now - 2 * HOUR).toISOString() },
        // Pages short enough that the backlog is ranked through today_ranks, not read whole.
        { owner: me, limit: 2 },
        { owner: null, limit: 3, until: new Date(now - 2 * HOUR).toISOString() },
      ];
      for (const c of cases) {
        const q = c.owner === null ? { scope: 'team' as const } : { scope: 'mine' as const, owner_id: c.owner };
        const got = today(app.db, { ...q, limit: c.limit, until: c.until }, clock, me);
        const want = reference(app.db, c.owner, c.limit, clock, c.until ?? endOfDay.toISOString());
        expect(got, `${label}: ${JSON.stringify(c)}`).toEqual(want);
      }
      // With a learned model, half of each score is the lead's chance of winning.
      const blended = today(app.db, { scope: 'mine', limit: 20 }, clock, me, learned);
      expect(blended, `${label}: learned`).toEqual(reference(app.db, me, 20, clock, endOfDay.toISOString(), chanceOf));
      expect(blended.items.some((i) => i.reasons[0]!.includes('likely to win'))).toBe(blended.items.length > 0);
      const short = today(app.db, { scope: 'team', limit: 4, until: clock.toISOString() }, clock, me, learned);
      expect(short, `${label}: learned, short`).toEqual(
        reference(app.db, null, 4, clock, clock.toISOString(), chanceOf),
      );
      // The chances stored in today_ranks for most rows, the rest not known (NULL, as when stale): the same pages.
      storeChances(app, 0.7, rng);
      for (const c of [
        { owner: me, limit: 20 },
        { owner: me, limit: 2 },
        { owner: null, limit: 3, until: clock.toISOString() },
        { owner: owners[2]!, limit: 100 },
      ]) {
        const q = c.owner === null ? { scope: 'team' as const } : { scope: 'mine' as const, owner_id: c.owner };
        const got = today(app.db, { ...q, limit: c.limit, until: c.until }, clock, me, storedLearned);
        const want = reference(app.db, c.owner, c.limit, clock, c.until ?? endOfDay.toISOString(), chanceOf);
        expect(got, `${label}: stored chances ${JSON.stringify(c)}`).toEqual(want);
      }
      expect(ranked(app), `${label}: today_ranks`).toEqual(open(app));
    };

    const leads: string[] = [];
    for (let i = 0; i < 60; i++) {
      const lead = await createLead(app, {
        last_name: `Follow${i}`,
        quoted_premium: rng.chance(0.7) ? pick([400, 999.5, 1000, 2600, 5000, 8000]) : undefined,
        priority: rng.int(1, 5),
      });
      leads.push(lead.id);
      synced(
        `UPDATE leads SET owner_id = ?, status_id = ?, next_follow_up_at = ?, last_contacted_at = ?, created_at = ?,
           ai_follow_up_priority = ? WHERE id = ?`,
        pick(owners),
        pick(statuses),
        rng.chance(0.9) ? at() : null,
        rng.chance(0.5) ? at() : null,
        new Date(now - rng.int(0, 3 * DAY)).toISOString(),
        rng.chance(0.5) ? rng.int(1, 5) : null,
        lead.id,
      );
    }
    check('seeded');

    for (let step = 0; step < 120; step++) {
      const lead = pick(leads);
      switch (rng.int(0, 7)) {
        case 0:
          await attempt(() => mutate(app, 'scheduleFollowUp', { lead_id: lead, at: at(), note: `step ${step}` }));
          break;
        case 1:
          await attempt(() => mutate(app, 'completeFollowUp', { lead_id: lead, outcome: 'reached' }));
          break;
        case 2:
          await attempt(() => mutate(app, 'softDelete', { table: 'leads', id: lead }));
          break;
        case 3:
          await attempt(() => mutate(app, 'restore', { table: 'leads', id: lead }));
          break;
        case 4:
          if (rng.chance(0.3)) await attempt(() => mutate(app, 'convertLead', { lead_id: lead }));
          break;
        case 5:
          // Synced edits: another owner, another follow-up time within the same day or not.
          synced('UPDATE leads SET owner_id = ? WHERE id = ?', pick(owners), lead);
          synced('UPDATE leads SET next_follow_up_at = ? WHERE id = ?', rng.chance(0.8) ? at() : null, lead);
          break;
        case 6:
          synced('UPDATE leads SET next_follow_up_at = ? WHERE id = ? AND next_follow_up_at IS NOT NULL', at(), lead);
          break;
        case 7: {
          // A row removed outright (sync's delete of a row that has no children).
          const gone = await createLead(app, { last_name: `Gone${step}` });
          await mutate(app, 'scheduleFollowUp', { lead_id: gone.id, at: at() });
          synced('DELETE FROM timeline_events WHERE lead_id = ?', gone.id);
          synced('DELETE FROM record_changes WHERE lead_id = ?', gone.id);
          synced('DELETE FROM leads WHERE id = ?', gone.id);
          break;
        }
      }
      if (step % 40 === 39) check(`step ${step}`);
    }

    // A backlog of many pages, older than 11 days, and three more pressing follow-ups newer than all
    // of it (a higher stage, premium, manual and AI priority): reading the oldest 2,000 (as Today
    // once did) misses them, scoring every overdue one puts them first.
    const insert = app.db.prepare(
      `INSERT INTO leads (id, owner_id, status_id, insurance_type_id, last_name, priority, quoted_premium,
         next_follow_up_at, last_contacted_at, created_at, updated_at)
       SELECT ?, ?, ?, insurance_type_id, ?, ?, ?, ?, ?, ?, ? FROM leads WHERE id = ?`,
    );
    const BACKLOG = 2150;
    const pressing = [0, 1, 2].map((i) => `0196a874-0000-7000-9000-${String(i).padStart(12, '0')}`);
    app.db.transaction(() => {
      for (let i = 0; i < BACKLOG; i++) {
        const id = `0196a874-0000-7000-8000-${String(i).padStart(12, '0')}`;
        const stamp = new Date(now - rng.int(1, 90) * DAY).toISOString();
        insert.run(
          id,
          me,
          pick(statuses),
          `Backlog${i}`,
          rng.int(1, 5),
          rng.chance(0.5) ? rng.int(100, 9000) : null,
          // Many share a time, so the order of equal times counts too.
          i % 3 === 0
            ? new Date(now - 30 * DAY).toISOString()
            : new Date(now - 12 * DAY - rng.int(1, 400) * HOUR).toISOString(),
          rng.chance(0.5) ? stamp : null,
          stamp,
          stamp,
          leads[0],
        );
      }
      for (const [i, id] of pressing.entries()) {
        const stamp = new Date(now - 60 * DAY).toISOString();
        insert.run(
          id,
          me,
          STATUS.quoted,
          `Pressing${i}`,
          1,
          8000,
          new Date(now - 11 * DAY - i * HOUR).toISOString(),
          stamp,
          stamp,
          stamp,
          leads[0],
        );
        synced('UPDATE leads SET ai_follow_up_priority = 1 WHERE id = ?', id);
      }
    })();
    const top = today(app.db, { scope: 'mine', limit: 7 }, clock, me).items.filter((i) => i.overdue);
    expect(top.slice(0, 3).map((i) => i.lead_id)).toEqual([...pressing].reverse());
    // Only the rows whose bound could still make the page are scored, not the backlog.
    let weighed = 0;
    const statusRows = app.db.prepare('SELECT id, code, category FROM lead_statuses').all() as Array<{
      id: string;
      code: string;
      category: 'open' | 'won' | 'lost';
    }>;
    const found = overdueInReach(app.db, {
      owner: me,
      nowIso: clock.toISOString(),
      need: 7,
      statuses: new Map(statusRows.map((r) => [r.id, r])),
      score: (rows) => {
        weighed += rows.length;
        return rows.map(([id, statusId, due, premium, priority, ai, lastContacted, created]) => {
          const status = statusRows.find((r) => r.id === statusId);
          const input = {
            statusCode: status?.code ?? null,
            statusCategory: status?.category ?? null,
            quotedPremium: premium,
            nextFollowUpAt: due,
            lastContactedAt: lastContacted,
            createdAt: created,
            manualPriority: priority,
            aiPriority: ai,
          };
          return { id, score: localPriority(input, clock).score };
        });
      },
      bound: { column: 'base', top: 100, band: 6, reach: (b) => b },
    });
    expect(found.map((f) => f.id)).toEqual(expect.arrayContaining(pressing));
    expect(weighed).toBeLessThan(BACKLOG / 4);
    // With every chance stored with its factor, the model is not asked at all (the reasons name the
    // stored factor); stored without factors, for the page's rows only; counted as 100%, for a few
    // hundred of the backlog.
    storeChances(app, 1, rng, 1);
    asked = 0;
    const page = today(app.db, { scope: 'mine', limit: 7, until: clock.toISOString() }, clock, me, storedLearned);
    expect(page).toEqual(reference(app.db, me, 7, clock, clock.toISOString(), chanceOf));
    expect(page.items.some((i) => i.reasons[0]?.includes('(quoted recently)'))).toBe(true);
    expect(asked).toBe(0);
    storeChances(app, 1, rng, 0);
    asked = 0;
    expect(today(app.db, { scope: 'mine', limit: 7, until: clock.toISOString() }, clock, me, storedLearned)).toEqual(
      page,
    );
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(7);
    asked = 0;
    today(app.db, { scope: 'mine', limit: 7, until: clock.toISOString() }, clock, me, learned);
    expect(asked).toBeGreaterThan(50);
    check('backlog');

    // A first sync (or bulk load) sets the triggers aside and rebuilds the derived state from the rows.
    suspendDerived(app.db);
    synced('UPDATE leads SET next_follow_up_at = ? WHERE id = ?', at(), leads[1]);
    synced('UPDATE leads SET deleted_at = ? WHERE id = ?', new Date(now).toISOString(), leads[2]);
    await rebuildDerived(app.db, async () => {});
    check('rebuilt');
  });
});
