import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const OPPORTUNITY_STAGES = ['prospecting', 'quoting', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const OPEN_OPPORTUNITY_STAGES = ['prospecting', 'quoting', 'proposal', 'negotiation'] as const;

/** A policy being sold: one lead may quote several products (auto + home + umbrella). */
export const opportunities = defineTable(
  'opportunities',
  'owned',
  {
    ...base,
    ...ownership,
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    insurance_type_id: col.ref('insurance_types'),
    name: col.text().required(),
    stage: col.oneOf(OPPORTUNITY_STAGES).required().default('prospecting'),
    amount: col.money(),
    probability: col.int(),
    expected_close_date: col.date(),
    carrier: col.text(),
    policy_number: col.text(),
    effective_date: col.date(),
    closed_at: col.timestamp(),
    close_reason: col.text(),
    stage_changed_at: col.timestamp(),
    // AI annotations
    ai_win_probability: col.real(),
    ai_next_step: col.text(),
    ai_summary: col.text(),
    ai_updated_at: col.timestamp(),
    tags: col.json<string[]>().required().default({ json: [] }),
    metadata: col.json<Record<string, unknown>>().required().default({ json: {} }),
    /** Who opened it: the timeline shows every entry's actor. */
    created_by: col.ref('users', 'set null'),
  },
  {
    indexes: [
      { name: 'idx_opportunities_lead', columns: ['lead_id', 'stage'] },
      { name: 'idx_opportunities_client', columns: ['client_id', 'stage'] },
      { name: 'idx_opportunities_stage_close', columns: ['stage', 'expected_close_date'] },
      { name: 'idx_opportunities_closed_at', columns: ['closed_at'] },
      // Covers the dashboard's premium-won roll-ups.
      {
        name: 'idx_opportunities_won_rollup',
        columns: ['stage', 'closed_at', 'owner_id', 'insurance_type_id', 'amount'],
        where: 'deleted_at IS NULL',
      },
      { name: 'idx_opportunities_ai_win_probability', columns: ['ai_win_probability'] },
    ],
    checks: [
      { name: 'opportunities_subject', sql: 'lead_id IS NOT NULL OR client_id IS NOT NULL' },
      { name: 'opportunities_probability_range', sql: 'probability IS NULL OR probability BETWEEN 0 AND 100' },
      { name: 'opportunities_amount_positive', sql: 'amount IS NULL OR amount >= 0' },
      {
        name: 'opportunities_closed_has_date',
        sql: "(stage IN ('won', 'lost')) = (closed_at IS NOT NULL)",
      },
    ],
  },
);
