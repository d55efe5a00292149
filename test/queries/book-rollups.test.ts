/**
 * The book dashboard's roll-ups (migration 0021: rollup_book_months, rollup_book_days) equal a
 * recomputation from scratch after random terms, renewals, cancellations, non-renewals,
 * reinstatements, patches, synced edits, deletes and a rebuild of the derived state; and the
 * dashboard read from them equals the figures grouped from the terms themselves, for random
 * periods and days (today at the start, middle or end of a month).
 */
import { describe, expect, it } from 'vitest';
import { bookDashboard } from '../../db/queries/book-dashboard';
import { rebuildDerived, suspendDerived } from '../../db/sqlite/derived';
import type { FieldlineApp } from '../../electron/main/app';
import type { BookSlice } from '../../shared/api/book-work';
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { Rng } from '../../shared/synthetic/prng';
import { addUser, createLead, INS, mutate, useApp } from './support';

type Row = Record<string, string | number | null>;
const rows = (app: FieldlineApp, sql: string, ...params: unknown[]) => app.db.prepare(sql).all(...params) as Row[];

const CENTS = `CAST(round(written_premium * 100) AS INTEGER)`;
const LOST = `(status IN ('non_renewed', 'expired') OR (status = 'cancelled' AND cancellation_date >= date(expiration_date, '-30 days')))`;

/** Each roll-up as it should be, one policy at a time: the buckets of a grain, by carrier and by owner. */
function recomputed(app: FieldlineApp, grain: 7 | 10) {
  const contributions = `
    SELECT substr(expiration_date, 1, ${grain}) AS period, carrier_id, owner_id, status = 'active' AS in_force_n,
      CASE WHEN status = 'active' THEN ${CENTS} ELSE 0 END AS in_force_cents, status = 'renewed' AS renewed_n,
      ${LOST} AS lost_n, 0 AS new_cents, 0 AS renewal_cents, 0 AS live_n FROM policies WHERE deleted_at IS NULL
    UNION ALL
    SELECT substr(effective_date, 1, ${grain}), carrier_id, owner_id, 0, 0, 0, 0,
      CASE WHEN renews_policy_id IS NULL THEN ${CENTS} ELSE 0 END, CASE WHEN renews_policy_id IS NULL THEN 0 ELSE ${CENTS} END, 0
      FROM policies WHERE deleted_at IS NULL
    UNION ALL
    SELECT '', carrier_id, owner_id, 0, 0, 0, 0, 0, 0, 1 FROM policies WHERE deleted_at IS NULL AND ${grain} = 7`;
  const sums = `sum(in_force_n) AS in_force_n, sum(in_force_cents) AS in_force_cents, sum(renewed_n) AS renewed_n,
    sum(lost_n) AS lost_n, sum(new_cents) AS new_cents, sum(renewal_cents) AS renewal_cents${grain === 7 ? ', sum(live_n) AS live_n' : ''}`;
  return rows(
    app,
    `WITH c AS (${contributions})
     SELECT * FROM (
       SELECT period, 'carrier' AS dim, carrier_id AS id, ${sums} FROM c GROUP BY 1, 3
       UNION ALL
       SELECT period, 'owner', owner_id, ${sums} FROM c GROUP BY 1, 3)
     WHERE in_force_n <> 0 OR in_force_cents <> 0 OR renewed_n <> 0 OR lost_n <> 0 OR new_cents <> 0 OR renewal_cents <> 0
       ${grain === 7 ? 'OR live_n <> 0' : ''}
     ORDER BY 1, 2, 3`,
  );
}

function stored(app: FieldlineApp, grain: 7 | 10) {
  const [table, key, live] =
    grain === 7 ? ['rollup_book_months', 'month', ', live_n'] : ['rollup_book_days', 'day', ''];
  return rows(
    app,
    `SELECT ${key} AS period, dim, id, in_force_n, in_force_cents, renewed_n, lost_n, new_cents, renewal_cents${live}
     FROM ${table}
     WHERE in_force_n <> 0 OR in_force_cents <> 0 OR renewed_n <> 0 OR lost_n <> 0 OR new_cents <> 0 OR renewal_cents <> 0
       ${live ? 'OR live_n <> 0' : ''}
     ORDER BY 1, 2, 3`,
  );
}

/** The period's figures grouped from the live terms themselves, as the dashboard read them before the roll-ups. */
function fromTerms(app: FieldlineApp, column: 'carrier_id' | 'owner_id', today: string, from: string) {
  return rows(
    app,
    `SELECT ${column} AS id,
       count(*) FILTER (WHERE status = 'active' AND expiration_date >= @today) AS policies_in_force,
       coalesce(sum(written_premium) FILTER (WHERE status = 'active' AND expiration_date >= @today), 0) AS premium_in_force,
       coalesce(sum(written_premium) FILTER (WHERE effective_date >= @from AND effective_date <= @today
         AND renews_policy_id IS NULL), 0) AS new_business_premium,
       coalesce(sum(written_premium) FILTER (WHERE effective_date >= @from AND effective_date <= @today
         AND renews_policy_id IS NOT NULL), 0) AS renewal_premium,
       count(*) FILTER (WHERE expiration_date >= @from AND expiration_date <= @today AND status = 'renewed') AS renewed,
       count(*) FILTER (WHERE expiration_date >= @from AND expiration_date <= @today AND ${LOST}) AS lost
     FROM policies WHERE deleted_at IS NULL GROUP BY ${column} ORDER BY ${column}`,
    { today, from },
  );
}

function expectSlices(actual: BookSlice[], expected: Row[], what: string) {
  const byId = [...actual].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(
    byId.map((s) => s.id),
    what,
  ).toEqual(expected.map((e) => e.id));
  byId.forEach((s, i) => {
    const e = expected[i]!;
    for (const k of ['policies_in_force', 'renewed', 'lost'] as const) expect(s[k], `${what} ${s.id} ${k}`).toBe(e[k]);
    for (const k of ['premium_in_force', 'new_business_premium', 'renewal_premium'] as const)
      expect(s[k], `${what} ${s.id} ${k}`).toBeCloseTo(Number(e[k]), 2);
  });
}

function checkDashboard(app: FieldlineApp, rng: Rng, today: string) {
  // Today at the start, the middle and the end of a month, and on random days around the terms.
  const days = [today, `${today.slice(0, 7)}-01`, addDaysToDate(`${addMonths(today, 1).slice(0, 7)}-01`, -1)];
  for (let i = 0; i < 9; i++) days.push(addDaysToDate(today, rng.int(-400, 400)));
  // And days on which terms start or end (a bound counted on the wrong side shows on these).
  const dates = rows(
    app,
    `SELECT expiration_date AS day FROM policies WHERE status = 'active' UNION SELECT effective_date FROM policies`,
  );
  for (let i = 0; i < 6; i++) days.push(dates[rng.int(0, dates.length - 1)]!.day as string);
  for (const day of days) {
    const months = rng.int(1, 36);
    const d = bookDashboard(app.db, { months }, new Date(`${day}T${rng.chance(0.5) ? '00:00:01' : '23:59:59'}Z`));
    const from = addMonths(day, -months);
    expect(d.from).toBe(from);
    expectSlices(d.by_carrier, fromTerms(app, 'carrier_id', day, from), `carriers on ${day} over ${months} months`);
    expectSlices(d.by_producer, fromTerms(app, 'owner_id', day, from), `producers on ${day} over ${months} months`);
    const all = fromTerms(app, 'carrier_id', day, from);
    const total = (k: string) => all.reduce((s, r) => s + Number(r[k]), 0);
    expect(d.totals.policies_in_force).toBe(total('policies_in_force'));
    expect(d.totals.lost).toBe(total('lost'));
    expect(d.totals.premium_in_force).toBeCloseTo(total('premium_in_force'), 2);
  }
}

describe('book dashboard roll-ups', () => {
  const ctx = useApp();

  it('equal a recomputation from scratch after random changes of every kind', async () => {
    const app = ctx.app;
    const rng = new Rng(2107, 21);
    const today = new Date().toISOString().slice(0, 10);
    const users = [app.actor().userId, addUser(app, 'Ana Agent'), addUser(app, 'Bo Broker')];
    const carriers = CARRIER_SEEDS.slice(0, 4).map((c) => c.id);
    const pick = <T>(a: T[]) => a[rng.int(0, a.length - 1)]!;
    const day = (lo: number, hi: number) => addDaysToDate(today, rng.int(lo, hi));
    const money = () => rng.int(200, 4000) + rng.int(0, 99) / 100;
    const synced = (sql: string, ...params: unknown[]) => app.db.prepare(sql).run(...params);
    const attempt = async (op: () => Promise<unknown>) => {
      try {
        await op();
      } catch {
        // Refused by the mutation's own rules (a cancelled term cannot be renewed, …): nothing changed.
      }
    };
    const clients: string[] = [];
    for (let i = 0; i < 8; i++) {
      const lead = await createLead(app, { last_name: `Book${i}` });
      if (i % 2) await mutate(app, 'assignLead', { lead_id: lead.id, owner_id: pick(users.slice(1)) });
      clients.push(((await mutate(app, 'convertLead', { lead_id: lead.id })) as { client_id: string }).client_id);
    }
    const policies: string[] = [];
    const policyIds = () => rows(app, 'SELECT id FROM policies').map((r) => r.id as string);
    let seq = 0;
    const addTerm = async () => {
      const expiration = day(-500, 400);
      const p = await mutate<{ id: string }>(app, 'addPolicy', {
        client_id: pick(clients),
        carrier_id: pick(carriers),
        insurance_type_id: INS.auto,
        policy_number: `R-${++seq}`,
        effective_date: addMonths(expiration, -pick([6, 12])),
        expiration_date: expiration,
        written_premium: money(),
        ...(rng.chance(0.2) ? { status: 'pending' } : {}),
      });
      policies.push(p.id);
    };
    for (let i = 0; i < 25; i++) await addTerm();

    for (let step = 0; step < 300; step++) {
      const policy = pick(policies);
      switch (rng.int(0, 9)) {
        case 0:
          await addTerm();
          break;
        case 1:
          await attempt(async () => {
            const r = await mutate<{ id: string }>(app, 'renewPolicy', { policy_id: policy, written_premium: money() });
            policies.push(r.id);
          });
          break;
        case 2: {
          // Cancelled at any time of the term, often within its last 30 days (a loss at renewal).
          const term = rows(app, 'SELECT effective_date, expiration_date FROM policies WHERE id = ?', policy)[0];
          if (!term) break; // removed by sync
          const cancellation = rng.chance(0.5)
            ? addDaysToDate(term.expiration_date as string, -rng.int(0, 40))
            : addDaysToDate(term.effective_date as string, rng.int(1, 100));
          await attempt(() =>
            mutate(app, 'cancelPolicy', { policy_id: policy, cancellation_date: cancellation, reason: 'moved' }),
          );
          break;
        }
        case 3:
          await attempt(() => mutate(app, 'markNonRenewed', { policy_id: policy, reason: 'price' }));
          break;
        case 4:
          await attempt(() => mutate(app, 'reinstatePolicy', { policy_id: policy }));
          break;
        case 5:
          await attempt(() =>
            mutate(app, 'updatePolicy', {
              id: policy,
              patch: rng.chance(0.5) ? { written_premium: money() } : { carrier_id: pick(carriers) },
            }),
          );
          break;
        case 6:
          // Synced edits: the term expired, moved to another producer, its dates changed.
          synced(
            `UPDATE policies SET status = 'expired', cancellation_date = NULL WHERE id = ? AND status = 'active'`,
            policy,
          );
          synced('UPDATE policies SET owner_id = ? WHERE id = ?', pick(users), pick(policies));
          break;
        case 7: {
          const expiration = day(-500, 400);
          synced(
            'UPDATE policies SET effective_date = ?, expiration_date = ? WHERE id = ?',
            addMonths(expiration, -12),
            expiration,
            policy,
          );
          break;
        }
        case 8:
          synced(
            'UPDATE policies SET deleted_at = ? WHERE id = ?',
            rng.chance(0.6) ? new Date().toISOString() : null,
            policy,
          );
          break;
        case 9:
          // A term removed outright by sync (one nothing renews).
          await attempt(async () => synced('DELETE FROM policies WHERE id = ?', policy));
          break;
      }
    }
    const live = policyIds();
    expect(live.length, 'terms remain').toBeGreaterThan(20);
    for (const grain of [7, 10] as const) expect(stored(app, grain), `grain ${grain}`).toEqual(recomputed(app, grain));
    const statuses = rows(app, 'SELECT DISTINCT status FROM policies ORDER BY 1').map((r) => r.status);
    expect(statuses, 'the walk reached every status').toEqual([
      'active',
      'cancelled',
      'expired',
      'non_renewed',
      'pending',
      'renewed',
    ]);
    checkDashboard(app, rng, today);

    // A first sync (or bulk load) sets the triggers aside and rebuilds the derived state from the rows.
    suspendDerived(app.db);
    synced(`UPDATE policies SET written_premium = written_premium + 1 WHERE id = ?`, live[0]);
    await rebuildDerived(app.db, async () => {});
    for (const grain of [7, 10] as const) expect(stored(app, grain), `grain ${grain}`).toEqual(recomputed(app, grain));
    checkDashboard(app, rng, today);
  });
});
