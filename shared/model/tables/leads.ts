import { col } from '../columns';
import { base, defineTable, ownership } from '../table';
import { CLIENT_TYPES, CONTACT_METHODS } from './clients';

/**
 * Prospects in the pipeline. Filterable facts are columns; coverage details that vary by product
 * are JSON documents, each with its own schema version (see shared/coverage). Conversion to a
 * client is recorded here, one way: converted_to_client_id, conversion_date, is_converted.
 */
export const leads = defineTable(
  'leads',
  'owned',
  {
    ...base,
    ...ownership,
    lead_type: col.oneOf(CLIENT_TYPES).required().default('individual'),
    first_name: col.text(),
    last_name: col.text(),
    business_name: col.text(),
    email: col.text(),
    phone: col.text(),
    preferred_contact_method: col.oneOf(CONTACT_METHODS),
    date_of_birth: col.date(),
    status_id: col.ref('lead_statuses').required(),
    insurance_type_id: col.ref('insurance_types').required(),
    campaign_id: col.ref('campaigns', 'set null'),
    address_id: col.ref('addresses', 'set null'),
    source: col.text(),
    priority: col.int().required().default(3),
    // premium and umbrella values, stored directly
    current_carrier: col.text(),
    current_premium: col.money(),
    quoted_premium: col.money(),
    umbrella_limit: col.money(),
    umbrella_premium: col.money(),
    policy_expiration_date: col.date(),
    // coverage documents, each with its own schema version
    auto_data: col.json(),
    auto_data_schema_version: col.int(),
    home_data: col.json(),
    home_data_schema_version: col.int(),
    specialty_data: col.json(),
    specialty_data_schema_version: col.int(),
    commercial_data: col.json(),
    commercial_data_schema_version: col.int(),
    tags: col.json<string[]>().required().default({ json: [] }),
    custom_fields: col.json<Record<string, unknown>>().required().default({ json: {} }),
    /** Referral and other source details the seed keeps out of the lead → client link. */
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    // conversion (one way)
    is_converted: col.bool().required().default(false),
    converted_to_client_id: col.ref('clients', 'restrict'),
    conversion_date: col.timestamp(),
    lost_reason: col.text(),
    // AI annotations
    ai_summary: col.text(),
    ai_next_action: col.text(),
    ai_follow_up_priority: col.int(),
    ai_score: col.real(),
    ai_insights: col.json<Record<string, unknown>>(),
    ai_updated_at: col.timestamp(),
    // lifecycle
    status_changed_at: col.timestamp(),
    first_contacted_at: col.timestamp(),
    last_contacted_at: col.timestamp(),
    next_follow_up_at: col.timestamp(),
    follow_up_note: col.text(),
    quoted_at: col.timestamp(),
    lost_at: col.timestamp(),
    created_by: col.ref('users', 'set null'),
    /** Set on a lead merged into another (a tombstone): changes made to it elsewhere land on the survivor. */
    merged_into_id: col.ref('leads', 'set null'),
  },
  {
    indexes: [
      // The pipeline's sort indexes end with id, its tie-breaker, so a page is read in index
      // order with no sort step (keyset on (value, id)); a status or type filter comes first.
      // They carry deleted_at and is_converted, the list's standing filters, so the replica's
      // list reads no lead row at all (its items are in lead_list_items): one B-tree seek less
      // per listed lead, about a third of the page's SQL time at 100k leads.
      { name: 'idx_leads_status_id', columns: ['status_id', 'updated_at', 'id', 'deleted_at', 'is_converted'] },
      { name: 'idx_leads_status_created', columns: ['status_id', 'created_at', 'id', 'deleted_at', 'is_converted'] },
      // Covers the manager dashboard's roll-ups of live leads without reading the wide rows, and
      // with quoted_premium the Leads board's count and premium per status (16 ms instead of
      // 150 ms over 100k leads).
      // Scoring every open lead (electron/main/score/lead-score.ts, scoreOpenLeads) reads its facts
      // from this index alone instead of every lead's wide row (auto/home data and the rest):
      // deleted_at is a column too, as SQLite counts an index as covering only when it holds
      // every column the query names, its WHERE's included.
      {
        name: 'idx_leads_score',
        columns: [
          'is_converted',
          'deleted_at',
          'status_id',
          'id',
          'source',
          'insurance_type_id',
          'owner_id',
          'quoted_premium',
          'current_premium',
          'email',
          'phone',
          'priority',
        ],
        where: 'deleted_at IS NULL',
      },
      {
        name: 'idx_leads_live_rollup',
        columns: ['status_id', 'insurance_type_id', 'owner_id', 'is_converted', 'conversion_date', 'quoted_premium'],
        where: 'deleted_at IS NULL',
      },
      {
        name: 'idx_leads_insurance_type_id',
        columns: ['insurance_type_id', 'updated_at', 'id', 'deleted_at', 'is_converted'],
      },
      { name: 'idx_leads_name', columns: ['last_name', 'first_name'] },
      { name: 'idx_leads_email', columns: ['email'] },
      { name: 'idx_leads_updated_at', columns: ['updated_at', 'id', 'deleted_at', 'is_converted'] },
      { name: 'idx_leads_created_at', columns: ['created_at', 'id', 'deleted_at', 'is_converted'] },
      {
        name: 'idx_leads_owner_status',
        columns: ['owner_id', 'status_id', 'updated_at', 'id', 'deleted_at', 'is_converted'],
      },
      { name: 'idx_leads_next_follow_up_at', columns: ['next_follow_up_at', 'id', 'deleted_at', 'is_converted'] },
      // Today for one owner: its follow-ups in due order with every column the local priority
      // scores, so the overdue backlog is ranked from the index alone and only the page's leads
      // are read (a person's 10,000 overdue follow-ups read as rows took 370 ms at 100k leads).
      {
        name: 'idx_leads_owner_follow_ups',
        columns: [
          'owner_id',
          'next_follow_up_at',
          'is_converted',
          'id',
          'status_id',
          'quoted_premium',
          'priority',
          'ai_follow_up_priority',
          'last_contacted_at',
          'created_at',
          'deleted_at',
        ],
        where: 'deleted_at IS NULL AND next_follow_up_at IS NOT NULL',
      },
      { name: 'idx_leads_status_changed_at', columns: ['status_changed_at', 'id', 'deleted_at', 'is_converted'] },
      { name: 'idx_leads_quoted_premium', columns: ['quoted_premium', 'id', 'deleted_at', 'is_converted'] },
      // Without it a priority sort read and sorted every lead (150 ms at 100k leads).
      { name: 'idx_leads_priority', columns: ['priority', 'id', 'deleted_at', 'is_converted'] },
      // The X-date sort and window filter of the Leads list, covering like the other sort indexes
      // (idx_leads_xdate below is partial and lacks deleted_at, so the list would read lead rows).
      {
        name: 'idx_leads_policy_expiration_date',
        columns: ['policy_expiration_date', 'id', 'deleted_at', 'is_converted'],
      },
      { name: 'idx_leads_ai_follow_up_priority', columns: ['ai_follow_up_priority'] },
      { name: 'idx_leads_ai_score', columns: ['ai_score'] },
      { name: 'idx_leads_campaign_id', columns: ['campaign_id'] },
      // The X-date list: prospects whose current policy (with another carrier) expires soon.
      {
        name: 'idx_leads_xdate',
        columns: ['policy_expiration_date', 'id', 'is_converted'],
        where: 'deleted_at IS NULL',
      },
      // the seed's three conversion indexes, by name
      { name: 'idx_leads_converted_to_client_id', columns: ['converted_to_client_id'] },
      { name: 'idx_leads_is_converted', columns: ['is_converted'] },
      { name: 'idx_leads_conversion_date', columns: ['conversion_date'] },
    ],
    checks: [
      {
        name: 'leads_identity',
        sql: "(lead_type = 'individual' AND last_name IS NOT NULL) OR (lead_type = 'business' AND business_name IS NOT NULL)",
      },
      { name: 'leads_priority_range', sql: 'priority BETWEEN 1 AND 5' },
      {
        name: 'leads_ai_priority_range',
        sql: 'ai_follow_up_priority IS NULL OR ai_follow_up_priority BETWEEN 1 AND 5',
      },
      {
        name: 'leads_conversion_fields',
        sql: '(converted_to_client_id IS NULL AND conversion_date IS NULL) OR (converted_to_client_id IS NOT NULL AND conversion_date IS NOT NULL)',
      },
      { name: 'leads_is_converted_matches', sql: 'is_converted = (converted_to_client_id IS NOT NULL)' },
      { name: 'leads_auto_data_version', sql: '(auto_data IS NULL) = (auto_data_schema_version IS NULL)' },
      { name: 'leads_home_data_version', sql: '(home_data IS NULL) = (home_data_schema_version IS NULL)' },
      {
        name: 'leads_specialty_data_version',
        sql: '(specialty_data IS NULL) = (specialty_data_schema_version IS NULL)',
      },
      {
        name: 'leads_commercial_data_version',
        sql: '(commercial_data IS NULL) = (commercial_data_schema_version IS NULL)',
      },
    ],
  },
);
