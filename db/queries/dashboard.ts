import type { z } from 'zod';
import type { dashboardQuery } from '../../shared/api/inputs';
import type { Dashboard } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';

type Row = Record<string, number | string | null>;

/** The manager's view: funnel, conversions over time, by agent, by insurance type, premium won. */
export function dashboard(db: ReplicaDb, q: z.output<typeof dashboardQuery>, now: Date): Dashboard {
  const to = q.to ?? now.toISOString();
  const from = q.from ?? new Date(new Date(to).getTime() - q.weeks * 7 * 86_400_000).toISOString();
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];

  const funnel = all(`SELECT status_id, count(*) AS count FROM leads WHERE deleted_at IS NULL GROUP BY status_id`);
  const weeklyCount = all(
    `SELECT strftime('%Y-W%W', conversion_date) AS week, count(*) AS count
     FROM leads WHERE conversion_date >= ? AND conversion_date <= ? AND deleted_at IS NULL GROUP BY week`,
    from,
    to,
  );
  // Premium is what was won (the closed opportunities), by the week it closed.
  const weeklyPremium = all(
    `SELECT strftime('%Y-W%W', closed_at) AS week, coalesce(sum(amount), 0) AS premium
     FROM opportunities WHERE stage = 'won' AND closed_at >= ? AND closed_at <= ? AND deleted_at IS NULL GROUP BY week`,
    from,
    to,
  );
  const weeks = [...new Set([...weeklyCount, ...weeklyPremium].map((r) => String(r.week)))].sort();
  const weekly = weeks.map((week) => ({
    week,
    count: Number(weeklyCount.find((r) => r.week === week)?.count ?? 0),
    premium: Number(weeklyPremium.find((r) => r.week === week)?.premium ?? 0),
  }));
  const won = all(
    `SELECT owner_id, insurance_type_id, coalesce(sum(amount), 0) AS premium FROM opportunities
     WHERE stage = 'won' AND closed_at >= ? AND closed_at <= ? AND deleted_at IS NULL GROUP BY owner_id, insurance_type_id`,
    from,
    to,
  );
  const agents = all(
    `SELECT l.owner_id, u.full_name AS name, sum(s.category = 'open') AS open,
       sum(l.conversion_date >= ? AND l.conversion_date <= ?) AS converted
     FROM leads l JOIN lead_statuses s ON s.id = l.status_id LEFT JOIN users u ON u.id = l.owner_id
     WHERE l.deleted_at IS NULL GROUP BY l.owner_id`,
    from,
    to,
  );
  const types = all(
    `SELECT insurance_type_id, count(*) AS leads, sum(conversion_date >= ? AND conversion_date <= ?) AS converted
     FROM leads WHERE deleted_at IS NULL GROUP BY insurance_type_id`,
    from,
    to,
  );
  const premiumBy = (key: 'owner_id' | 'insurance_type_id', id: unknown) =>
    won.filter((w) => w[key] === id).reduce((s, w) => s + Number(w.premium), 0);

  return {
    funnel: funnel.map((r) => ({ status_id: String(r.status_id), count: Number(r.count) })),
    conversions_by_week: weekly,
    by_agent: agents
      .map((r) => ({
        owner_id: String(r.owner_id),
        name: String(r.name ?? 'Unknown'),
        open: Number(r.open),
        converted: Number(r.converted ?? 0),
        premium: premiumBy('owner_id', r.owner_id),
      }))
      .sort((a, b) => b.premium - a.premium || b.converted - a.converted),
    by_insurance_type: types.map((r) => ({
      insurance_type_id: String(r.insurance_type_id),
      leads: Number(r.leads),
      converted: Number(r.converted ?? 0),
      premium: premiumBy('insurance_type_id', r.insurance_type_id),
    })),
    premium_won: won.reduce((s, w) => s + Number(w.premium), 0),
    conversions: weekly.reduce((sum, r) => sum + r.count, 0),
  };
}
