import { col } from '../columns';
import { base, defineTable, lookupMeta, ownership } from '../table';

export const STATUS_CATEGORIES = ['open', 'won', 'lost'] as const;

/** The pipeline's stages. `category` tells open stages from the won (converted) and lost ends. */
export const leadStatuses = defineTable(
  'lead_statuses',
  'agency',
  {
    ...base,
    code: col.text().required().unique(),
    name: col.text().required(),
    description: col.text(),
    category: col.oneOf(STATUS_CATEGORIES).required().default('open'),
    ...lookupMeta,
  },
  { indexes: [{ name: 'idx_lead_statuses_sort_order', columns: ['sort_order'] }] },
);

export const INSURANCE_LINES = ['personal', 'commercial', 'life'] as const;
export const COVERAGE_DOCS = ['auto_data', 'home_data', 'specialty_data', 'commercial_data'] as const;

export const insuranceTypes = defineTable('insurance_types', 'agency', {
  ...base,
  code: col.text().required().unique(),
  name: col.text().required(),
  description: col.text(),
  line: col.oneOf(INSURANCE_LINES).required(),
  /** Which JSON coverage document of a lead this product is quoted with. */
  coverage_doc: col.oneOf(COVERAGE_DOCS),
  ...lookupMeta,
});

export const COMMUNICATION_CHANNELS = ['phone', 'email', 'sms', 'in_person', 'mail', 'video', 'other'] as const;

export const communicationTypes = defineTable('communication_types', 'agency', {
  ...base,
  code: col.text().required().unique(),
  name: col.text().required(),
  channel: col.oneOf(COMMUNICATION_CHANNELS).required(),
  ...lookupMeta,
});

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed'] as const;

/** Campaigns are a lookup (leads name their source campaign) that users also create. */
export const campaigns = defineTable(
  'campaigns',
  'agency',
  {
    ...base,
    name: col.text().required(),
    description: col.text(),
    channel: col.oneOf(COMMUNICATION_CHANNELS),
    status: col.oneOf(CAMPAIGN_STATUSES).required().default('draft'),
    starts_at: col.timestamp(),
    ends_at: col.timestamp(),
    budget: col.money(),
    insurance_type_id: col.ref('insurance_types'),
    created_by: col.ref('users'),
    ...lookupMeta,
  },
  { indexes: [{ name: 'idx_campaigns_status', columns: ['status'] }] },
);

export const ENROLLMENT_STATUSES = ['enrolled', 'contacted', 'responded', 'unsubscribed', 'completed'] as const;

export const campaignEnrollments = defineTable(
  'campaign_enrollments',
  'owned',
  {
    ...base,
    ...ownership,
    campaign_id: col.ref('campaigns', 'cascade').required(),
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    status: col.oneOf(ENROLLMENT_STATUSES).required().default('enrolled'),
    enrolled_at: col.timestamp().required(),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
  },
  {
    indexes: [
      { name: 'idx_campaign_enrollments_campaign', columns: ['campaign_id'] },
      { name: 'idx_campaign_enrollments_lead', columns: ['lead_id', 'campaign_id'] },
      { name: 'idx_campaign_enrollments_client', columns: ['client_id'] },
    ],
    checks: [{ name: 'campaign_enrollments_target', sql: '(lead_id IS NULL) <> (client_id IS NULL)' }],
  },
);
