import { col } from '../columns';
import { base, defineTable, ownership } from '../table';

export const TASK_STATUSES = ['open', 'done'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * A piece of work for someone (the seed's follow-up, generalised): on a lead, a client or a
 * ticket (a policy once the policies tables exist), with a due time and a priority.
 *
 * The task's ownership is its ASSIGNEE's (owner_id = assigned_to, team_id = their team), not the
 * record's: sync scopes and row-level security are "owner or team", so this is what lets a CSR
 * receive and work a task on a record someone else owns without seeing that record's other rows.
 * `assigned_to` repeats owner_id under a name that says what it means; both change together.
 */
export const tasks = defineTable(
  'tasks',
  'owned',
  {
    ...base,
    ...ownership,
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    ticket_id: col.ref('support_tickets', 'cascade'),
    title: col.text().required(),
    notes: col.text(),
    due_at: col.timestamp().required(),
    priority: col.oneOf(TASK_PRIORITIES).required().default('normal'),
    status: col.oneOf(TASK_STATUSES).required().default('open'),
    assigned_to: col.ref('users').required(),
    assigned_by: col.ref('users', 'set null'),
    created_by: col.ref('users', 'set null'),
    completed_at: col.timestamp(),
    completed_by: col.ref('users', 'set null'),
    outcome: col.text(),
    /** When the in-app reminder fires (null: at the due time). */
    remind_at: col.timestamp(),
    /** A task on a policy term (a renewal call, documents to send); last: added after tasks were. */
    policy_id: col.ref('policies', 'cascade'),
  },
  {
    indexes: [
      { name: 'idx_tasks_assigned_status_due', columns: ['assigned_to', 'status', 'due_at'] },
      { name: 'idx_tasks_team_status_due', columns: ['team_id', 'status', 'due_at'] },
      { name: 'idx_tasks_lead', columns: ['lead_id'] },
      { name: 'idx_tasks_client', columns: ['client_id'] },
      { name: 'idx_tasks_ticket', columns: ['ticket_id'] },
      { name: 'idx_tasks_policy', columns: ['policy_id'] },
    ],
    checks: [
      {
        name: 'tasks_subject',
        sql: 'lead_id IS NOT NULL OR client_id IS NOT NULL OR ticket_id IS NOT NULL OR policy_id IS NOT NULL',
      },
      { name: 'tasks_assignee_is_owner', sql: 'assigned_to = owner_id' },
      { name: 'tasks_done_has_time', sql: "(status = 'done') = (completed_at IS NOT NULL)" },
    ],
  },
);

/**
 * Field-level history: one row per edit of a lead, client or policy term, listing each
 * changed field's old and new value, written by the editing mutation in its own transaction so
 * both stores hold the same history. It carries the record's ownership and syncs with it.
 */
export const recordChanges = defineTable(
  'record_changes',
  'owned',
  {
    ...base,
    ...ownership,
    lead_id: col.ref('leads', 'cascade'),
    client_id: col.ref('clients', 'cascade'),
    mutation: col.text().required(),
    changes: col.json<Array<{ field: string; from: unknown; to: unknown }>>().required(),
    actor_id: col.ref('users', 'set null'),
    changed_at: col.timestamp().required(),
    /** A policy term's edits (updatePolicy); last: added after the table was. */
    policy_id: col.ref('policies', 'cascade'),
  },
  {
    indexes: [
      { name: 'idx_record_changes_lead_changed', columns: ['lead_id', 'changed_at'] },
      // Partial: most changes are a lead's; a record's history never asks for a missing subject.
      {
        name: 'idx_record_changes_client_changed',
        columns: ['client_id', 'changed_at'],
        where: 'client_id IS NOT NULL',
      },
      {
        name: 'idx_record_changes_policy_changed',
        columns: ['policy_id', 'changed_at'],
        where: 'policy_id IS NOT NULL',
      },
    ],
    checks: [
      { name: 'record_changes_subject', sql: 'lead_id IS NOT NULL OR client_id IS NOT NULL OR policy_id IS NOT NULL' },
    ],
    ownershipIndexes: 'server',
  },
);
