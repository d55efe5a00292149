import type { z } from 'zod';
import { localPriority } from '../../shared/ai/local-priority';
import type { todayQuery } from '../../shared/api/inputs';
import type { TodayItem } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';

/** End of the local calendar day of `now` (the device's time zone), as an ISO instant. */
function endOfDay(now: Date): string {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/**
 * Follow-ups due today or overdue, ordered by the deterministic local priority (no AI needed,
 * so Today stays ordered offline). Walks idx_leads_next_follow_up_at.
 */
export function today(db: ReplicaDb, q: z.output<typeof todayQuery>, now: Date): TodayItem[] {
  const until = q.until ?? endOfDay(now);
  const rows = db
    .prepare(
      `SELECT l.id, ${displayName('l')} AS name, l.phone, l.email, l.status_id, s.code AS status_code, s.category AS status_category,
         l.insurance_type_id, l.next_follow_up_at, l.follow_up_note, l.quoted_premium, l.priority, l.ai_follow_up_priority,
         l.last_contacted_at, l.created_at, l.updated_at
       FROM leads l JOIN lead_statuses s ON s.id = l.status_id
       WHERE l.next_follow_up_at IS NOT NULL AND l.next_follow_up_at <= ? AND l.deleted_at IS NULL AND l.is_converted = 0
         ${q.owner_id ? 'AND l.owner_id = ?' : ''}
       ORDER BY l.next_follow_up_at LIMIT 2000`,
    )
    .all(until, ...(q.owner_id ? [q.owner_id] : [])) as Array<Record<string, unknown>>;
  const nowIso = now.toISOString();
  return rows
    .map((r) => {
      const p = localPriority(
        {
          statusCode: String(r.status_code),
          statusCategory: r.status_category as 'open' | 'won' | 'lost',
          quotedPremium: (r.quoted_premium as number | null) ?? null,
          nextFollowUpAt: String(r.next_follow_up_at),
          lastContactedAt: (r.last_contacted_at as string | null) ?? null,
          createdAt: String(r.created_at),
          manualPriority: Number(r.priority),
          aiPriority: (r.ai_follow_up_priority as number | null) ?? null,
        },
        now,
      );
      return {
        lead_id: String(r.id),
        name: String(r.name),
        phone: (r.phone as string | null) ?? null,
        email: (r.email as string | null) ?? null,
        status_id: String(r.status_id),
        insurance_type_id: String(r.insurance_type_id),
        due_at: String(r.next_follow_up_at),
        overdue: String(r.next_follow_up_at) < nowIso,
        note: (r.follow_up_note as string | null) ?? null,
        quoted_premium: (r.quoted_premium as number | null) ?? null,
        score: p.score,
        reasons: p.reasons,
      };
    })
    .sort((a, b) => b.score - a.score || a.due_at.localeCompare(b.due_at))
    .slice(0, q.limit);
}
