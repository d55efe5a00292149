import type { ReplicaDb } from '../../../db/sqlite/open';
import { cachedStatement } from '../../../db/queries/statements';
import type { LearnedChances } from '../../../db/queries/today';
import { localPriority } from '../../../shared/ai/local-priority';
import {
  chancePercent,
  leadFactorText,
  leadMainFactor,
  leadScorer,
  scoreLead,
  trainLeadModel,
  type LeadFacts,
  type LeadModel,
  type LeadScore,
  type LeadScoreView,
  type TrainView,
} from '../../../shared/score/lead-model';
import { chancesStoredFor, forgetLeadChances } from './lead-chance-store';
import { learnedScore, modelSummary } from './learned-score';
import { namesById, RETRAIN_GROWTH } from './model-store';
import { retentionScore } from './retention-score';

/**
 * The learned lead score on the replica: facts read in one query, the model kept in
 * local_settings. Not synced: it is derived data that every device recomputes from the same
 * synced rows (training is deterministic, so devices agree), it needs no mutation on both
 * stores, and an old app version never has to read a model format it does not know.
 */
const KEY = 'score.lead_model';
/** Retrain when closed leads have grown by this share since the model was trained. */
export { RETRAIN_GROWTH };

const FACTS_SQL = `
SELECT l.id, l.source, l.insurance_type_id AS insuranceTypeId, l.owner_id AS ownerId,
       l.quoted_premium AS quotedPremium, l.current_premium AS currentPremium,
       l.email IS NOT NULL AS hasEmail, l.phone IS NOT NULL AS hasPhone, l.priority,
       CASE WHEN l.is_converted = 1 OR s.category = 'won' THEN 1 WHEN s.category = 'lost' THEN 0 END AS won,
       l.next_follow_up_at AS nextFollowUpAt, l.last_contacted_at AS lastContactedAt,
       l.first_contacted_at AS firstContactedAt, l.created_at AS createdAt,
       l.policy_expiration_date AS policyExpirationDate,
       COALESCE(c.n, 0) + COALESCE(cc.n, 0) AS contacts, COALESCE(nn.n, 0) AS notes, COALESCE(m.n, 0) AS communications
FROM leads l
LEFT JOIN lead_statuses s ON s.id = l.status_id
LEFT JOIN (SELECT lead_id, COUNT(*) AS n FROM contacts WHERE deleted_at IS NULL AND lead_id IS NOT NULL GROUP BY lead_id) c ON c.lead_id = l.id
-- Notes and communications are counted from their lead_id indexes alone (no row read), so a
-- soft-deleted one still counts: it was activity all the same, and reading every row would make
-- scoring 100k leads take seconds.
-- Converting moves the people to the client: count them there, or every won lead looks like it had none.
LEFT JOIN (SELECT client_id, COUNT(*) AS n FROM contacts WHERE deleted_at IS NULL AND client_id IS NOT NULL GROUP BY client_id) cc
  ON cc.client_id = l.converted_to_client_id
LEFT JOIN (SELECT lead_id, COUNT(*) AS n FROM lead_notes WHERE lead_id IS NOT NULL GROUP BY lead_id) nn ON nn.lead_id = l.id
LEFT JOIN (SELECT lead_id, COUNT(*) AS n FROM lead_communications WHERE lead_id IS NOT NULL GROUP BY lead_id) m ON m.lead_id = l.id
WHERE l.deleted_at IS NULL`;

export type LeadRow = LeadFacts & {
  nextFollowUpAt: string | null;
  lastContactedAt: string | null;
  firstContactedAt: string | null;
  createdAt: string;
  policyExpirationDate: string | null;
};

/** The same facts for a few named leads: counted per lead through the indexes, not for every lead. */
const FACTS_BY_ID_SQL = `
SELECT l.id, l.source, l.insurance_type_id AS insuranceTypeId, l.owner_id AS ownerId,
       l.quoted_premium AS quotedPremium, l.current_premium AS currentPremium,
       l.email IS NOT NULL AS hasEmail, l.phone IS NOT NULL AS hasPhone, l.priority,
       CASE WHEN l.is_converted = 1 OR s.category = 'won' THEN 1 WHEN s.category = 'lost' THEN 0 END AS won,
       l.next_follow_up_at AS nextFollowUpAt, l.last_contacted_at AS lastContactedAt,
       l.first_contacted_at AS firstContactedAt, l.created_at AS createdAt,
       l.policy_expiration_date AS policyExpirationDate,
       (SELECT COUNT(*) FROM contacts c WHERE c.deleted_at IS NULL AND c.lead_id = l.id)
         + (SELECT COUNT(*) FROM contacts c WHERE c.deleted_at IS NULL AND c.client_id = l.converted_to_client_id) AS contacts,
       (SELECT COUNT(*) FROM lead_notes n WHERE n.lead_id = l.id) AS notes,
       (SELECT COUNT(*) FROM lead_communications m WHERE m.lead_id = l.id) AS communications
FROM leads l
LEFT JOIN lead_statuses s ON s.id = l.status_id
WHERE l.deleted_at IS NULL AND l.id IN (SELECT value FROM json_each(?))`;

export function readLeadFacts(db: ReplicaDb, leadIds?: readonly string[]): LeadRow[] {
  const rows = (
    leadIds ? db.prepare(FACTS_BY_ID_SQL).all(JSON.stringify(leadIds)) : db.prepare(FACTS_SQL).all()
  ) as Array<Omit<LeadRow, 'hasEmail' | 'hasPhone'> & { hasEmail: number; hasPhone: number }>;
  return rows.map((r) => ({ ...r, hasEmail: r.hasEmail === 1, hasPhone: r.hasPhone === 1 }));
}

/**
 * The fixed rule's score for a lead, as if it were still open: the baseline the model must beat.
 * Only facts known before the end are given (no status, no follow-up that closing cleared).
 */
export function ruleScore(r: LeadRow, now: Date): number {
  return localPriority(
    {
      statusCategory: 'open',
      quotedPremium: r.quotedPremium,
      currentPremium: r.currentPremium,
      lastContactedAt: r.lastContactedAt,
      firstContactedAt: r.firstContactedAt,
      createdAt: r.createdAt,
      policyExpirationDate: r.policyExpirationDate,
      manualPriority: r.priority,
    },
    now,
  ).score;
}

function names(db: ReplicaDb) {
  const types = namesById(db, 'insurance_types', 'name');
  const users = namesById(db, 'users', 'full_name');
  return (c: 'source' | 'type' | 'owner', v: string) =>
    c === 'type' ? (types.get(v) ?? v) : c === 'owner' ? (users.get(v) ?? v) : v;
}

/** Load, train and store, retrain on growth, "retrain now": the scaffolding shared with the retention score. */
export const leadScoreModel = learnedScore<LeadModel>({
  key: KEY,
  kind: 'lead-conversion',
  fit: (db, now) => {
    const rows = readLeadFacts(db);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return trainLeadModel(rows, (f) => ruleScore(byId.get(f.id)!, now), now, names(db));
  },
  outcomes: (db) => closedLeadCount(db),
  // Today's stored chances were the old model's: stale from the same commit (lead-chances.ts refills them).
  saved: forgetLeadChances,
  learned: (n) => `Learned from ${n} closed leads.`,
  tooLittle: (n) => `Not enough history yet: ${n} closed leads; at least 60, with 15 won and 15 lost, are needed.`,
});

export const loadLeadModel = leadScoreModel.load;
/** Trains on the replica's closed leads and stores the model; null (nothing stored) with too little history. */
export const trainLeadScore = leadScoreModel.train;
/** The stored model, first retrained when enough new outcomes arrived (+10%) or none exists yet. */
export const currentLeadModel = leadScoreModel.current;

/** How many leads have an outcome now: compared with the model's count to decide a retrain. */
export function closedLeadCount(db: ReplicaDb): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM leads l LEFT JOIN lead_statuses s ON s.id = l.status_id
         WHERE l.deleted_at IS NULL AND (l.is_converted = 1 OR s.category IN ('won', 'lost'))`,
      )
      .get() as { n: number }
  ).n;
}

/** One lead's score with its top factors; null without a model or for a closed lead. */
export function leadScore(db: ReplicaDb, leadId: string, model = loadLeadModel(db)): LeadScore | null {
  if (!model) return null;
  const row = readLeadFacts(db, [leadId])[0];
  if (!row || row.won !== null) return null;
  return scoreLead(model, row);
}

/**
 * The open leads' facts (all of them, or the ids given), in one statement: the open ones are picked in the
 * scan, and their counts come from lead_activity (kept by triggers, migration 0019), one row per
 * lead, where counting them here read 1.5M index entries at 100k leads. A converted lead is never
 * open, so its client's people (counted by FACTS_SQL) never matter here. `anyStatus`: the ids
 * given whatever their status (today_ranks.chance, whose status is weighed when Today reads it).
 * SQLite migration 0028's triggers make a stored chance stale when any fact read here changes.
 */
const openFactsSql = (byId: boolean, anyStatus = false) => `
SELECT l.id, l.source, l.insurance_type_id, l.owner_id, l.quoted_premium, l.current_premium,
       l.email IS NOT NULL, l.phone IS NOT NULL, l.priority,
       COALESCE(a.contacts, 0), COALESCE(a.notes, 0), COALESCE(a.communications, 0)
FROM leads l
LEFT JOIN lead_statuses s ON s.id = l.status_id
LEFT JOIN lead_activity a ON a.lead_id = l.id
WHERE l.deleted_at IS NULL AND l.is_converted = 0${
  anyStatus ? '' : " AND (s.category IS NULL OR s.category NOT IN ('won', 'lost'))"
}${byId ? ' AND l.id IN (SELECT value FROM json_each(?))' : ''}`;

type OpenFactsRow = [
  id: string,
  source: string | null,
  insuranceTypeId: string,
  ownerId: string,
  quotedPremium: number | null,
  currentPremium: number | null,
  hasEmail: 0 | 1,
  hasPhone: 0 | 1,
  priority: number,
  contacts: number,
  notes: number,
  communications: number,
];

/**
 * Every open lead's probability, by id (the bench's "score all leads"): rows come as arrays into
 * one reused facts object, and the model is applied without an array per lead.
 */
export function scoreOpenLeads(db: ReplicaDb, model: LeadModel): Map<string, number> {
  const score = leadScorer(model);
  const out = new Map<string, number>();
  const f: LeadFacts = {
    id: '',
    source: null,
    insuranceTypeId: null,
    ownerId: '',
    contacts: 0,
    notes: 0,
    communications: 0,
    quotedPremium: null,
    currentPremium: null,
    hasEmail: false,
    hasPhone: false,
    priority: 3,
    won: null,
  };
  for (const r of cachedStatement(db, openFactsSql(false), { raw: true }).iterate() as IterableIterator<OpenFactsRow>)
    out.set(r[0], score(fillOpenFacts(f, r)));
  return out;
}

/** What today_ranks keeps of a lead's chance: whole percent (chancePercent) and the main factor's code. */
export interface StoredChance {
  chance: number;
  factor: number;
}

/**
 * The chance in whole percent (chancePercent) and its main factor (leadMainFactor) of each lead
 * named that is neither deleted nor converted, whatever its status: what today_ranks.chance and
 * chance_factor keep (lead-chances.ts). The same probability as learnedChances gives (leadScorer
 * equals scoreLead's, test/unit/score/score-all.test.ts) and the same factor as its first.
 */
export function chancePercents(db: ReplicaDb, model: LeadModel, ids: readonly string[]): Map<string, StoredChance> {
  const score = leadScorer(model);
  const out = new Map<string, StoredChance>();
  const rows = cachedStatement(db, openFactsSql(true, true), { raw: true }).all(JSON.stringify(ids)) as OpenFactsRow[];
  for (const r of rows) {
    const f = fillOpenFacts({} as LeadFacts, r);
    out.set(r[0], { chance: chancePercent(score(f)), factor: leadMainFactor(model, f) });
  }
  return out;
}

/** Copies one row of openFactsSql into `f` (reused across rows by scoreOpenLeads). */
function fillOpenFacts(f: LeadFacts, r: OpenFactsRow): LeadFacts {
  f.id = r[0];
  f.source = r[1];
  f.insuranceTypeId = r[2];
  f.ownerId = r[3];
  f.quotedPremium = r[4];
  f.currentPremium = r[5];
  f.hasEmail = r[6] === 1;
  f.hasPhone = r[7] === 1;
  f.priority = r[8];
  f.contacts = r[9];
  f.notes = r[10];
  f.communications = r[11];
  f.won = null;
  return f;
}

/**
 * What Today blends into its follow-up priority: each open lead's chance of winning and the
 * reason to show, or nothing when no model has been learned yet (then the fixed rule alone ranks);
 * and whether today_ranks holds this model's chances (lead-chances.ts).
 */
export function learnedChances(db: ReplicaDb): LearnedChances | undefined {
  const model = loadLeadModel(db);
  if (!model) return undefined;
  // Only open leads get a chance, so their counts come from lead_activity like scoreOpenLeads'
  // (counting each lead's notes and calls through the timeline indexes cost ~14 µs a lead).
  return {
    ask: (ids) => {
      const out = new Map<string, LeadScore>();
      const rows = cachedStatement(db, openFactsSql(true), { raw: true }).all(JSON.stringify(ids)) as OpenFactsRow[];
      for (const r of rows) out.set(r[0], scoreLead(model, fillOpenFacts({} as LeadFacts, r), 1));
      return out;
    },
    stored: chancesStoredFor(db, model),
    factor: (code) => leadFactorText(model, code),
  };
}

export function leadScoreView(db: ReplicaDb, leadId: string): LeadScoreView {
  const model = loadLeadModel(db);
  return { score: model ? leadScore(db, leadId, model) : null, model: modelSummary(model) };
}

/** "Retrain now": both learned scores, each with its held-out figures or why none was made. */
export function trainView(db: ReplicaDb, now: Date): TrainView {
  const lead = leadScoreModel.trainAnswer(db, now);
  return { ...lead, retention: retentionScore.trainAnswer(db, now) };
}
