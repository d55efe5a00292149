import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;

/** Who or what an activity is about: a lead, or (after conversion) a client. */
const subject = {
  lead_id: col.ref('leads', 'cascade'),
  client_id: col.ref('clients', 'cascade'),
};
const hasSubject = { sql: 'lead_id IS NOT NULL OR client_id IS NOT NULL' };

/** AI annotations the seed puts on every lifecycle record. */
const aiAnnotations = {
  ai_summary: col.text(),
  ai_sentiment: col.oneOf(SENTIMENTS),
  ai_sentiment_score: col.real(),
  ai_entities: col.json<unknown[]>(),
  ai_action_items: col.json<unknown[]>(),
  ai_updated_at: col.timestamp(),
};

/**
 * What the merged timeline (db/queries/timeline.ts) shows of a note, call or event, kept in the
 * replica's subject indexes after their key: a lead's or client's history is read from the index
 * alone instead of one scattered table page per item (about 25 on a converted client's page).
 * `other` is the subject column that is not the index's key. The client indexes are partial: most
 * history belongs to a lead, and a client's page never asks for a missing client.
 */
const NOTE_TIMELINE = (other: 'lead_id' | 'client_id') => [
  'deleted_at',
  'is_pinned',
  'created_by',
  other,
  'id',
  'body',
];
const COMMUNICATION_TIMELINE = (other: 'lead_id' | 'client_id') => [
  'deleted_at',
  'communication_type_id',
  'direction',
  'outcome',
  'duration_seconds',
  'ai_sentiment',
  'created_by',
  other,
  'id',
  'subject',
  'body',
];
const EVENT_TIMELINE = (other: 'lead_id' | 'client_id') => ['deleted_at', 'kind', 'actor_id', other, 'id', 'payload'];

export const leadCommunications = defineTable(
  'lead_communications',
  'owned',
  {
    ...base,
    ...ownership,
    ...subject,
    communication_type_id: col.ref('communication_types').required(),
    contact_id: col.ref('contacts', 'set null'),
    campaign_id: col.ref('campaigns', 'set null'),
    direction: col.oneOf(DIRECTIONS).required().default('outbound'),
    subject: col.text(),
    body: col.text(),
    outcome: col.text(),
    occurred_at: col.timestamp().required(),
    duration_seconds: col.int(),
    follow_up_at: col.timestamp(),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    ...aiAnnotations,
    created_by: col.ref('users', 'set null'),
  },
  {
    indexes: [
      {
        name: 'idx_lead_communications_lead_occurred',
        columns: ['lead_id', 'occurred_at'],
        replicaCovers: COMMUNICATION_TIMELINE('client_id'),
      },
      {
        name: 'idx_lead_communications_client_occurred',
        columns: ['client_id', 'occurred_at'],
        where: 'client_id IS NOT NULL',
        replicaCovers: COMMUNICATION_TIMELINE('lead_id'),
      },
      // Agency-wide views by channel, follow-up and sentiment are the server's; no replica read
      // filters on these (each index cost the replica 10–400 bytes a lead).
      { name: 'idx_lead_communications_type', columns: ['communication_type_id', 'occurred_at'], only: 'server' },
      { name: 'idx_lead_communications_follow_up_at', columns: ['follow_up_at'], only: 'server' },
      { name: 'idx_lead_communications_ai_sentiment', columns: ['ai_sentiment'], only: 'server' },
    ],
    checks: [{ name: 'lead_communications_subject', ...hasSubject }],
    ownershipIndexes: 'server',
  },
);

export const leadNotes = defineTable(
  'lead_notes',
  'owned',
  {
    ...base,
    ...ownership,
    ...subject,
    body: col.text().required(),
    is_pinned: col.bool().required().default(false),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    ...aiAnnotations,
    created_by: col.ref('users', 'set null'),
  },
  {
    indexes: [
      {
        name: 'idx_lead_notes_lead_created',
        columns: ['lead_id', 'created_at'],
        replicaCovers: NOTE_TIMELINE('client_id'),
      },
      {
        name: 'idx_lead_notes_client_created',
        columns: ['client_id', 'created_at'],
        where: 'client_id IS NOT NULL',
        replicaCovers: NOTE_TIMELINE('lead_id'),
      },
    ],
    checks: [{ name: 'lead_notes_subject', ...hasSubject }],
    ownershipIndexes: 'server',
  },
);

export const FREQUENCIES = ['as_needed', 'weekly', 'monthly', 'quarterly', 'never'] as const;

/** Consent and opt-outs per channel. One row per lead (or client); AI drafts respect it. */
export const leadMarketingSettings = defineTable(
  'lead_marketing_settings',
  'owned',
  {
    ...base,
    ...ownership,
    ...subject,
    email_opt_in: col.bool().required().default(false),
    sms_opt_in: col.bool().required().default(false),
    phone_opt_in: col.bool().required().default(true),
    mail_opt_in: col.bool().required().default(true),
    do_not_contact: col.bool().required().default(false),
    consent_source: col.text(),
    consent_at: col.timestamp(),
    opted_out_at: col.timestamp(),
    opt_out_reason: col.text(),
    preferred_channel: col.text(),
    preferred_time: col.text(),
    preferred_tone: col.text(),
    frequency: col.oneOf(FREQUENCIES).required().default('as_needed'),
    ai_recommended_channel: col.text(),
    ai_updated_at: col.timestamp(),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
  },
  {
    indexes: [
      { name: 'idx_lead_marketing_settings_lead', columns: ['lead_id'], unique: true },
      { name: 'idx_lead_marketing_settings_client', columns: ['client_id'] },
    ],
    checks: [{ name: 'lead_marketing_settings_subject', ...hasSubject }],
  },
);

export const TIMELINE_KINDS = [
  'created',
  'status_changed',
  'assigned',
  'follow_up_scheduled',
  'follow_up_completed',
  'converted',
  'deleted',
  'restored',
  'campaign_enrolled',
  'merged',
] as const;

/**
 * Events that have no record of their own (status changes, conversion, assignment) so the
 * merged timeline can show them beside notes and communications.
 */
export const timelineEvents = defineTable(
  'timeline_events',
  'owned',
  {
    ...base,
    ...ownership,
    ...subject,
    kind: col.oneOf(TIMELINE_KINDS).required(),
    occurred_at: col.timestamp().required(),
    actor_id: col.ref('users', 'set null'),
    payload: col.json<Record<string, unknown>>().required().default({ json: {} }),
  },
  {
    indexes: [
      {
        name: 'idx_timeline_events_lead_occurred',
        columns: ['lead_id', 'occurred_at'],
        replicaCovers: EVENT_TIMELINE('client_id'),
      },
      {
        name: 'idx_timeline_events_client_occurred',
        columns: ['client_id', 'occurred_at'],
        where: 'client_id IS NOT NULL',
        replicaCovers: EVENT_TIMELINE('lead_id'),
      },
      // Events by kind across the agency are a server question; the replica reads a subject's.
      { name: 'idx_timeline_events_kind_occurred', columns: ['kind', 'occurred_at'], only: 'server' },
    ],
    checks: [{ name: 'timeline_events_subject', ...hasSubject }],
    ownershipIndexes: 'server',
  },
);
