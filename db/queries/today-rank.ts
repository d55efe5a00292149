/**
 * The most pressing overdue follow-ups without scoring the whole backlog. today_ranks (SQLite
 * migration 0025, kept by triggers) holds each open follow-up's `base`: the most its status-free
 * signals can add to the local priority at any moment it is overdue. With its status's stage
 * weight (stageWeight, added here so editing a status leaves nothing stale) that bounds its score
 * from above. Rows are read in bands of that bound, highest first, one statement a band for every
 * status the scope holds (an index range each), and scored exactly; once `need` scores are higher
 * than any unread row could reach, no unread row can enter the page and the scan stops. The page
 * is then the one a scoring of every overdue follow-up gives (test/queries/today-order.test.ts).
 * With a learned model whose chances today_ranks holds (migration 0028), the rows are read in
 * order of `learned_bound` (base + the stored chance, or + 100 where none is stored) instead.
 */
import { stageWeight } from '../../shared/ai/local-priority';
import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/** What the local priority scores, as arrays (cheaper than objects); the order of today.ts's reads. */
export type Candidate = [
  id: string,
  statusId: string,
  nextFollowUpAt: string,
  quotedPremium: number | null,
  priority: number,
  aiPriority: number | null,
  lastContactedAt: string | null,
  createdAt: string,
  /** today_ranks.chance (migration 0028) when read from there: the stored chance in percent, or null. */
  chance?: number | null,
  /** today_ranks.chance_factor (migration 0029): the stored chance's main factor as a code (LearnedChances.factor). */
  chanceFactor?: number | null,
];

/**
 * The today_ranks column the rows are read in order of and what it bounds: `reach` turns a bound
 * of that column plus a stage weight into a bound of the final score. `base`: the rule's score
 * (with a learned chance not stored, counted as 100%); `learned_bound`: twice the blended score.
 */
export interface Bound {
  column: 'base' | 'learned_bound';
  /** The most the column plus a stage weight can be: where the first band starts. */
  top: number;
  /**
   * Points of the column per band: a band is one statement. 6 for the rule, whose page usually
   * sits in the top 25; 6 for learned_bound too (3 points of the blend): at 100k leads the busiest
   * agent's overdue page then reads ~300 rows where 12 read ~560.
   */
  band: number;
  reach: (bound: number) => number;
}

/** Far below any score: a closed status scores 0, so its rows are read only in the last band. */
const CLOSED = -1000;
const FLOOR = -1e9;
const CEILING = 1e9;

const COLUMNS = `lead_id, status_id, next_follow_up_at, quoted_premium, priority, ai_follow_up_priority,
  last_contacted_at, created_at, chance, chance_factor`;

/** The statuses the scope's follow-ups have (known or not), by skipping through the index: one seek each. */
function statusesPresent(db: ReplicaDb, owner: string | null): string[] {
  const where = owner === null ? '' : 'owner_id = @owner AND';
  return cachedStatement(
    db,
    `WITH RECURSIVE s(id) AS (
       SELECT (SELECT min(status_id) FROM today_ranks WHERE ${where} true)
       UNION ALL
       SELECT (SELECT min(status_id) FROM today_ranks WHERE ${where} status_id > s.id) FROM s WHERE s.id IS NOT NULL)
     SELECT id FROM s WHERE id IS NOT NULL`,
    { pluck: true },
  ).all(owner === null ? {} : { owner }) as string[];
}

/** One band: for each status, the overdue rows whose bound (column + its weight) is in [low, high). */
function band(
  db: ReplicaDb,
  owner: string | null,
  column: Bound['column'],
  parts: Array<{ statusId: string; weight: number }>,
  nowIso: string,
  low: number,
  high: number,
): Candidate[] {
  const byOwner = owner === null ? '' : 'owner_id = ? AND';
  const one = `SELECT ${COLUMNS} FROM today_ranks
    WHERE ${byOwner} status_id = ? AND ${column} >= ? AND ${column} < ? AND next_follow_up_at < ?`;
  const args: Array<string | number> = [];
  for (const p of parts) {
    if (owner !== null) args.push(owner);
    args.push(p.statusId, low - p.weight, high - p.weight, nowIso);
  }
  return cachedStatement(db, parts.map(() => one).join('\nUNION ALL\n'), { raw: true }).all(...args) as Candidate[];
}

/**
 * The overdue follow-ups (next_follow_up_at before `nowIso`) that may make a page of `need`, each
 * scored: every one whose score could be among the best `need` is there, with others above the
 * line. `score` scores a band's rows (the learned chances not stored are asked for per band);
 * `bound` names the order the rows are read in and what it bounds.
 */
export function overdueInReach<S extends { score: number }>(
  db: ReplicaDb,
  opts: {
    owner: string | null;
    nowIso: string;
    need: number;
    statuses: ReadonlyMap<string, { code: string; category: 'open' | 'won' | 'lost' }>;
    score: (rows: Candidate[]) => S[];
    bound: Bound;
  },
): S[] {
  const { owner, nowIso, need, statuses, score, bound } = opts;
  if (need <= 0) return [];
  const parts = statusesPresent(db, owner).map((statusId) => {
    const status = statuses.get(statusId);
    const closed = status?.category === 'won' || status?.category === 'lost';
    return { statusId, weight: closed ? CLOSED : stageWeight(status?.code ?? '') };
  });
  if (parts.length === 0) return [];
  const scored: S[] = [];
  let high = CEILING;
  for (let low = bound.top - bound.band; ; low -= bound.band) {
    const last = low <= 0;
    scored.push(...score(band(db, owner, bound.column, parts, nowIso, last ? FLOOR : low, high)));
    if (last) break;
    // Every unread row's bound is below `low`, so its score is at most bound.reach(low) (rounding).
    const line = bound.reach(low);
    let above = 0;
    for (const s of scored) if (s.score > line) above++;
    if (above >= need) break;
    high = low;
  }
  return scored;
}
