/**
 * The dashboard's roll-up tables (migrations 0017 and 0021) equal a recomputation from scratch after random
 * mutations, synced row changes, conversions, merges, deletes and a rebuild of the derived state;
 * and the dashboard read from them equals the one computed from the rows for random windows
 * (whose first and last days are partial).
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { weekOf } from '../../db/queries/dashboard';
import { rebuildDerived, suspendDerived } from '../../db/sqlite/derived';
import type { FieldlineApp } from '../../electron/main/app';
import { Rng } from '../../shared/synthetic/prng';
import { addUser, call, createLead, INS, mutate, STATUS, useApp } from './support';

const DAY = 86_400_000;

type Row = Record<string, string | number | null>;
const rows = (app: FieldlineApp, sql: string, ...params: unknown[]) => app.db.prepare(sql).all(...params) as Row[];

/** A sales roll-up as it should be: each conversion and each won opportunity under its owner and its type. */
function recomputedSales(app: FieldlineApp, period: (column: string) => string) {
  return rows(
    app,
    `WITH sales(period, owner_id, type_id, converted, won, premium_cents) AS (
       SELECT ${period('conversion_date')}, owner_id, insurance_type_id, 1, 0, 0 FROM leads
       WHERE deleted_at IS NULL AND conversion_date IS NOT NULL
       UNION ALL
       SELECT ${period('closed_at')}, owner_id, coalesce(insurance_type_id, ''), 0, 1, CAST(round(coalesce(amount, 0) * 100) AS INTEGER)
       FROM opportunities WHERE deleted_at IS NULL AND stage = 'won' AND closed_at IS NOT NULL)
     SELECT period, dim, id, converted, won, premium_cents FROM (
       SELECT period, 'owner' AS dim, owner_id AS id, sum(converted) AS converted, sum(won) AS won, sum(premium_cents) AS premium_cents
       FROM sales GROUP BY 1, 3
       UNION ALL
       SELECT period, 'type', type_id, sum(converted), sum(won), sum(premium_cents) FROM sales GROUP BY 1, 3)
     ORDER BY 1, 2, 3`,
  );
}

/** Each roll-up as it should be, from the rows. */
function recomputed(app: FieldlineApp) {
  return {
    cells: rows(
      app,
      `SELECT status_id, insurance_type_id, owner_id, count(*) AS n FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    created: rows(
      app,
      `SELECT substr(created_at, 1, 10) AS day, status_id, count(*) AS n FROM leads WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    salesWeeks: recomputedSales(app, (c) => `strftime('%Y-W%W', ${c})`),
    salesDays: recomputedSales(app, (c) => `substr(${c}, 1, 10)`),
  };
}

function storedSales(app: FieldlineApp, table: string, period: string) {
  return rows(
    app,
    `SELECT ${period} AS period, dim, id, converted, won, premium_cents FROM ${table}
     WHERE converted <> 0 OR won <> 0 OR premium_cents <> 0 ORDER BY 1, 2, 3`,
  );
}

function stored(app: FieldlineApp) {
  return {
    cells: rows(
      app,
      `SELECT status_id, insurance_type_id, owner_id, n FROM rollup_lead_cells WHERE n <> 0 ORDER BY 1, 2, 3`,
    ),
    created: rows(app, `SELECT day, status_id, n FROM rollup_lead_created WHERE n <> 0 ORDER BY 1, 2`),
    salesWeeks: storedSales(app, 'rollup_sales_weeks', 'week'),
    salesDays: storedSales(app, 'rollup_sales_days', 'day'),
  };
}

/** The window's figures straight from the rows, as the dashboard computed them before the roll-ups. */
function fromRows(app: FieldlineApp, from: string, to: string) {
  const funnel = rows(
    app,
    `SELECT status_id, count(*) AS count FROM leads WHERE deleted_at IS NULL AND created_at >= ? AND created_at <= ?
     GROUP BY status_id ORDER BY status_id`,
    from,
    to,
  );
  const conversions = rows(
    app,
    `SELECT strftime('%Y-W%W', conversion_date) AS week, count(*) AS count FROM leads
     WHERE deleted_at IS NULL AND conversion_date >= ? AND conversion_date <= ? GROUP BY week ORDER BY week`,
    from,
    to,
  );
  const premium = rows(
    app,
    `SELECT strftime('%Y-W%W', closed_at) AS week, sum(amount) AS premium FROM opportunities
     WHERE deleted_at IS NULL AND stage = 'won' AND closed_at >= ? AND closed_at <= ? GROUP BY week ORDER BY week`,
    from,
    to,
  );
  const byAgent = rows(
    app,
    `SELECT owner_id, sum(converted) AS converted, sum(cents) AS cents FROM (
       SELECT owner_id, 1 AS converted, 0 AS cents FROM leads
       WHERE deleted_at IS NULL AND conversion_date >= ? AND conversion_date <= ?
       UNION ALL
       SELECT owner_id, 0, CAST(round(coalesce(amount, 0) * 100) AS INTEGER) FROM opportunities
       WHERE deleted_at IS NULL AND stage = 'won' AND closed_at >= ? AND closed_at <= ?)
     GROUP BY owner_id`,
    from,
    to,
    from,
    to,
  );
  const byType = rows(
    app,
    `SELECT type_id, sum(converted) AS converted, sum(cents) AS cents FROM (
       SELECT insurance_type_id AS type_id, 1 AS converted, 0 AS cents FROM leads
       WHERE deleted_at IS NULL AND conversion_date >= ? AND conversion_date <= ?
       UNION ALL
       SELECT insurance_type_id, 0, CAST(round(coalesce(amount, 0) * 100) AS INTEGER) FROM opportunities
       WHERE deleted_at IS NULL AND stage = 'won' AND closed_at >= ? AND closed_at <= ? AND insurance_type_id IS NOT NULL)
     GROUP BY type_id`,
    from,
    to,
    from,
    to,
  );
  return { funnel, conversions, premium, byAgent, byType };
}

async function checkDashboard(app: FieldlineApp, rng: Rng, now: number) {
  for (let i = 0; i < 40; i++) {
    const from = new Date(now - rng.int(0, 140) * DAY - rng.int(0, DAY)).toISOString();
    const to = new Date(Date.parse(from) + rng.int(0, 120) * DAY + rng.int(0, DAY)).toISOString();
    const d = await call(app, 'dashboard.get', { from, to });
    const ref = fromRows(app, from, to);
    expect(d.funnel, `funnel ${from}..${to}`).toEqual(ref.funnel);
    expect(
      d.conversions_by_week.filter((w) => w.count > 0).map((w) => ({ week: w.week, count: w.count })),
      `conversions ${from}..${to}`,
    ).toEqual(ref.conversions);
    const premiumByWeek = Object.fromEntries(ref.premium.map((p) => [p.week, p.premium]));
    for (const w of d.conversions_by_week)
      expect(w.premium).toBeCloseTo(Number(premiumByWeek[w.week as string] ?? 0), 2);
    expect(d.conversions).toBe(ref.conversions.reduce((s, c) => s + Number(c.count), 0));
    const agents = new Map(ref.byAgent.map((a) => [a.owner_id, a]));
    for (const a of d.by_agent) {
      expect(a.converted, `${a.owner_id} converted ${from}..${to}`).toBe(
        Number(agents.get(a.owner_id)?.converted ?? 0),
      );
      expect(a.premium, `${a.owner_id} premium ${from}..${to}`).toBeCloseTo(
        Number(agents.get(a.owner_id)?.cents ?? 0) / 100,
        2,
      );
    }
    const types = new Map(ref.byType.map((t) => [t.type_id, t]));
    for (const t of d.by_insurance_type) {
      expect(t.converted, `${t.insurance_type_id} converted ${from}..${to}`).toBe(
        Number(types.get(t.insurance_type_id)?.converted ?? 0),
      );
      expect(t.premium, `${t.insurance_type_id} premium ${from}..${to}`).toBeCloseTo(
        Number(types.get(t.insurance_type_id)?.cents ?? 0) / 100,
        2,
      );
    }
  }
}

describe('dashboard weeks', () => {
  it("name each day's week as SQLite's strftime('%Y-W%W') does, with the week's first and last days", () => {
    const db = new Database(':memory:');
    const days = db
      .prepare(
        `WITH RECURSIVE d(day) AS (SELECT '2019-12-20' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '2031-01-10')
         SELECT day, strftime('%Y-W%W', day) AS week FROM d`,
      )
      .all() as Array<{ day: string; week: string }>;
    const firstOf = new Map<string, string>();
    const lastOf = new Map<string, string>();
    for (const { day, week } of days) {
      if (!firstOf.has(week)) firstOf.set(week, day);
      lastOf.set(week, day);
    }
    for (const { day, week } of days.slice(20, -20))
      expect(weekOf(day), day).toEqual({ week, first: firstOf.get(week), last: lastOf.get(week) });
    db.close();
  });
});

describe('dashboard roll-ups', () => {
  const clock = new Date(Date.now() + 60_000);
  const ctx = useApp({ now: () => clock });

  it('equal a recomputation from scratch after random changes of every kind', async () => {
    const app = ctx.app;
    const rng = new Rng(1606, 16);
    const now = clock.getTime();
    const users = [addUser(app, 'Ana Agent'), addUser(app, 'Bo Broker')];
    const types = Object.values(INS);
    const leads: string[] = [];
    const opportunities: string[] = [];
    const pick = <T>(a: T[]) => a[rng.int(0, a.length - 1)]!;
    const at = () => new Date(now - rng.int(0, 150) * DAY - rng.int(0, DAY)).toISOString();
    // A change that sync brings in: the row written as it is on the server, triggers and all.
    const synced = (sql: string, ...params: unknown[]) => app.db.prepare(sql).run(...params);
    const attempt = async (op: () => Promise<unknown>) => {
      try {
        await op();
      } catch {
        // A mutation refused by its own rules (a converted lead, a closed opportunity) changes nothing.
      }
    };

    for (let i = 0; i < 120; i++) {
      const lead = await createLead(app, {
        last_name: `Roll${i}`,
        insurance_type_id: pick(types),
        quoted_premium: rng.int(300, 3000),
      });
      leads.push(lead.id);
      synced('UPDATE leads SET created_at = ? WHERE id = ?', at(), lead.id);
    }
    for (let step = 0; step < 400; step++) {
      const lead = pick(leads);
      // Conversions and wins come up more often (10 to 13), so most weeks of a window have some.
      switch (rng.int(0, 13)) {
        case 0:
          await attempt(() =>
            mutate(app, 'changeLeadStatus', {
              lead_id: lead,
              status_id: pick([STATUS.contacted, STATUS.qualified, STATUS.quoted]),
            }),
          );
          break;
        case 1:
          await attempt(() =>
            mutate(app, 'changeLeadStatus', { lead_id: lead, status_id: STATUS.lost, reason: 'price' }),
          );
          break;
        case 2:
        case 10:
        case 11:
          await attempt(() => mutate(app, 'convertLead', { lead_id: lead, premium: rng.int(400, 2500) }));
          synced('UPDATE leads SET conversion_date = ? WHERE id = ? AND conversion_date IS NOT NULL', at(), lead);
          break;
        case 3:
          await attempt(() => mutate(app, 'softDelete', { table: 'leads', id: lead }));
          break;
        case 4:
          await attempt(() => mutate(app, 'restore', { table: 'leads', id: lead }));
          break;
        case 5: {
          const other = pick(leads);
          if (other !== lead) await attempt(() => mutate(app, 'mergeLeads', { survivor_id: lead, merged_id: other }));
          break;
        }
        case 6: {
          const opp = await mutate<{ id: string }>(app, 'createOpportunity', {
            lead_id: lead,
            name: `Opp ${step}`,
            insurance_type_id: rng.chance(0.8) ? pick(types) : undefined,
            amount: rng.int(100, 5000) + rng.int(0, 99) / 100,
          }).catch(() => null);
          if (opp) opportunities.push(opp.id);
          break;
        }
        case 7:
        case 12:
        case 13:
          if (opportunities.length) {
            const id = pick(opportunities);
            await attempt(() =>
              mutate(app, 'closeOpportunity', { id, outcome: rng.chance(0.6) ? 'won' : 'lost', reason: 'r' }),
            );
            synced('UPDATE opportunities SET closed_at = ? WHERE id = ? AND closed_at IS NOT NULL', at(), id);
          }
          break;
        case 8:
          // Synced edits: another owner, another creation time, another amount, a deletion elsewhere.
          synced('UPDATE leads SET owner_id = ?, created_at = ? WHERE id = ?', pick(users), at(), lead);
          if (opportunities.length)
            synced(
              'UPDATE opportunities SET amount = ?, owner_id = ? WHERE id = ?',
              rng.int(0, 900_000) / 100,
              pick(users),
              pick(opportunities),
            );
          break;
        case 9:
          if (opportunities.length && rng.chance(0.5))
            synced(
              'UPDATE opportunities SET deleted_at = ? WHERE id = ?',
              rng.chance(0.5) ? at() : null,
              pick(opportunities),
            );
          else {
            // A row removed outright (sync's delete of a row that has no children).
            const fresh = await createLead(app, { last_name: `Gone${step}` });
            synced('DELETE FROM timeline_events WHERE lead_id = ?', fresh.id);
            synced('DELETE FROM record_changes WHERE lead_id = ?', fresh.id);
            synced('DELETE FROM leads WHERE id = ?', fresh.id);
          }
          break;
      }
    }
    expect(stored(app)).toEqual(recomputed(app));
    expect(
      stored(app).salesDays.filter((d) => Number(d.converted) > 0).length,
      'the random walk converted leads',
    ).toBeGreaterThan(10);
    expect(
      stored(app).salesDays.filter((d) => Number(d.won) > 0).length,
      'the random walk won opportunities',
    ).toBeGreaterThan(10);
    await checkDashboard(app, rng, now);

    // A first sync (or bulk load) sets the triggers aside and rebuilds the derived state from the rows.
    suspendDerived(app.db);
    synced(`UPDATE leads SET status_id = ? WHERE id = ?`, STATUS.qualified, leads[0]);
    await rebuildDerived(app.db, async () => {});
    expect(stored(app)).toEqual(recomputed(app));
    await checkDashboard(app, rng, now);
  });
});
