/**
 * Today as it is defined, from every open follow-up: each one read, counted and scored with
 * localPriority (blended with its learned chance when `chanceOf` gives one; a closed status has
 * none), every overdue one weighed, the order of equal scores and times by id. What today()
 * must equal, whichever way it reads (test/queries/today-order.test.ts, today-learned.test.ts).
 */
import { localPriority } from '../../shared/ai/local-priority';
import type { TodayItem, TodayList } from '../../shared/api/types';
import { displayName } from '../../db/queries/rows';
import type { LearnedChances } from '../../db/queries/today';
import type { ReplicaDb } from '../../db/sqlite/open';

type Chance = ReturnType<LearnedChances['ask']> extends Map<string, infer C> ? C : never;

interface Row {
  id: string;
  status_id: string;
  next_follow_up_at: string;
  quoted_premium: number | null;
  priority: number;
  ai_follow_up_priority: number | null;
  last_contacted_at: string | null;
  created_at: string;
  name: string;
  phone: string | null;
  email: string | null;
  insurance_type_id: string;
  follow_up_note: string | null;
  owner_id: string;
  owner_name: string | null;
}

export function reference(
  db: ReplicaDb,
  owner: string | null,
  limit: number,
  now: Date,
  until: string,
  chanceOf?: (id: string) => Chance | undefined,
): TodayList {
  const nowIso = now.toISOString();
  const rows = db
    .prepare(
      `SELECT l.id, l.status_id, l.next_follow_up_at, l.quoted_premium, l.priority, l.ai_follow_up_priority,
         l.last_contacted_at, l.created_at, ${displayName('l')} AS name, l.phone, l.email, l.insurance_type_id,
         l.follow_up_note, l.owner_id, u.full_name AS owner_name
       FROM leads l LEFT JOIN users u ON u.id = l.owner_id
       WHERE l.next_follow_up_at IS NOT NULL AND l.deleted_at IS NULL AND l.is_converted = 0
         AND (? IS NULL OR l.owner_id = ?)
       ORDER BY l.next_follow_up_at, l.id`,
    )
    .all(owner, owner) as Row[];
  const statuses = new Map(
    (db.prepare('SELECT id, code, category FROM lead_statuses').all() as Array<Record<string, string>>).map((s) => [
      s.id!,
      s,
    ]),
  );
  const due = rows.filter((r) => r.next_follow_up_at >= nowIso && r.next_follow_up_at <= until);
  const late = rows.filter((r) => r.next_follow_up_at < nowIso);
  const item = (r: Row): TodayItem => {
    const status = statuses.get(r.status_id);
    const p = localPriority(
      {
        statusCode: status?.code ?? null,
        statusCategory: (status?.category ?? null) as 'open' | 'won' | 'lost' | null,
        quotedPremium: r.quoted_premium,
        nextFollowUpAt: r.next_follow_up_at,
        lastContactedAt: r.last_contacted_at,
        createdAt: r.created_at,
        manualPriority: r.priority,
        aiPriority: r.ai_follow_up_priority,
      },
      now,
    );
    const closed = status?.category === 'won' || status?.category === 'lost';
    const chance = chanceOf && !closed ? chanceOf(r.id) : undefined;
    const pct = chance ? Math.round(chance.probability * 100) : 0;
    const why = chance?.factors[0] ? ` (${chance.factors[0].text.toLowerCase()})` : '';
    return {
      lead_id: r.id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      status_id: r.status_id,
      insurance_type_id: r.insurance_type_id,
      due_at: r.next_follow_up_at,
      overdue: r.next_follow_up_at < nowIso,
      note: r.follow_up_note,
      quoted_premium: r.quoted_premium,
      owner_id: r.owner_id,
      owner_name: r.owner_name,
      score: chance ? Math.round((p.score * 0.5 + pct * 0.5) * 10) / 10 : p.score,
      reasons: chance ? [`${pct}% likely to win${why}`, ...p.reasons].slice(0, 4) : p.reasons,
    };
  };
  const byScore = (a: TodayItem, b: TodayItem) => b.score - a.score || a.due_at.localeCompare(b.due_at);
  const todays = due.slice(0, limit).map(item).sort(byScore);
  const overdue = late
    .map(item)
    .sort(byScore)
    .slice(0, Math.max(0, limit - todays.length));
  return {
    counts: {
      overdue: late.length,
      due_today: due.length,
      upcoming: rows.filter((r) => r.next_follow_up_at > until).length,
    },
    items: [...overdue, ...todays].sort(byScore),
  };
}
