import type { z } from 'zod';
import { localPriority, localScore, type LocalPriorityInput } from '../../shared/ai/local-priority';
import type { todayQuery } from '../../shared/api/inputs';
import type { TodayItem, TodayList } from '../../shared/api/types';
import { chancePercent } from '../../shared/score/lead-model';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';
import { cachedStatement } from './statements';
import { todayCounts } from './today-counts';
import { overdueInReach, type Bound, type Candidate } from './today-rank';
import { userNames } from './user-names';

/** End of the local calendar day of `now` (the device's time zone), as an ISO instant. */
function endOfDay(now: Date): string {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/**
 * With a learned model, half of the priority is the rule's urgency (overdue, due soon) and half
 * the lead's learned chance of winning (in whole percent, `pct`), so a likely deal comes before an
 * unlikely one due as soon. Rule and pct are whole, so the blend is (rule + pct) / 2 exactly.
 */
type Chance = { probability: number; factors: Array<{ text: string }> };
const blendScore = (rule: number, pct: number | undefined): number =>
  pct === undefined ? rule : Math.round((rule * 0.5 + pct * 0.5) * 10) / 10;

function blend(
  rule: { score: number; reasons: string[] },
  pct: number | undefined,
  factor: string | null | undefined,
): { score: number; reasons: string[] } {
  if (pct === undefined) return { score: rule.score, reasons: rule.reasons };
  const why = factor ? ` (${factor.toLowerCase()})` : '';
  return {
    score: blendScore(rule.score, pct),
    reasons: [`${pct}% likely to win${why}`, ...rule.reasons].slice(0, 4),
  };
}

type Scored = { candidate: Candidate; due_at: string; score: number };
/** The page's shown columns, as arrays (objects for 100 rows cost a tenth of a millisecond more). */
type Shown = [
  id: string,
  name: string,
  phone: string | null,
  email: string | null,
  statusId: string,
  insuranceTypeId: string,
  followUpNote: string | null,
  quotedPremium: number | null,
  ownerId: string | null,
];

/**
 * A backlog of at most this many pages of overdue follow-ups is read whole, in due order (cheaper
 * than ranking it by its bound when the bound cannot rule much out); past it, overdueInReach.
 */
const SMALL_BACKLOG = 4;

const OPEN_FOLLOW_UPS = 'l.next_follow_up_at IS NOT NULL AND l.deleted_at IS NULL AND l.is_converted = 0';
const CANDIDATE = `l.id, l.status_id, l.next_follow_up_at, l.quoted_premium, l.priority, l.ai_follow_up_priority,
  l.last_contacted_at, l.created_at`;

/**
 * Follow-ups due today and overdue, ordered by the deterministic local priority (no AI needed,
 * so Today stays ordered offline), with true counts of overdue, due today and upcoming.
 * Overdue and due-today rows are read apart, so a long overdue backlog cannot push today's
 * items out of the list. `scope: 'mine'` (the default) keeps the signed-in user's own leads;
 * `owner_id` names another owner; `team` is everything this replica may show.
 * Due-today rows come from idx_leads_owner_follow_ups (one owner) or idx_leads_next_follow_up_at
 * (the team), as does a short overdue backlog; a long one is ranked through today_ranks
 * (today-rank.ts), reading only the rows whose bound could still make the page. Either way the
 * page is the one that scoring every overdue follow-up gives. No lead row is read until the page
 * is chosen.
 */
/** Each lead's learned chance of winning with its main factor (electron/main/score), when a model exists. */
export interface LearnedChances {
  /** The chances of the open leads among `ids` (a lead whose status is closed has none). */
  ask: (ids: readonly string[]) => Map<string, Chance>;
  /**
   * today_ranks.chance holds this model's chances (chancePercent) where it is not NULL (SQLite
   * migration 0028, electron/main/score/lead-chances.ts), each with its main factor's code in
   * chance_factor (0029): the backlog is then read in order of its blended bound and only the
   * rows without a chance are asked.
   */
  stored: boolean;
  /** The text of a stored main factor's code (the model's factors[0].text for the lead), null for none. */
  factor: (code: number) => string | null;
}

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

  const counts = todayCounts(db, owner, nowIso, until);

  // A handful of statuses, read apart: a join per candidate doubled the cost of the backlog.
  const statuses = new Map(
    (
      cachedStatement(db, 'SELECT id, code, category FROM lead_statuses', { raw: true }).all() as Array<
        [string, string, 'open' | 'won' | 'lost']
      >
    ).map(([id, code, category]) => [id, { code, category }]),
  );
  // Candidates are read from idx_leads_owner_follow_ups (for one owner) with only the columns the
  // priority scores; the shown columns are read for the page's leads alone. Equal times come in
  // id order: that index's own (is_converted is 0 throughout), idx_leads_next_follow_up_at's for the team.
  const select = (range: string, limit: number, args: string[]) =>
    cachedStatement(
      db,
      `SELECT ${CANDIDATE} FROM leads l WHERE ${OPEN_FOLLOW_UPS} AND ${range} ${byOwner}
       ORDER BY l.next_follow_up_at ASC${owner ? '' : ', l.id'} LIMIT ${limit}`,
      { raw: true },
    ).all(...args, ...ownerArg) as Candidate[];
  const dueToday = select('l.next_follow_up_at >= ? AND l.next_follow_up_at <= ?', q.limit, [nowIso, until]);

  // The learned chances of the rows read, asked for batch by batch (the backlog is read in bands):
  // those stored in today_ranks are taken as they are, the others (not yet known, or stale) asked.
  const chances = new Map<string, Chance>();
  const storedChance = (c: Candidate) => (learned?.stored && c[8] != null ? c[8] : undefined);
  const ask = (rows: Candidate[]) => {
    if (!learned) return;
    const ids = rows.filter((r) => storedChance(r) === undefined && !chances.has(r[0])).map((r) => r[0]);
    if (ids.length > 0) for (const [id, chance] of learned.ask(ids)) chances.set(id, chance);
  };
  // A closed status has no chance: the rule alone scores it, as the model gives none for it.
  const pctOf = (c: Candidate): number | undefined => {
    if (!learned) return undefined;
    const category = statuses.get(c[1])?.category;
    if (category === 'won' || category === 'lost') return undefined;
    const stored = storedChance(c);
    if (stored !== undefined) return stored;
    const live = chances.get(c[0]);
    return live ? chancePercent(live.probability) : undefined;
  };
  const input = ([, statusId, due, premium, priority, ai, lastContacted, created]: Candidate): LocalPriorityInput => {
    const status = statuses.get(statusId);
    return {
      statusCode: status?.code ?? null,
      statusCategory: status?.category ?? null,
      quotedPremium: premium,
      nextFollowUpAt: due,
      lastContactedAt: lastContacted,
      createdAt: created,
      manualPriority: Number(priority),
      aiPriority: ai,
    };
  };
  // Every candidate is scored, but the reasons (text) are built only for the ones shown.
  const score = (c: Candidate): Scored => ({
    candidate: c,
    due_at: c[2],
    score: blendScore(localScore(input(c), now), pctOf(c)),
  });
  const scoreAll = (rows: Candidate[]) => {
    ask(rows);
    return rows.map(score);
  };
  // Equal scores and times by id, so the order rests neither on a plan nor on how the rows were read.
  const byScore = (a: Scored, b: Scored) =>
    b.score - a.score ||
    a.due_at.localeCompare(b.due_at) ||
    (a.candidate[0] < b.candidate[0] ? -1 : a.candidate[0] > b.candidate[0] ? 1 : 0);
  // Today's items first claim their share of the limit, then the most pressing overdue ones fill it.
  const todayItems = scoreAll(dueToday).sort(byScore);
  const need = Math.max(0, q.limit - todayItems.length);
  // A short backlog is read whole; a long one only as far as a row could still make the page. With
  // the chances stored, only one that the page takes whole: reading more would ask the model for
  // each row, where ranking asks only for those whose chance is not stored.
  const small = learned?.stored ? need : SMALL_BACKLOG * need;
  let overdue = need > 0 && counts.overdue <= small ? select('l.next_follow_up_at < ?', small + 1, [nowIso]) : null;
  if (overdue && overdue.length > small) overdue = null;
  // With the chances stored, (learned_bound + weight) / 2 bounds the blended score; without them
  // the rule's bound (base + weight) is blended with a chance of 100%.
  const bound: Bound = learned?.stored
    ? { column: 'learned_bound', top: 200, band: 6, reach: (b) => b / 2 }
    : { column: 'base', top: 100, band: 6, reach: (b) => blendScore(b, learned ? 100 : undefined) };
  const overdueItems = (
    overdue ? scoreAll(overdue) : overdueInReach(db, { owner, nowIso, need, statuses, score: scoreAll, bound })
  )
    .sort(byScore)
    .slice(0, need);
  const page = [...overdueItems, ...todayItems].sort(byScore);
  // The reasons name the chance's main factor: stored with the chance (0029), so the model is asked
  // only for a stored chance without one (none once the chances are refilled after that migration).
  if (learned?.stored) {
    const ids = page.filter((p) => storedChance(p.candidate) !== undefined && p.candidate[9] == null);
    if (ids.length > 0) for (const [id, chance] of learned.ask(ids.map((p) => p.candidate[0]))) chances.set(id, chance);
  }
  const factorOf = (c: Candidate): string | null | undefined =>
    storedChance(c) !== undefined && c[9] != null ? learned!.factor(c[9]) : chances.get(c[0])?.factors[0]?.text;
  const names = userNames(db);
  // The page's shown columns in one statement: a statement per lead cost more than the reads.
  const shown = new Map(
    (
      cachedStatement(
        db,
        `SELECT l.id, ${displayName('l')} AS name, l.phone, l.email, l.status_id, l.insurance_type_id, l.follow_up_note,
           l.quoted_premium, l.owner_id FROM leads l WHERE l.id IN (SELECT value FROM json_each(?))`,
        { raw: true },
      ).all(JSON.stringify(page.map((c) => c.candidate[0]))) as Shown[]
    ).map((r) => [r[0], r]),
  );
  const items = page.map(({ candidate, due_at, score }): TodayItem => {
    const id = candidate[0];
    const [, name, phone, email, status_id, insurance_type_id, note, quoted_premium, owner_id] = shown.get(id)!;
    return {
      lead_id: id,
      name: String(name),
      phone,
      email,
      status_id,
      insurance_type_id,
      due_at,
      overdue: due_at < nowIso,
      note,
      quoted_premium,
      owner_id,
      owner_name: owner_id ? (names.get(owner_id) ?? null) : null,
      score,
      reasons: blend(localPriority(input(candidate), now), pctOf(candidate), factorOf(candidate)).reasons,
    };
  });
  return { counts, items };
}
