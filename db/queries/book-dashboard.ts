/**
 * The dashboard's book figures, by carrier and by producer (the term's owner):
 *  - in force: active terms not yet expired (as client_policies_in_force defines it);
 *  - new business and renewal premium: written premium of terms that took effect in the period,
 *    a first term (renews nothing) being new business and a term that renews another a renewal;
 *  - retention: of the terms that expired in the period, renewed ÷ (renewed + non-renewed +
 *    expired + cancelled at renewal). "Cancelled at renewal" is a cancellation dated within the
 *    term's last AT_RENEWAL_DAYS days (the insured leaving for another carrier). A live term past
 *    its expiration is not counted: nobody has decided about it yet.
 * One grouped pass over the policies, rolled up in code for both breakdowns and the totals.
 */
import type { z } from 'zod';
import type { BookDashboard, bookDashboardQuery, BookSlice } from '../../shared/api/book-work';
import { addMonths } from '../../shared/book/terms';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/** A cancellation this close to the term's end counts as a loss at renewal. */
export const AT_RENEWAL_DAYS = 30;

const CELLS = `SELECT p.carrier_id, p.owner_id,
  count(*) FILTER (WHERE p.status = 'active' AND p.expiration_date >= @today) AS policies_in_force,
  coalesce(sum(p.written_premium) FILTER (WHERE p.status = 'active' AND p.expiration_date >= @today), 0) AS premium_in_force,
  coalesce(sum(p.written_premium) FILTER (WHERE p.effective_date >= @from AND p.effective_date <= @today
    AND p.renews_policy_id IS NULL), 0) AS new_business_premium,
  coalesce(sum(p.written_premium) FILTER (WHERE p.effective_date >= @from AND p.effective_date <= @today
    AND p.renews_policy_id IS NOT NULL), 0) AS renewal_premium,
  count(*) FILTER (WHERE p.expiration_date >= @from AND p.expiration_date <= @today AND p.status = 'renewed') AS renewed,
  count(*) FILTER (WHERE p.expiration_date >= @from AND p.expiration_date <= @today AND (p.status IN ('non_renewed', 'expired')
    OR (p.status = 'cancelled' AND p.cancellation_date >= date(p.expiration_date, '-${AT_RENEWAL_DAYS} days')))) AS lost
  FROM policies p WHERE p.deleted_at IS NULL GROUP BY p.carrier_id, p.owner_id`;

type Figures = Omit<BookSlice, 'id' | 'name' | 'retention_rate'>;
type Cell = Figures & { carrier_id: string; owner_id: string };

const FIGURES = [
  'policies_in_force',
  'premium_in_force',
  'new_business_premium',
  'renewal_premium',
  'renewed',
  'lost',
] as const satisfies ReadonlyArray<keyof Figures>;

const zero = (): Figures => Object.fromEntries(FIGURES.map((k) => [k, 0])) as unknown as Figures;
const cents = (n: number) => Math.round(n * 100) / 100;

function finish(f: Figures): Omit<BookSlice, 'id' | 'name'> {
  const up = f.renewed + f.lost;
  return {
    ...f,
    premium_in_force: cents(f.premium_in_force),
    new_business_premium: cents(f.new_business_premium),
    renewal_premium: cents(f.renewal_premium),
    retention_rate: up ? f.renewed / up : null,
  };
}

function rollUp(cells: Cell[], key: 'carrier_id' | 'owner_id', names: Map<string, string>): BookSlice[] {
  const by = new Map<string, Figures>();
  for (const c of cells) {
    const f = by.get(c[key]) ?? zero();
    for (const k of FIGURES) f[k] += c[k];
    by.set(c[key], f);
  }
  return [...by]
    .map(([id, f]) => ({ id, name: names.get(id) ?? 'Unknown', ...finish(f) }))
    .sort((a, b) => b.premium_in_force - a.premium_in_force || a.name.localeCompare(b.name));
}

function names(db: ReplicaDb, sql: string): Map<string, string> {
  return new Map((cachedStatement(db, sql).all() as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
}

export function bookDashboard(db: ReplicaDb, q: z.output<typeof bookDashboardQuery>, now: Date): BookDashboard {
  const today = now.toISOString().slice(0, 10);
  const from = addMonths(today, -q.months);
  const cells = cachedStatement(db, CELLS).all({ today, from }) as Cell[];
  const totals = zero();
  for (const c of cells) for (const k of FIGURES) totals[k] += c[k];
  return {
    from,
    to: today,
    totals: finish(totals),
    by_carrier: rollUp(cells, 'carrier_id', names(db, 'SELECT id, name FROM carriers')),
    by_producer: rollUp(cells, 'owner_id', names(db, 'SELECT id, full_name AS name FROM users')),
  };
}
