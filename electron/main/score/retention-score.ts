import type { ReplicaDb } from '../../../db/sqlite/open';
import type { BinaryScore } from '../../../shared/score/binary-model';
import { retentionRisk } from '../../../shared/book/retention';
import {
  renewalScorer,
  scoreTerm,
  trainRetentionModel,
  type PolicyScoreView,
  type RetentionModel,
  type TermFacts,
} from '../../../shared/score/retention-model';
import { learnedScore, modelSummary } from './learned-score';
import { namesById } from './model-store';
import { forEachOpenTerm } from './open-terms';

/**
 * The learned policy retention score on the replica, beside the lead score (lead-score.ts):
 * terms' facts read in a few grouped queries, the model kept in local_settings, retrained when
 * terms with a known outcome grew by 10%. The fixed rule (shared/book/retention.ts) stays the
 * answer while there is too little history.
 */
const KEY = 'score.retention_model';

const TERMS_SQL = `
SELECT p.id, p.client_id AS clientId, p.premium_change_pct AS premiumChangePct, p.written_premium AS writtenPremium,
       p.commission_rate AS commissionRate, p.insurance_type_id AS insuranceTypeId, p.carrier_id AS carrierId,
       p.billing, p.effective_date AS effectiveDate, p.expiration_date AS expirationDate,
       p.renews_policy_id AS renewsPolicyId,
       -- The client's policies in force when this term comes up for renewal (itself included, its
       -- own renewal not): what the decision saw, not what is left after it.
       (SELECT COUNT(*) FROM policies o WHERE o.client_id = p.client_id AND o.deleted_at IS NULL
          AND o.effective_date < p.expiration_date AND o.expiration_date >= p.expiration_date
          AND (o.cancellation_date IS NULL OR o.cancellation_date >= p.expiration_date)) AS inForce,
       c.client_since AS clientSince, c.last_contact_at AS lastContactAt, c.household_id AS householdId,
       CASE WHEN p.status = 'renewed'
              OR EXISTS (SELECT 1 FROM policies n WHERE n.renews_policy_id = p.id AND n.deleted_at IS NULL) THEN 1
            WHEN p.status IN ('non_renewed', 'cancelled', 'expired') THEN 0 END AS renewed
FROM policies p JOIN clients c ON c.id = p.client_id
WHERE p.deleted_at IS NULL`;

/** Per-client counts, for every client or for the clients of a few terms (the ids as one JSON array). */
const CLIENT_SQL = (scope: string) => ({
  policies: `SELECT client_id AS id, SUM(renews_policy_id IS NULL) AS chains, SUM(status = 'active') AS live
    FROM policies WHERE deleted_at IS NULL ${scope} GROUP BY client_id`,
  tickets: `SELECT client_id AS id, COUNT(*) AS n, SUM(status IN ('open', 'pending')) AS open
    FROM support_tickets WHERE deleted_at IS NULL ${scope} GROUP BY client_id`,
  households: `SELECT household_id AS id, COUNT(*) AS n FROM clients WHERE deleted_at IS NULL AND household_id IS NOT NULL
    ${scope.replace('client_id', 'household_id')} GROUP BY household_id`,
});

export type TermRow = TermFacts & {
  clientId: string;
  expirationDate: string;
  clientSince: string | null;
  lastContactAt: string | null;
  livePolicies: number;
  openTickets: number;
};

type RawTerm = Omit<TermFacts, 'priorTerms' | 'clientYears' | 'clientPolicies' | 'householdMembers' | 'tickets'> & {
  clientId: string;
  effectiveDate: string;
  expirationDate: string;
  renewsPolicyId: string | null;
  clientSince: string | null;
  lastContactAt: string | null;
  householdId: string | null;
};

const YEAR = 365.25 * 86_400_000;
/** From this many named terms on, the per-client counts and the chains are read for the whole table. */
const WHOLE_TABLE_AT = 2000;

/** Every live (not deleted) term's facts, or a few named terms'. */
export function readTermFacts(db: ReplicaDb, policyIds?: readonly string[]): TermRow[] {
  const raw = (
    policyIds
      ? db.prepare(`${TERMS_SQL} AND p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(policyIds))
      : db.prepare(TERMS_SQL).all()
  ) as RawTerm[];
  if (raw.length === 0) return [];
  // Many terms (every live one, to rank them all): one pass over each table beats probing its index per id.
  const scoped = policyIds !== undefined && policyIds.length < WHOLE_TABLE_AT;
  const clients = scoped ? JSON.stringify([...new Set(raw.map((r) => r.clientId))]) : null;
  const households = scoped
    ? JSON.stringify([...new Set(raw.map((r) => r.householdId).filter((h) => h !== null))])
    : null;
  const sql = CLIENT_SQL(scoped ? 'AND client_id IN (SELECT value FROM json_each(?))' : '');
  const args = (v: string | null) => (v === null ? [] : [v]);
  const pol = new Map(
    (db.prepare(sql.policies).all(...args(clients)) as Array<{ id: string; chains: number; live: number }>).map((r) => [
      r.id,
      r,
    ]),
  );
  const tix = new Map(
    (db.prepare(sql.tickets).all(...args(clients)) as Array<{ id: string; n: number; open: number }>).map((r) => [
      r.id,
      r,
    ]),
  );
  const hh = new Map(
    (db.prepare(sql.households).all(...args(households)) as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]),
  );
  const depth = priorTermsOf(db, raw, !scoped);
  return raw.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    expirationDate: r.expirationDate,
    inForce: r.inForce,
    premiumChangePct: r.premiumChangePct,
    writtenPremium: r.writtenPremium,
    commissionRate: r.commissionRate,
    insuranceTypeId: r.insuranceTypeId,
    carrierId: r.carrierId,
    billing: r.billing,
    renewed: r.renewed,
    priorTerms: depth.get(r.id) ?? 0,
    clientYears: r.clientSince ? (Date.parse(r.effectiveDate) - Date.parse(r.clientSince)) / YEAR : 0,
    clientPolicies: pol.get(r.clientId)?.chains ?? 0,
    householdMembers: r.householdId ? (hh.get(r.householdId) ?? 1) : 1,
    tickets: tix.get(r.clientId)?.n ?? 0,
    clientSince: r.clientSince,
    lastContactAt: r.lastContactAt,
    livePolicies: pol.get(r.clientId)?.live ?? 0,
    openTickets: tix.get(r.clientId)?.open ?? 0,
  }));
}

/**
 * How many terms precede each term in its chain, walking up by renews_policy_id: the terms read
 * give their own parents; the older terms not read are fetched a whole generation per query.
 */
function priorTermsOf(db: ReplicaDb, raw: readonly RawTerm[], wholeTable: boolean): Map<string, number> {
  const prev = new Map<string, string | null>(raw.map((r) => [r.id, r.renewsPolicyId]));
  if (wholeTable)
    for (const row of db.prepare('SELECT id, renews_policy_id AS p FROM policies').all() as Array<{
      id: string;
      p: string | null;
    }>)
      prev.set(row.id, row.p);
  const up = db.prepare('SELECT id, renews_policy_id AS p FROM policies WHERE id IN (SELECT value FROM json_each(?))');
  let missing = [...new Set(raw.map((r) => r.renewsPolicyId).filter((p) => p !== null && !prev.has(p)))] as string[];
  while (missing.length > 0) {
    for (const row of up.all(JSON.stringify(missing)) as Array<{ id: string; p: string | null }>)
      prev.set(row.id, row.p);
    const next = new Set<string>();
    for (const id of missing) {
      if (!prev.has(id)) prev.set(id, null);
      const p = prev.get(id);
      if (p && !prev.has(p)) next.add(p);
    }
    missing = [...next];
  }
  const out = new Map<string, number>();
  // Chains are a few terms long and have no cycle (a term renews an older one only).
  const walk = (id: string): number => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const p = prev.get(id) ?? null;
    const n = p === null ? 0 : walk(p) + 1;
    out.set(id, n);
    return n;
  };
  for (const r of raw) walk(r.id);
  return out;
}

/**
 * The fixed rule as a chance to renew (100 − risk). A decided term is judged as on its expiration
 * day with what was known then (policies in force, tenure, no contact later than that day), so the
 * rule is not handed the outcome (a non-renewal leaves fewer live policies); a live one as of now.
 */
export function ruleRenewal(r: TermRow, now: Date): number {
  const at = r.renewed === null ? now : new Date(`${r.expirationDate}T00:00:00Z`);
  const contact = r.lastContactAt && Date.parse(r.lastContactAt) > at.getTime() ? at.toISOString() : r.lastContactAt;
  return (
    100 -
    retentionRisk(
      {
        premiumChangePct: r.premiumChangePct,
        clientSince: r.clientSince,
        openTickets: r.openTickets,
        lastContactAt: contact,
        livePolicies: r.renewed === null ? r.livePolicies : r.inForce,
      },
      at,
    ).score
  );
}

function names(db: ReplicaDb) {
  const types = namesById(db, 'insurance_types', 'name');
  const carriers = namesById(db, 'carriers', 'name');
  return (c: 'line' | 'carrier' | 'billing', v: string) =>
    c === 'line' ? (types.get(v) ?? v) : c === 'carrier' ? (carriers.get(v) ?? v) : v;
}

/** Load, train and store, retrain on growth, "retrain now": the scaffolding shared with the lead score. */
export const retentionScore = learnedScore<RetentionModel>({
  key: KEY,
  kind: 'policy-retention',
  fit: (db, now) => {
    const rows = readTermFacts(db);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return trainRetentionModel(rows, (f) => ruleRenewal(byId.get(f.id)!, now), now, names(db));
  },
  outcomes: (db) => decidedTermCount(db),
  learned: (n) => `Learned from ${n} decided policy terms.`,
  tooLittle: (n) =>
    `Not enough renewal history yet: ${n} decided policy terms; at least 60, with 15 renewed and 15 not, are needed.`,
});

export const loadRetentionModel = retentionScore.load;
/** Trains on the replica's decided terms and stores the model; null (nothing stored) with too little history. */
export const trainRetentionScore = retentionScore.train;
/** The stored model, first retrained when enough new outcomes arrived (+10%) or none exists yet. */
export const currentRetentionModel = retentionScore.current;

/** Terms whose outcome is known: compared with the model's count to decide a retrain. */
export function decidedTermCount(db: ReplicaDb): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM policies WHERE deleted_at IS NULL
         AND status IN ('renewed', 'non_renewed', 'cancelled', 'expired')`,
      )
      .get() as { n: number }
  ).n;
}

/** Live terms' likelihood to renew with their top reason, by id; undefined without a model (the rule ranks). */
export function learnedRenewals(db: ReplicaDb): ((ids: readonly string[]) => Map<string, BinaryScore>) | undefined {
  const model = loadRetentionModel(db);
  if (!model) return undefined;
  return (ids) => {
    const out = new Map<string, BinaryScore>();
    for (const r of readTermFacts(db, ids)) if (r.renewed === null) out.set(r.id, scoreTerm(model, r, 1));
    return out;
  };
}

/**
 * Every undecided term's chance to renew, by id (the bench's "score all policies"): one pass
 * over policies and clients (open-terms.ts), not the per-term probes of readTermFacts.
 */
export function scoreOpenTerms(db: ReplicaDb, model: RetentionModel): Map<string, number> {
  const score = renewalScorer(model);
  const out = new Map<string, number>();
  forEachOpenTerm(db, (f) => out.set(f.id, score(f)));
  return out;
}

export function policyScoreView(db: ReplicaDb, policyId: string): PolicyScoreView {
  const model = loadRetentionModel(db);
  const row = model ? readTermFacts(db, [policyId])[0] : undefined;
  return {
    score: model && row && row.renewed === null ? scoreTerm(model, row) : null,
    model: modelSummary(model),
  };
}
