import { col } from '../columns';
import { base, defineTable, ownership } from '../table';
import { CONTACT_METHODS } from './clients';

export const CONTACT_ROLES = [
  'insured',
  'decision_maker',
  'billing',
  'driver',
  'owner',
  'risk_manager',
  'hr',
  'spouse',
  'other',
] as const;

/**
 * The people behind a lead or a client (many per business). A contact belongs to a lead OR a
 * client, never both: the CHECK holds in both dialects, and conversion moves contacts across.
 */
export const contacts = defineTable(
  'contacts',
  'owned',
  {
    ...base,
    ...ownership,
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    first_name: col.text().required(),
    last_name: col.text().required(),
    email: col.text(),
    phone: col.text(),
    mobile_phone: col.text(),
    job_title: col.text(),
    department: col.text(),
    roles: col.json<string[]>().required().default({ json: [] }),
    is_primary_contact: col.bool().required().default(false),
    preferred_contact_method: col.oneOf(CONTACT_METHODS),
    preferred_contact_time: col.text(),
    // professional networking
    company: col.text(),
    linkedin_url: col.text(),
    reports_to_contact_id: col.ref('contacts', 'set null'),
    // AI annotations
    ai_relationship_strength: col.real(),
    ai_summary: col.text(),
    ai_updated_at: col.timestamp(),
    // scheduling
    last_contacted_at: col.timestamp(),
    next_contact_at: col.timestamp(),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    /** Set on a contact merged into another (a tombstone): changes made to it elsewhere land on the survivor. */
    merged_into_id: col.ref('contacts', 'set null'),
  },
  {
    indexes: [
      { name: 'idx_contacts_lead_primary', columns: ['lead_id', 'is_primary_contact'] },
      { name: 'idx_contacts_client_primary', columns: ['client_id', 'is_primary_contact'] },
      { name: 'idx_contacts_name', columns: ['last_name', 'first_name'] },
      { name: 'idx_contacts_email', columns: ['email'] },
      { name: 'idx_contacts_next_contact_at', columns: ['next_contact_at'] },
    ],
    checks: [
      { name: 'contacts_lead_xor_client', sql: '(lead_id IS NULL) <> (client_id IS NULL)' },
      {
        name: 'contacts_relationship_strength_range',
        sql: 'ai_relationship_strength IS NULL OR (ai_relationship_strength >= 0 AND ai_relationship_strength <= 1)',
      },
    ],
  },
);
