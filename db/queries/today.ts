import type { z } from 'zod';
import { localPriority } from '../../shared/ai/local-priority';
import type { todayQuery } from '../../shared/api/inputs';
import type { TodayItem, TodayList } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';
import { userNames } from './user-names';

/** End of the local calendar day of `now` (the device's time zone), as an ISO instant. */
function endOfDay(now: Date): string {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/**
 * With a learned model, half of the priority is the rule's urgency (overdue, due soon) and half
 * the lead's learned chance of winning, so a likely deal comes before an unlikely one due as soon.
 */
function blend(
  rule: { score: number; reasons: string[] },
  chance: { probability: number; factors: Array<{ text: string }> } | undefined,
): { score: number; reasons: string[] } {
  if (!chance) return { score: rule.score, reasons: rule.reasons };
  const pct = Math.round(chance.probability * 100);
  const why = chance.factors[0] ? ` (${chance.factors[0].text.toLowerCase()})` : '';
  return {
    score: Math.round((rule.score * 0.5 + pct * 0.5) * 10) / 10,
    reasons: [`${pct}% likely to win${why}`, ...rule.reasons].slice(0, 4),
  };
}

/** Overdue rows scored per visit; past this many (oldest first) the rest wait for the next visit. */
const OVERDUE_SCAN = 2000;

const OPEN_FOLLOW_UPS = 'l.next_follow_up_at IS NOT NULL AND l.deleted_at IS NULL AND l.is_converted = 0';

/**
 * Follow-ups due today and overdue, ordered by the deterministic local priority (no AI needed,
 * so Today stays ordered offline), with true counts of overdue, due today and upcoming.
 * Overdue and due-today rows are read apart, so a long overdue backlog cannot push today's
 * items out of the list. `scope: 'mine'` (the default) keeps the signed-in user's own leads;
 * `owner_id` names another owner; `team` is everything this replica may show.
 * Walks idx_leads_next_follow_up_at.
 */
/** Each lead's learned chance of winning with its main factor (electron/main/score), when a model exists. */
export type LearnedChances = (
  ids: readonly string[],
) => Map<string, { probability: number; factors: Array<{ text: string }> }>;

export function today(
  db: ReplicaDb,
  q: z.output<typeof todayQuery>,
  now: Date,
  actorId: string,
  learned?: LearnedChances,
): TodayList {
  const until = q.until ?? endOfDay(now);
  const nowIso = now.toISOString();
  const owner = q.owner_id ?? (q.scope === 'mine' ? actorId : null);
  const byOwner = owner ? 'AND l.owner_id = ?' : '';
  const ownerArg = owner ? [owner] : [];

  const counts = db
    .prepare(
      `SELECT count(*) FILTER (WHERE l.next_follow_up_at < ?) AS overdue,
         count(*) FILTER (WHERE l.next_follow_up_at >= ? AND l.next_follow_up_at <= ?) AS due_today,
         count(*) FILTER (WHERE l.next_follow_up_at > ?) AS upcoming
       FROM leads l WHERE ${OPEN_FOLLOW_UPS} ${byOwner}`,
    )
    .get(nowIso, nowIso, until, until, ...ownerArg) as TodayList['counts'];

  const select = (range: string, order: string, limit: number, args: string[]) =>
    db
      .prepare(
        `SELECT l.id, ${displayName('l')} AS name, l.phone, l.email, l.status_id, s.code AS status_code, s.category AS status_category,
           l.insurance_type_id, l.next_follow_up_at, l.follow_up_note, l.quoted_premium, l.priority, l.ai_follow_up_priority,
           l.last_contacted_at, l.created_at, l.updated_at, l.owner_id
         FROM leads l JOIN lead_statuses s ON s.id = l.status_id
         WHERE ${OPEN_FOLLOW_UPS} AND ${range} ${byOwner}
         ORDER BY l.next_follow_up_at ${order} LIMIT ${limit}`,
      )
      .all(...args, ...ownerArg) as Array<Record<string, unknown>>;
  const dueToday = select('l.next_follow_up_at >= ? AND l.next_follow_up_at <= ?', 'ASC', q.limit, [nowIso, until]);
  const overdue = select('l.next_follow_up_at < ?', 'ASC', OVERDUE_SCAN, [nowIso]);

  const names = userNames(db);
  const chances = learned?.([...dueToday, ...overdue].map((r) => String(r.id)));
  const score = (r: Record<string, unknown>): TodayItem => {
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
      owner_id: (r.owner_id as string | null) ?? null,
      owner_name: r.owner_id ? (names.get(String(r.owner_id)) ?? null) : null,
      ...blend(p, chances?.get(String(r.id))),
    };
  };
  const byScore = (a: TodayItem, b: TodayItem) => b.score - a.score || a.due_at.localeCompare(b.due_at);
  // Today's items first claim their share of the limit, then the most pressing overdue ones fill it.
  const todayItems = dueToday.map(score).sort(byScore);
  const overdueItems = overdue
    .map(score)
    .sort(byScore)
    .slice(0, Math.max(0, q.limit - todayItems.length));
  return { counts, items: [...overdueItems, ...todayItems].sort(byScore) };
}
