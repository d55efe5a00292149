import type { z } from 'zod';
import type { dashboardQuery } from '../../shared/api/inputs';
import type { Dashboard } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/** Conversions and won premium (cents) of one week, one owner or one insurance type ('' for none). */
interface SalesSum {
  dim: 'week' | 'owner' | 'type';
  id: string;
  converted: number;
  /** Won opportunities, whatever their premium (a week with a won $0 opportunity still shows). */
  won: number;
  premium_cents: number;
}
/** The same, of one week, owner and type together (the edge days' rows). */
interface SalesCell {
  week: string;
  owner_id: string;
  insurance_type_id: string;
  converted: number;
  won: number;
  premium_cents: number;
}

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

const DAY_MS = 86_400_000;

/** The day after `day` (YYYY-MM-DD): every timestamp of `day` sorts below it as text. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The day before `day`. */
function prevDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The week `day` belongs to as SQLite's strftime('%Y-W%W') names it, and its first and last days:
 * weeks run Monday to Sunday and are cut at the year's ends (a year's days before its first Monday
 * are its week 00; the year's last days, up to Dec 31, are a week of their own).
 */
export function weekOf(day: string): { week: string; first: string; last: string } {
  const t = Date.parse(`${day}T00:00:00Z`);
  const date = new Date(t);
  const year = day.slice(0, 4);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const yday = Math.round((t - Date.parse(`${year}-01-01T00:00:00Z`)) / DAY_MS);
  const monday = new Date(t - sinceMonday * DAY_MS).toISOString().slice(0, 10);
  const sunday = new Date(t + (6 - sinceMonday) * DAY_MS).toISOString().slice(0, 10);
  return {
    week: `${year}-W${String(Math.floor((yday + 7 - sinceMonday) / 7)).padStart(2, '0')}`,
    first: monday < `${year}-01-01` ? `${year}-01-01` : monday,
    last: sunday > `${year}-12-31` ? `${year}-12-31` : sunday,
  };
}

/**
 * A window [from, to] in three grains: the whole weeks strictly inside it, read from the week
 * roll-up; the other whole days (the rest of the first and last weeks), read from the day
 * roll-ups; and the one or two partial days at its ends, read from the rows through their
 * indexes. Exact for any window, at a cost of its weeks' buckets, at most twelve days' buckets and
 * two days of rows.
 */
interface WindowParts {
  /** Whole days: day > firstDay AND day < lastDay. */
  firstDay: string;
  lastDay: string;
  /** Whole weeks: week > firstWeek AND week < lastWeek. */
  firstWeek: string;
  lastWeek: string;
  /** The whole days outside the whole weeks, as ranges day > lo AND day < hi, each within one week. */
  days: Array<{ lo: string; hi: string; week: string }>;
  /** Timestamp ranges [lo, hi) / [lo, hi] of the partial days. */
  edges: Array<{ lo: string; hi: string; inclusive: boolean }>;
}

function windowParts(from: string, to: string): WindowParts {
  const firstDay = from.slice(0, 10);
  const lastDay = to.slice(0, 10);
  const first = weekOf(firstDay);
  const last = weekOf(lastDay);
  const weeks = { firstDay, lastDay, firstWeek: first.week, lastWeek: last.week };
  if (firstDay >= lastDay) return { ...weeks, days: [], edges: [{ lo: from, hi: to, inclusive: true }] };
  const days = [{ lo: firstDay, hi: nextDay(first.last) < lastDay ? nextDay(first.last) : lastDay, week: first.week }];
  if (first.week !== last.week) days.push({ lo: prevDay(last.first), hi: lastDay, week: last.week });
  return {
    ...weeks,
    days,
    edges: [
      { lo: from, hi: nextDay(firstDay), inclusive: false },
      { lo: lastDay, hi: to, inclusive: true },
    ],
  };
}

/**
 * The window's sales by week, owner and type: its whole weeks and the rest of its whole days summed
 * in SQL from the roll-ups (a week's total is its owners' buckets: every lead and opportunity has
 * an owner), then its partial first and last days from the rows.
 */
function sales(db: ReplicaDb, win: WindowParts): SalesSum[] {
  const sums = cachedStatement(
    db,
    `SELECT 'week' AS dim, week AS id, sum(converted) AS converted, sum(won) AS won, sum(premium_cents) AS premium_cents
       FROM rollup_sales_weeks WHERE week > @firstWeek AND week < @lastWeek AND dim = 'owner' GROUP BY week
     UNION ALL
     SELECT dim, id, sum(converted), sum(won), sum(premium_cents)
       FROM rollup_sales_weeks WHERE week > @firstWeek AND week < @lastWeek GROUP BY dim, id`,
  ).all({ firstWeek: win.firstWeek, lastWeek: win.lastWeek }) as SalesSum[];
  for (const d of win.days)
    sums.push(
      ...(cachedStatement(
        db,
        `SELECT 'week' AS dim, @week AS id, coalesce(sum(converted), 0) AS converted, coalesce(sum(won), 0) AS won,
           coalesce(sum(premium_cents), 0) AS premium_cents
           FROM rollup_sales_days WHERE day > @lo AND day < @hi AND dim = 'owner'
         UNION ALL
         SELECT dim, id, sum(converted), sum(won), sum(premium_cents)
           FROM rollup_sales_days WHERE day > @lo AND day < @hi GROUP BY dim, id`,
      ).all(d) as SalesSum[]),
    );
  for (const e of win.edges) {
    const hi = e.inclusive ? '<=' : '<';
    const cells = [
      ...(cachedStatement(
        db,
        `SELECT strftime('%Y-W%W', conversion_date) AS week, owner_id, insurance_type_id, count(*) AS converted, 0 AS won, 0 AS premium_cents
           FROM leads INDEXED BY idx_leads_conversion_date
           WHERE conversion_date >= ? AND conversion_date ${hi} ? AND deleted_at IS NULL GROUP BY week, owner_id, insurance_type_id`,
      ).all(e.lo, e.hi) as SalesCell[]),
      // Premium is what was won (the closed opportunities), by the day it closed, in the roll-ups' cents.
      ...(cachedStatement(
        db,
        `SELECT strftime('%Y-W%W', closed_at) AS week, owner_id, coalesce(insurance_type_id, '') AS insurance_type_id,
           0 AS converted, count(*) AS won, sum(CAST(round(coalesce(amount, 0) * 100) AS INTEGER)) AS premium_cents
           FROM opportunities INDEXED BY idx_opportunities_won_rollup
           WHERE deleted_at IS NULL AND stage = 'won' AND closed_at >= ? AND closed_at ${hi} ? GROUP BY week, owner_id, insurance_type_id`,
      ).all(e.lo, e.hi) as SalesCell[]),
    ];
    for (const { week, owner_id, insurance_type_id, ...figures } of cells)
      sums.push(
        { dim: 'week', id: week, ...figures },
        { dim: 'owner', id: owner_id, ...figures },
        { dim: 'type', id: insurance_type_id, ...figures },
      );
  }
  return sums;
}

/** The window's cohort (leads created in it) by where they are now: day roll-up, then the edges' rows. */
function cohortCounts(db: ReplicaDb, win: WindowParts): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of cachedStatement(
    db,
    `SELECT status_id, sum(n) AS n FROM rollup_lead_created WHERE day > ? AND day < ? GROUP BY status_id`,
  ).all(win.firstDay, win.lastDay) as Array<{ status_id: string; n: number }>)
    add(counts, r.status_id, r.n);
  for (const e of win.edges) {
    // One seek per status into idx_leads_status_created.
    for (const r of cachedStatement(
      db,
      `SELECT status_id, count(*) AS n FROM leads INDEXED BY idx_leads_status_created
         WHERE status_id IN (SELECT id FROM lead_statuses) AND created_at >= ? AND created_at ${e.inclusive ? '<=' : '<'} ? AND deleted_at IS NULL
         GROUP BY status_id`,
    ).all(e.lo, e.hi) as Array<{ status_id: string; n: number }>)
      add(counts, r.status_id, r.n);
  }
  return counts;
}

/**
 * The manager's view: funnel, close rate, conversions over time, by agent, by insurance type,
 * premium won. The funnel, close rate, conversions and premium follow the chosen window; open
 * and total leads, and the per-agent and per-type lead counts, are today's pipeline.
 * Everything is read from the roll-up tables the replica's triggers keep (migrations 0017 and
 * 0023), so the cost follows the number of buckets, not the number of leads: grouping the live
 * leads themselves grew linearly (41 ms at 100k leads), and so did reading a day bucket per owner
 * and type (2,100 of them for 12 weeks at 100k, 360 at 10k); a week bucket per owner and per type
 * is at most weeks × (owners + types).
 */
export function dashboard(db: ReplicaDb, q: z.output<typeof dashboardQuery>, now: Date): Dashboard {
  const to = q.to ?? now.toISOString();
  const from = q.from ?? new Date(new Date(to).getTime() - q.weeks * 7 * DAY_MS).toISOString();
  const win = windowParts(from, to);
  // Today's pipeline, summed in SQL by owner and by type (the cells are statuses × types × owners).
  const live = cachedStatement(
    db,
    `SELECT 'owner' AS dim, c.owner_id AS id, sum(c.n) AS n, sum(CASE WHEN s.category = 'open' THEN c.n ELSE 0 END) AS open
       FROM rollup_lead_cells c LEFT JOIN lead_statuses s ON s.id = c.status_id WHERE c.n > 0 GROUP BY c.owner_id
     UNION ALL
     SELECT 'type', insurance_type_id, sum(n), 0 FROM rollup_lead_cells WHERE n > 0 GROUP BY insurance_type_id`,
  ).all() as Array<{ dim: 'owner' | 'type'; id: string; n: number; open: number }>;
  const cohortByStatus = cohortCounts(db, win);
  const cohort = [...cohortByStatus]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([status_id, count]) => ({ status_id, count }));
  const category = new Map(
    (
      cachedStatement(db, 'SELECT id, category FROM lead_statuses').all() as Array<{ id: string; category: string }>
    ).map((s) => [s.id, s.category]),
  );
  const names = new Map(
    (cachedStatement(db, 'SELECT id, full_name FROM users').all() as Array<{ id: string; full_name: string }>).map(
      (u) => [u.id, u.full_name],
    ),
  );

  let open = 0;
  let total = 0;
  const agentOpen = new Map<string, number>();
  const typeLeads = new Map<string, number>();
  for (const c of live) {
    if (c.dim === 'type') {
      typeLeads.set(c.id, c.n);
      continue;
    }
    total += c.n;
    open += c.open;
    agentOpen.set(c.id, c.open);
  }
  // Conversions and premium (in cents, exact) by week, by owner and by type.
  const weeklyCounts = new Map<string, number>();
  const weekCents = new Map<string, number>();
  const weekWon = new Map<string, number>();
  const agentConverted = new Map<string, number>();
  const agentCents = new Map<string, number>();
  const typeConverted = new Map<string, number>();
  const typeCents = new Map<string, number>();
  for (const w of sales(db, win)) {
    if (w.dim === 'week') {
      add(weeklyCounts, w.id, w.converted);
      add(weekCents, w.id, w.premium_cents);
      add(weekWon, w.id, w.won);
    } else if (w.dim === 'owner') {
      add(agentConverted, w.id, w.converted);
      add(agentCents, w.id, w.premium_cents);
    } else {
      add(typeConverted, w.id, w.converted);
      add(typeCents, w.id, w.premium_cents);
    }
  }
  const dollars = (map: Map<string, number>, key: string) => (map.get(key) ?? 0) / 100;
  const conversions_by_week = [...new Set([...weeklyCounts.keys(), ...weekWon.keys()])]
    .filter((week) => weeklyCounts.get(week) || weekWon.get(week))
    .sort()
    .map((week) => ({ week, count: weeklyCounts.get(week) ?? 0, premium: dollars(weekCents, week) }));

  const conversions = conversions_by_week.reduce((s, r) => s + r.count, 0);
  const closed = (cat: string) =>
    cohort.filter((c) => category.get(c.status_id) === cat).reduce((s, c) => s + c.count, 0);
  return {
    funnel: cohort,
    close: { won: closed('won'), lost: closed('lost') },
    live: { open, total },
    conversions_by_week,
    by_agent: [...agentOpen.keys()]
      .map((owner_id) => ({
        owner_id,
        name: names.get(owner_id) ?? 'Unknown',
        open: agentOpen.get(owner_id) ?? 0,
        converted: agentConverted.get(owner_id) ?? 0,
        premium: dollars(agentCents, owner_id),
      }))
      .sort((a, b) => b.premium - a.premium || b.converted - a.converted),
    by_insurance_type: [...typeLeads].map(([insurance_type_id, leads]) => ({
      insurance_type_id,
      leads,
      converted: typeConverted.get(insurance_type_id) ?? 0,
      premium: dollars(typeCents, insurance_type_id),
    })),
    premium_won: [...weekCents.values()].reduce((s, n) => s + n, 0) / 100,
    conversions,
  };
}
