/**
 * The dashboard's book figures, by carrier and by producer (the term's owner):
 *  - in force: active terms not yet expired (as client_policies_in_force defines it);
 *  - new business and renewal premium: written premium of terms that took effect in the period,
 *    a first term (renews nothing) being new business and a term that renews another a renewal;
 *  - retention: of the terms that expired in the period, renewed ÷ (renewed + non-renewed +
 *    expired + cancelled at renewal). "Cancelled at renewal" is a cancellation dated within the
 *    term's last AT_RENEWAL_DAYS days (the insured leaving for another carrier). A live term past
 *    its expiration is not counted: nobody has decided about it yet.
 * Read from the roll-ups the replica's triggers keep (migration 0023): whole months from
 * rollup_book_months, the period's partial first and last months (and the rest of today's month,
 * for what is in force) from rollup_book_days, by carrier and by producer, summed in SQL. The cost
 * follows months and days, not terms: grouping the live terms took 740 ms at 128k terms.
 */
import type { z } from 'zod';
import type { BookDashboard, bookDashboardQuery, BookSlice } from '../../shared/api/book-work';
import { addMonths } from '../../shared/book/terms';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/** A cancellation this close to the term's end counts as a loss at renewal (the roll-up triggers say 30 too). */
export const AT_RENEWAL_DAYS = 30;

/** Window figures (effective or expiration date within [from, today]) of a bucket kept when `inWindow`. */
const windowColumns = (inWindow: string) =>
  ['new_cents', 'renewal_cents', 'renewed_n', 'lost_n']
    .map((c) => `CASE WHEN ${inWindow} THEN ${c} ELSE 0 END AS ${c}`)
    .join(', ');
const inForceColumns = (inForce: string) =>
  ['in_force_n', 'in_force_cents'].map((c) => `CASE WHEN ${inForce} THEN ${c} ELSE 0 END AS ${c}`).join(', ');

const CELLS = `SELECT dim, id, sum(in_force_n) AS policies_in_force, sum(in_force_cents) AS in_force_cents,
    sum(new_cents) AS new_cents, sum(renewal_cents) AS renewal_cents, sum(renewed_n) AS renewed, sum(lost_n) AS lost
  FROM (
    SELECT dim, id, ${inForceColumns('month > @todayMonth')}, ${windowColumns('month < @todayMonth')}, 0 AS live
      FROM rollup_book_months WHERE month > @fromMonth
    UNION ALL
    SELECT dim, id, 0, 0, new_cents, renewal_cents, renewed_n, lost_n, 0
      FROM rollup_book_days WHERE day >= @from AND day < @fromMonthEnd
    UNION ALL
    SELECT dim, id, ${inForceColumns('day >= @today')}, ${windowColumns('day <= @today')}, 0
      FROM rollup_book_days WHERE day >= @todayMonthStart AND day < @todayMonthEnd
    UNION ALL
    SELECT dim, id, 0, 0, 0, 0, 0, 0, live_n FROM rollup_book_months WHERE month = '' AND live_n > 0
  ) GROUP BY dim, id HAVING sum(live) > 0`;

interface CellRow {
  dim: 'carrier' | 'owner';
  id: string;
  policies_in_force: number;
  in_force_cents: number;
  new_cents: number;
  renewal_cents: number;
  renewed: number;
  lost: number;
}

type Figures = Omit<BookSlice, 'id' | 'name' | 'retention_rate'>;

const FIGURES = [
  'policies_in_force',
  'premium_in_force',
  'new_business_premium',
  'renewal_premium',
  'renewed',
  'lost',
] as const satisfies ReadonlyArray<keyof Figures>;

const zero = (): Figures => Object.fromEntries(FIGURES.map((k) => [k, 0])) as unknown as Figures;

/** Money is summed in whole cents (exact) and shown in dollars. */
function figures(c: CellRow): Figures {
  return {
    policies_in_force: c.policies_in_force,
    premium_in_force: c.in_force_cents / 100,
    new_business_premium: c.new_cents / 100,
    renewal_premium: c.renewal_cents / 100,
    renewed: c.renewed,
    lost: c.lost,
  };
}

function finish(f: Figures): Omit<BookSlice, 'id' | 'name'> {
  const up = f.renewed + f.lost;
  return { ...f, retention_rate: up ? f.renewed / up : null };
}

function slices(cells: CellRow[], dim: CellRow['dim'], names: Map<string, string>): BookSlice[] {
  return cells
    .filter((c) => c.dim === dim)
    .map((c) => ({ id: c.id, name: names.get(c.id) ?? 'Unknown', ...finish(figures(c)) }))
    .sort((a, b) => b.premium_in_force - a.premium_in_force || a.name.localeCompare(b.name));
}

function names(db: ReplicaDb, sql: string): Map<string, string> {
  return new Map((cachedStatement(db, sql).all() as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => addMonths(firstOfMonth(day), 1);

export function bookDashboard(db: ReplicaDb, q: z.output<typeof bookDashboardQuery>, now: Date): BookDashboard {
  const today = now.toISOString().slice(0, 10);
  const from = addMonths(today, -q.months);
  const todayMonthStart = firstOfMonth(today);
  const cells = cachedStatement(db, CELLS).all({
    today,
    from,
    todayMonth: today.slice(0, 7),
    fromMonth: from.slice(0, 7),
    // the first month's days from `from` on, unless the period starts in today's month
    fromMonthEnd: nextMonth(from) < todayMonthStart ? nextMonth(from) : todayMonthStart,
    todayMonthStart: from > todayMonthStart ? from : todayMonthStart,
    todayMonthEnd: nextMonth(today),
  }) as CellRow[];
  // Every term counts once under its carrier: the carriers' figures make up the book.
  const totals = zero();
  for (const c of cells)
    if (c.dim === 'carrier') for (const [k, v] of Object.entries(figures(c))) totals[k as keyof Figures] += v;
  totals.premium_in_force = Math.round(totals.premium_in_force * 100) / 100;
  totals.new_business_premium = Math.round(totals.new_business_premium * 100) / 100;
  totals.renewal_premium = Math.round(totals.renewal_premium * 100) / 100;
  return {
    from,
    to: today,
    totals: finish(totals),
    by_carrier: slices(cells, 'carrier', names(db, 'SELECT id, name FROM carriers')),
    by_producer: slices(cells, 'owner', names(db, 'SELECT id, full_name AS name FROM users')),
  };
}
