import type { ReplicaDb } from '../../../db/sqlite/open';
import { cachedStatement } from '../../../db/queries/statements';
import type { TermFacts } from '../../../shared/score/retention-model';

/**
 * Every undecided term's facts for ranking them all, in one statement that reads the live terms
 * client by client from idx_policies_live_score alone (it holds every column named here, so no
 * term's row is read) and counts the rest through indexes, term by term:
 * the same facts readTermFacts gives (retention-score.ts) for a term with no outcome. Reading
 * whole tables into JS maps instead costs more at 100k leads: handing 124k policies' ids and
 * dates across to JS takes longer than SQLite takes to probe a client's few terms.
 */
const OPEN_TERMS_SQL = `
SELECT p.id, p.premium_change_pct, p.written_premium, p.commission_rate, p.insurance_type_id, p.carrier_id,
       p.billing, p.effective_date, c.client_since,
       -- The client's policies in force when this term comes up for renewal (itself included).
       (SELECT COUNT(*) FROM policies o WHERE o.client_id = p.client_id AND o.deleted_at IS NULL
          AND o.effective_date < p.expiration_date AND o.expiration_date >= p.expiration_date
          AND (o.cancellation_date IS NULL OR o.cancellation_date >= p.expiration_date)),
       -- Policies (chains) the client holds: its terms that renew nothing.
       (SELECT COUNT(*) FROM policies o WHERE o.client_id = p.client_id AND o.deleted_at IS NULL
          AND o.renews_policy_id IS NULL),
       -- Terms before this one, up its chain (a deleted term still counts, as in readTermFacts).
       (WITH RECURSIVE up(at, n) AS (
          SELECT p.renews_policy_id, p.renews_policy_id IS NOT NULL
          UNION ALL
          SELECT o.renews_policy_id, up.n + 1 FROM up JOIN policies o ON o.id = up.at WHERE o.renews_policy_id IS NOT NULL)
        SELECT MAX(n) FROM up),
       c.household_id,
       (SELECT COUNT(*) FROM support_tickets t WHERE t.client_id = p.client_id AND t.deleted_at IS NULL)
FROM policies p JOIN clients c ON c.id = p.client_id
WHERE p.deleted_at IS NULL AND p.status IN ('active', 'pending')
  AND NOT EXISTS (SELECT 1 FROM policies n WHERE n.renews_policy_id = p.id AND n.deleted_at IS NULL)`;
/** Members of each household: one pass over the small clients table beats a probe per term. */
const HOUSEHOLDS_SQL = `SELECT household_id, COUNT(*) FROM clients WHERE deleted_at IS NULL AND household_id IS NOT NULL
  GROUP BY household_id`;

type OpenTermRow = [
  id: string,
  premiumChangePct: number | null,
  writtenPremium: number,
  commissionRate: number | null,
  insuranceTypeId: string,
  carrierId: string,
  billing: string,
  effectiveDate: string,
  clientSince: string | null,
  inForce: number,
  clientPolicies: number,
  priorTerms: number,
  householdId: string | null,
  tickets: number,
];

const YEAR = 365.25 * 86_400_000;

/** Calls `each` with every live, not yet renewed term's facts; the object is reused, so copy what you keep. */
export function forEachOpenTerm(db: ReplicaDb, each: (f: TermFacts) => void) {
  const households = new Map(cachedStatement(db, HOUSEHOLDS_SQL, { raw: true }).all() as Array<[string, number]>);
  const f: TermFacts = {
    id: '',
    premiumChangePct: null,
    writtenPremium: 0,
    commissionRate: null,
    priorTerms: 0,
    clientYears: 0,
    clientPolicies: 0,
    inForce: 0,
    householdMembers: 1,
    tickets: 0,
    insuranceTypeId: '',
    carrierId: '',
    billing: '',
    renewed: null,
  };
  for (const r of cachedStatement(db, OPEN_TERMS_SQL, { raw: true }).iterate() as IterableIterator<OpenTermRow>) {
    f.id = r[0];
    f.premiumChangePct = r[1];
    f.writtenPremium = r[2];
    f.commissionRate = r[3];
    f.insuranceTypeId = r[4];
    f.carrierId = r[5];
    f.billing = r[6];
    // Worked out here as readTermFacts does, so the years are the same double.
    f.clientYears = r[8] ? (Date.parse(r[7]) - Date.parse(r[8])) / YEAR : 0;
    f.inForce = r[9];
    f.clientPolicies = r[10];
    f.priorTerms = r[11];
    f.householdMembers = r[12] ? (households.get(r[12]) ?? 1) : 1;
    f.tickets = r[13];
    each(f);
  }
}
