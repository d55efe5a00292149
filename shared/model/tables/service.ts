import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_ISSUE_TYPES = [
  'billing',
  'claim',
  'policy_change',
  'coverage_question',
  'cancellation',
  'document_request',
  'other',
] as const;

export const supportTickets = defineTable(
  'support_tickets',
  'owned',
  {
    ...base,
    ...ownership,
    client_id: col.ref('clients', 'cascade'),
    lead_id: col.ref('leads', 'cascade'),
    contact_id: col.ref('contacts', 'set null'),
    subject: col.text().required(),
    description: col.text(),
    status: col.oneOf(TICKET_STATUSES).required().default('open'),
    priority: col.oneOf(TICKET_PRIORITIES).required().default('normal'),
    issue_type: col.oneOf(TICKET_ISSUE_TYPES).required().default('other'),
    assigned_to: col.ref('users', 'set null'),
    due_at: col.timestamp(),
    resolution: col.text(),
    resolved_at: col.timestamp(),
    // AI annotations
    ai_summary: col.text(),
    ai_category: col.text(),
    ai_urgency: col.text(),
    ai_suggested_reply: col.text(),
    ai_updated_at: col.timestamp(),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    /** Who opened it: the timeline shows every entry's actor. */
    created_by: col.ref('users', 'set null'),
  },
  {
    indexes: [
      { name: 'idx_support_tickets_status_priority', columns: ['status', 'priority'] },
      { name: 'idx_support_tickets_assigned', columns: ['assigned_to', 'status'] },
      { name: 'idx_support_tickets_client', columns: ['client_id', 'created_at'] },
      { name: 'idx_support_tickets_lead', columns: ['lead_id', 'created_at'] },
      { name: 'idx_support_tickets_due_at', columns: ['due_at'] },
    ],
    checks: [
      { name: 'support_tickets_subject', sql: 'lead_id IS NOT NULL OR client_id IS NOT NULL' },
      { name: 'support_tickets_resolution', sql: "status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL" },
    ],
  },
);

export const AI_INTERACTION_TYPES = [
  'summary',
  'next_action',
  'sentiment',
  'risk',
  'triage',
  'cross_sell',
  'contact_likelihood',
  'draft',
  'chat',
  'insight',
] as const;

/** Every call to a model: the audit trail and the memory for later prompts. */
export const aiInteractions = defineTable(
  'ai_interactions',
  'owned',
  {
    ...base,
    ...ownership,
    type: col.oneOf(AI_INTERACTION_TYPES).required(),
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    communication_id: col.ref('lead_communications', 'cascade'),
    ticket_id: col.ref('support_tickets', 'cascade'),
    user_id: col.ref('users', 'set null'),
    provider: col.text(),
    model: col.text().required(),
    temperature: col.real(),
    prompt: col.text().required(),
    response: col.text(),
    summary: col.text(),
    status: col
      .oneOf(['ok', 'error'] as const)
      .required()
      .default('ok'),
    error: col.text(),
    prompt_tokens: col.int(),
    completion_tokens: col.int(),
    total_tokens: col.int(),
    latency_ms: col.int(),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
  },
  {
    indexes: [
      { name: 'idx_ai_interactions_type_created', columns: ['type', 'created_at'] },
      { name: 'idx_ai_interactions_lead', columns: ['lead_id', 'created_at'] },
      { name: 'idx_ai_interactions_client', columns: ['client_id', 'created_at'] },
      { name: 'idx_ai_interactions_ticket', columns: ['ticket_id'] },
      { name: 'idx_ai_interactions_communication', columns: ['communication_id'] },
      { name: 'idx_ai_interactions_user_created', columns: ['user_id', 'created_at'] },
    ],
  },
);
