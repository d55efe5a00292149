/**
 * The book of business's screens on the replica: the renewal list (next 60 days, first page),
 * the X-date list, a client page with a household and policies, global search for a policy
 * number typed in part (lower case, no dashes), and the dashboard's book figures (premium in
 * force, retention, new and renewal premium over 12 months). Figures in ms.
 */
import type { ReplicaDb } from '../db/sqlite/open';
import { bookDashboard } from '../db/queries/book-dashboard';
import { clientDetail } from '../db/queries/clients';
import { clientBook, renewals, xdates } from '../db/queries/policies';
import { searchAll } from '../db/queries/search';
import { percentile, time } from './stats';

export async function measureBook(db: ReplicaDb, runs: number) {
  const now = new Date();
  const owners = db.prepare(`SELECT id FROM users WHERE role = 'agent' LIMIT 20`).pluck().all() as string[];
  const renewal = await time(
    (i) =>
      renewals(
        db,
        { days: 60, limit: 50, ...(i % 2 && owners.length ? { owner_id: owners[i % owners.length] } : {}) },
        now,
      ),
    runs,
  );
  const xdate = await time((i) => xdates(db, { days: i % 2 ? 60 : 30, limit: 50 }, now), runs);
  const clients = db
    .prepare(
      `SELECT c.id FROM clients c WHERE c.household_id IS NOT NULL AND EXISTS (SELECT 1 FROM policies p WHERE p.client_id = c.id) ORDER BY random() LIMIT ?`,
    )
    .pluck()
    .all(runs) as string[];
  const client = clients.length
    ? await time((i) => {
        const id = clients[i % clients.length]!;
        clientDetail(db, id);
        clientBook(db, id);
      }, runs)
    : [];
  const numbers = db
    .prepare(`SELECT policy_number FROM policies ORDER BY random() LIMIT ?`)
    .pluck()
    .all(runs) as string[];
  // typed as a person would: lower case, without the dashes, the first 8 characters
  const typed = numbers.map((n) => n.replace(/-/g, '').toLowerCase().slice(0, 8));
  const search = typed.length ? await time((i) => searchAll(db, typed[i % typed.length]!, 20), runs) : [];
  const book = await time(() => bookDashboard(db, { months: 12 }, new Date()), Math.max(10, Math.floor(runs / 10)), 3);
  return {
    renewals_p95_ms: percentile(renewal, 95),
    book_dashboard_p95_ms: percentile(book, 95),
    xdates_p95_ms: percentile(xdate, 95),
    ...(client.length ? { client_page_p95_ms: percentile(client, 95) } : {}),
    ...(search.length ? { policy_search_p95_ms: percentile(search, 95) } : {}),
  };
}
