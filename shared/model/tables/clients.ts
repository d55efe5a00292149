import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const CLIENT_TYPES = ['individual', 'business'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
export const CLIENT_STATUSES = ['active', 'inactive', 'former'] as const;
export const CONTACT_METHODS = ['phone', 'email', 'sms', 'mail', 'in_person'] as const;

/**
 * Individuals and businesses that bought. Personal and business identifiers sit side by side;
 * a CHECK makes sure only the set matching client_type is filled. No column points back to the
 * lead: conversion is recorded on the lead alone (the seed's resolved circular dependency).
 */
export const clients = defineTable(
  'clients',
  'owned',
  {
    ...base,
    ...ownership,
    client_type: col.oneOf(CLIENT_TYPES).required(),
    status: col.oneOf(CLIENT_STATUSES).required().default('active'),
    // personal identifiers
    first_name: col.text(),
    middle_name: col.text(),
    last_name: col.text(),
    date_of_birth: col.date(),
    occupation: col.text(),
    marital_status: col.text(),
    // business identifiers
    business_name: col.text(),
    dba_name: col.text(),
    business_structure: col.text(),
    industry: col.text(),
    naics_code: col.text(),
    fein: col.text(),
    year_established: col.int(),
    annual_revenue: col.money(),
    employee_count: col.int(),
    // shared
    email: col.text(),
    phone: col.text(),
    website: col.text(),
    preferred_contact_method: col.oneOf(CONTACT_METHODS),
    address_id: col.ref('addresses', 'set null'),
    mailing_address_id: col.ref('addresses', 'set null'),
    source: col.text(),
    tags: col.json<string[]>().required().default({ json: [] }),
    custom_fields: col.json<Record<string, unknown>>().required().default({ json: {} }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    // AI annotations
    ai_summary: col.text(),
    ai_risk_score: col.real(),
    ai_lifetime_value: col.money(),
    ai_insights: col.json<Record<string, unknown>>(),
    ai_updated_at: col.timestamp(),
    // temporal
    client_since: col.timestamp(),
    last_contact_at: col.timestamp(),
    next_contact_at: col.timestamp(),
    /** The family or business group the client belongs to (last: added after the first release). */
    household_id: col.ref('households', 'set null'),
    /** Set on a client merged into another (a tombstone): changes made to it elsewhere land on the survivor. */
    merged_into_id: col.ref('clients', 'set null'),
  },
  {
    indexes: [
      { name: 'idx_clients_name', columns: ['last_name', 'first_name'] },
      { name: 'idx_clients_business_name', columns: ['business_name'] },
      { name: 'idx_clients_email', columns: ['email'] },
      { name: 'idx_clients_type', columns: ['client_type'] },
      { name: 'idx_clients_next_contact_at', columns: ['next_contact_at'] },
      { name: 'idx_clients_ai_risk_score', columns: ['ai_risk_score'] },
      { name: 'idx_clients_updated_at', columns: ['updated_at'] },
      { name: 'idx_clients_household', columns: ['household_id'] },
    ],
    checks: [
      {
        name: 'clients_identifiers_match_type',
        sql:
          "(client_type = 'individual' AND first_name IS NOT NULL AND last_name IS NOT NULL AND business_name IS NULL AND fein IS NULL AND dba_name IS NULL)" +
          " OR (client_type = 'business' AND business_name IS NOT NULL AND first_name IS NULL AND last_name IS NULL AND middle_name IS NULL AND date_of_birth IS NULL)",
      },
      {
        name: 'clients_ai_risk_score_range',
        sql: 'ai_risk_score IS NULL OR (ai_risk_score >= 0 AND ai_risk_score <= 100)',
      },
    ],
  },
);
