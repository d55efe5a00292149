/**
 * Today's counts of overdue, due-today and upcoming follow-ups, exact, at the cost of a number of
 * days rather than of follow-ups: whole days come from rollup_follow_ups (open follow-ups by owner
 * and UTC day, kept by triggers, migration 0022) and only the day holding `now` and the day holding
 * `until` are counted from the leads, through idx_leads_owner_follow_ups (one owner) or
 * idx_leads_next_follow_up_at (the team).
 *
 * Follow-up times compare as text, and a text whose first ten characters sort before those of X
 * sorts before X itself, after them after it. So the follow-ups before X are those of the earlier
 * day buckets plus those of X's own day that are before X (and likewise up to and including X).
 */
import type { TodayList } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

const OPEN = 'l.next_follow_up_at IS NOT NULL AND l.deleted_at IS NULL AND l.is_converted = 0';

/** `owner` null: every owner's follow-ups on this replica (the team scope). */
export function todayCounts(db: ReplicaDb, owner: string | null, nowIso: string, until: string): TodayList['counts'] {
  const byOwner = owner === null ? '' : 'AND owner_id = @owner';
  const leadsOfOwner = owner === null ? '' : 'AND l.owner_id = @owner';
  const [total, beforeNow, throughUntil] = cachedStatement(
    db,
    `WITH days AS (
       SELECT coalesce(sum(n), 0) AS total,
         coalesce(sum(n) FILTER (WHERE day < substr(@now, 1, 10)), 0) AS before_now,
         coalesce(sum(n) FILTER (WHERE day < substr(@until, 1, 10)), 0) AS before_until
       FROM rollup_follow_ups WHERE true ${byOwner})
     SELECT total,
       before_now + (SELECT count(*) FROM leads l WHERE ${OPEN} ${leadsOfOwner}
         AND l.next_follow_up_at >= substr(@now, 1, 10) AND l.next_follow_up_at < @now),
       before_until + (SELECT count(*) FROM leads l WHERE ${OPEN} ${leadsOfOwner}
         AND l.next_follow_up_at >= substr(@until, 1, 10) AND l.next_follow_up_at <= @until)
     FROM days`,
    { raw: true },
  ).get(owner === null ? { now: nowIso, until } : { now: nowIso, until, owner }) as [number, number, number];
  return {
    overdue: beforeNow,
    due_today: Math.max(0, throughUntil - beforeNow),
    upcoming: total - throughUntil,
  };
}
