/**
 * The most pressing overdue follow-ups without scoring the whole backlog. today_ranks (SQLite
 * migration 0025, kept by triggers) holds each open follow-up's `base`: the most its status-free
 * signals can add to the local priority at any moment it is overdue. With its status's stage
 * weight (stageWeight, added here so editing a status leaves nothing stale) that bounds its score
 * from above. Rows are read in bands of that bound, highest first, one statement a band for every
 * status the scope holds (an index range each), and scored exactly; once `need` scores are higher
 * than any unread row could reach, no unread row can enter the page and the scan stops. The page
 * is then the one a scoring of every overdue follow-up gives (test/queries/today-order.test.ts).
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
];

/** Points of the bound per band: a band is one statement, and the page's scores usually sit in the top 25. */
const BAND = 6;
/** Far below any score: a closed status scores 0, so its rows are read only in the last band. */
const CLOSED = -1000;
const FLOOR = -1e9;
const CEILING = 1e9;

const COLUMNS = `lead_id, status_id, next_follow_up_at, quoted_premium, priority, ai_follow_up_priority,
  last_contacted_at, created_at`;

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

/** One band: for each status, the overdue rows whose bound (base + its weight) is in [low, high). */
function band(
  db: ReplicaDb,
  owner: string | null,
  parts: Array<{ statusId: string; weight: number }>,
  nowIso: string,
  low: number,
  high: number,
): Candidate[] {
  const byOwner = owner === null ? '' : 'owner_id = ? AND';
  const one = `SELECT ${COLUMNS} FROM today_ranks
    WHERE ${byOwner} status_id = ? AND base >= ? AND base < ? AND next_follow_up_at < ?`;
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
 * line. `score` scores a band's rows (the learned chances are asked for per band); `reach` turns a
 * bound of the rule's score into a bound of the final score (with a learned chance: as if 100%).
 */
export function overdueInReach<S extends { score: number }>(
  db: ReplicaDb,
  opts: {
    owner: string | null;
    nowIso: string;
    need: number;
    statuses: ReadonlyMap<string, { code: string; category: 'open' | 'won' | 'lost' }>;
    score: (rows: Candidate[]) => S[];
    reach: (rule: number) => number;
  },
): S[] {
  const { owner, nowIso, need, statuses, score, reach } = opts;
  if (need <= 0) return [];
  const parts = statusesPresent(db, owner).map((statusId) => {
    const status = statuses.get(statusId);
    const closed = status?.category === 'won' || status?.category === 'lost';
    return { statusId, weight: closed ? CLOSED : stageWeight(status?.code ?? '') };
  });
  if (parts.length === 0) return [];
  const scored: S[] = [];
  let high = CEILING;
  for (let low = 100 - BAND; ; low -= BAND) {
    const last = low <= 0;
    scored.push(...score(band(db, owner, parts, nowIso, last ? FLOOR : low, high)));
    if (last) break;
    // Every unread row's bound is below `low`, so its rule score is at most `low` (rounding).
    const line = reach(low);
    let above = 0;
    for (const s of scored) if (s.score > line) above++;
    if (above >= need) break;
    high = low;
  }
  return scored;
}
