import { col } from '../columns';
import { base, defineTable, lookupMeta, ownership } from '../table';

/**
 * The carriers the agency writes with: a lookup like the others (fixed ids for the seeded ones),
 * which agencies extend with their own. `lines` lists the insurance type codes it writes.
 */
export const carriers = defineTable(
  'carriers',
  'agency',
  {
    ...base,
    name: col.text().required().unique(),
    naic_code: col.text(),
    lines: col.json<string[]>().required().default({ json: [] }),
    /** The agency's producer (agent) code with this carrier. */
    producer_code: col.text(),
    is_active: col.bool().required().default(true),
    ...lookupMeta,
  },
  { indexes: [{ name: 'idx_carriers_sort_order', columns: ['sort_order'] }] },
);

export const HOUSEHOLD_TYPES = ['family', 'business_group'] as const;

/**
 * A family or a business group: clients point at it (clients.household_id), so the whole
 * relationship's policies read as one. Its ownership is its members' (setHousehold keeps
 * members under the household's owner), so sync scopes and row-level security stay simple.
 */
export const households = defineTable('households', 'owned', {
  ...base,
  ...ownership,
  name: col.text().required(),
  household_type: col.oneOf(HOUSEHOLD_TYPES).required().default('family'),
  notes: col.text(),
  metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
  ai_summary: col.text(),
  ai_updated_at: col.timestamp(),
});

export const POLICY_STATUSES = ['active', 'pending', 'cancelled', 'expired', 'non_renewed', 'renewed'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
/** Terms still on the books: the renewal list and "in force" read these. */
export const LIVE_POLICY_STATUSES = ['active', 'pending'] as const satisfies readonly PolicyStatus[];
export const BILLING_TYPES = ['direct', 'agency'] as const;

/** The partial-index predicate of the work lists, repeated verbatim by their queries. */
export const LIVE_POLICY_SQL = "deleted_at IS NULL AND status IN ('active', 'pending')";

/**
 * One row per policy term. A renewal is a new row that names the term it renews
 * (renews_policy_id): the chain points from newer to older only, a term is renewed at most once
 * (unique), and a term cannot renew itself, so the chain has no cycle. The coverage document is
 * the same versioned JSON as a lead's (shared/coverage), in the column of the policy's line.
 */
export const policies = defineTable(
  'policies',
  'owned',
  {
    ...base,
    ...ownership,
    client_id: col.ref('clients', 'cascade').required(),
    carrier_id: col.ref('carriers', 'restrict').required(),
    insurance_type_id: col.ref('insurance_types').required(),
    /** The sale this term came from (conversion, renewal opportunity). */
    opportunity_id: col.ref('opportunities', 'set null'),
    renews_policy_id: col.ref('policies', 'restrict'),
    policy_number: col.text().required(),
    status: col.oneOf(POLICY_STATUSES).required().default('active'),
    effective_date: col.date().required(),
    expiration_date: col.date().required(),
    term_months: col.int().required().default(12),
    written_premium: col.money().required(),
    /** The premium's change from the term this one renews, in percent (null for a first term). */
    premium_change_pct: col.real(),
    billing: col.oneOf(BILLING_TYPES).required().default('direct'),
    commission_rate: col.real(),
    commission_amount: col.money(),
    cancellation_date: col.date(),
    cancellation_reason: col.text(),
    non_renewal_reason: col.text(),
    status_changed_at: col.timestamp(),
    auto_data: col.json(),
    auto_data_schema_version: col.int(),
    home_data: col.json(),
    home_data_schema_version: col.int(),
    specialty_data: col.json(),
    specialty_data_schema_version: col.int(),
    commercial_data: col.json(),
    commercial_data_schema_version: col.int(),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    // AI annotations
    ai_retention_risk: col.int(),
    ai_retention_reasons: col.json<string[]>(),
    ai_summary: col.text(),
    ai_updated_at: col.timestamp(),
  },
  {
    indexes: [
      // The renewal list: live terms by expiration, read in index order (keyset on (date, id)).
      { name: 'idx_policies_live_expiration', columns: ['expiration_date', 'id'], where: LIVE_POLICY_SQL },
      // An owner's or a carrier's renewal list: with id last the page is read in (date, id) order
      // with no sort step; without it SQLite walked every owner's terms and kept one in eight.
      { name: 'idx_policies_owner_expiration', columns: ['owner_id', 'expiration_date', 'id'], where: LIVE_POLICY_SQL },
      // Scoring every live term's chance to renew (electron/main/score/open-terms.ts) reads these
      // terms client by client from the index alone, not 33k rows of the table at 100k leads.
      // deleted_at and status are columns too: SQLite counts an index as covering only when it
      // holds every column the query names, its WHERE's included.
      {
        name: 'idx_policies_live_score',
        columns: [
          'client_id',
          'expiration_date',
          'deleted_at',
          'status',
          'id',
          'effective_date',
          'renews_policy_id',
          'premium_change_pct',
          'written_premium',
          'commission_rate',
          'insurance_type_id',
          'carrier_id',
          'billing',
        ],
        where: LIVE_POLICY_SQL,
      },
      { name: 'idx_policies_carrier_expiration', columns: ['carrier_id', 'expiration_date', 'id'] },
      { name: 'idx_policies_client', columns: ['client_id', 'expiration_date'] },
      { name: 'idx_policies_policy_number', columns: ['policy_number'] },
      { name: 'idx_policies_renews', columns: ['renews_policy_id'], unique: true },
      { name: 'idx_policies_opportunity', columns: ['opportunity_id'] },
      // The policies list's column sorts: each walks (value, id), so a page is read in index
      // order with no sort step. Client, carrier and line sort by a joined name, and status has
      // no index: on a replica without statistics SQLite read the renewal list through one
      // (status IN ('active', 'pending')) and sorted every live term. Not partial on deleted_at
      // either: SQLite then preferred the expiration one over idx_policies_live_expiration for
      // the renewal list (same columns, a wider WHERE), reading cancelled terms too.
      ...(['policy_number', 'effective_date', 'expiration_date', 'written_premium'] as const).map((c) => ({
        name: `idx_policies_sort_${c}`,
        columns: [c, 'id'],
      })),
    ],
    checks: [
      { name: 'policies_dates_order', sql: 'expiration_date > effective_date' },
      { name: 'policies_premium_positive', sql: 'written_premium >= 0' },
      { name: 'policies_term_months_range', sql: 'term_months BETWEEN 1 AND 120' },
      { name: 'policies_not_self_renewal', sql: 'renews_policy_id IS NULL OR renews_policy_id <> id' },
      {
        name: 'policies_commission_rate_range',
        sql: 'commission_rate IS NULL OR (commission_rate >= 0 AND commission_rate <= 100)',
      },
      { name: 'policies_commission_amount_positive', sql: 'commission_amount IS NULL OR commission_amount >= 0' },
      {
        name: 'policies_cancellation_matches',
        sql: "(status = 'cancelled') = (cancellation_date IS NOT NULL)",
      },
      {
        name: 'policies_ai_retention_risk_range',
        sql: 'ai_retention_risk IS NULL OR ai_retention_risk BETWEEN 0 AND 100',
      },
      { name: 'policies_auto_data_version', sql: '(auto_data IS NULL) = (auto_data_schema_version IS NULL)' },
      { name: 'policies_home_data_version', sql: '(home_data IS NULL) = (home_data_schema_version IS NULL)' },
      {
        name: 'policies_specialty_data_version',
        sql: '(specialty_data IS NULL) = (specialty_data_schema_version IS NULL)',
      },
      {
        name: 'policies_commercial_data_version',
        sql: '(commercial_data IS NULL) = (commercial_data_schema_version IS NULL)',
      },
    ],
  },
);
