/**
 * Today's counts of overdue, due-today and upcoming follow-ups, exact, at the cost of a number of
 * days and a part of one day rather than of follow-ups: whole days come from rollup_follow_ups
 * (open follow-ups by owner and UTC day, kept by triggers, migration 0022) and only part of the day
 * holding `now` and of the day holding `until` is counted from the leads, through
 * idx_leads_owner_follow_ups (one owner) or idx_leads_next_follow_up_at (the team).
 *
 * Follow-up times compare as text, and a text whose first ten characters sort before those of X
 * sorts before X itself, after them after it. So the follow-ups before X are those of the earlier
 * day buckets plus those of X's own day that are before X; or, the same, the earlier buckets and
 * X's own bucket less those of X's day from X on. Whichever side of X is the shorter part of its
 * day is counted from the rows: a day's follow-ups grow with the book (the busiest agent has ~700
 * before 6 pm at 100k leads, and the whole part before X was counted, twice on an overdue page).
 */
import type { TodayList } from '../../shared/api/types';
import { addDaysToDate } from '../../shared/book/terms';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

const OPEN = 'l.next_follow_up_at IS NOT NULL AND l.deleted_at IS NULL AND l.is_converted = 0';

/** The UTC day after the day of `iso` (its first ten characters), as text. */
const nextDay = (iso: string) => addDaysToDate(iso.slice(0, 10), 1);

/** Whether X's time of day is past noon (UTC): then the part of its day from X on is the shorter. */
const late = (iso: string) => iso.slice(11, 13) >= '12';

/**
 * SQL for the follow-ups before X (`inclusive`: up to and including X) given the day sums of the
 * `days` CTE: the earlier buckets plus the rows of X's day before X, or X's bucket less the rows
 * from X to the end of its day. `p` names X's parameters: @p (X), @p_day, @p_next.
 */
function before(p: string, inclusive: boolean, fromEnd: boolean, leadsOfOwner: string): string {
  const rows = (range: string) => `(SELECT count(*) FROM leads l WHERE ${OPEN} ${leadsOfOwner} AND ${range})`;
  return fromEnd
    ? `${p}_before + ${p}_own - ${rows(`l.next_follow_up_at ${inclusive ? '>' : '>='} @${p} AND l.next_follow_up_at < @${p}_next`)}`
    : `${p}_before + ${rows(`l.next_follow_up_at >= @${p}_day AND l.next_follow_up_at ${inclusive ? '<=' : '<'} @${p}`)}`;
}

/** `owner` null: every owner's follow-ups on this replica (the team scope). */
export function todayCounts(db: ReplicaDb, owner: string | null, nowIso: string, until: string): TodayList['counts'] {
  const byOwner = owner === null ? '' : 'AND owner_id = @owner';
  const leadsOfOwner = owner === null ? '' : 'AND l.owner_id = @owner';
  const [nowLate, untilLate] = [late(nowIso), late(until)];
  const [total, beforeNow, throughUntil] = cachedStatement(
    db,
    `WITH days AS (
       SELECT coalesce(sum(n), 0) AS total,
         coalesce(sum(n) FILTER (WHERE day < @now_day), 0) AS now_before,
         coalesce(sum(n) FILTER (WHERE day = @now_day), 0) AS now_own,
         coalesce(sum(n) FILTER (WHERE day < @until_day), 0) AS until_before,
         coalesce(sum(n) FILTER (WHERE day = @until_day), 0) AS until_own
       FROM rollup_follow_ups WHERE true ${byOwner})
     SELECT total, ${before('now', false, nowLate, leadsOfOwner)}, ${before('until', true, untilLate, leadsOfOwner)}
     FROM days`,
    { raw: true },
  ).get({
    now: nowIso,
    now_day: nowIso.slice(0, 10),
    now_next: nextDay(nowIso),
    until,
    until_day: until.slice(0, 10),
    until_next: nextDay(until),
    ...(owner === null ? {} : { owner }),
  }) as [number, number, number];
  return {
    overdue: beforeNow,
    due_today: Math.max(0, throughUntil - beforeNow),
    upcoming: total - throughUntil,
  };
}
