import { z } from 'zod';
import { f } from '../mutations/define';
import type { Row } from '../model/catalogue';

/**
 * The API of tasks ("My work", "Team work", Today's task section, reminders) and of the
 * field-level history. Kept apart from inputs.ts/types.ts so it reads as one piece.
 */
export const workQuery = z.object({
  /** mine: assigned to the signed-in user; team: what the signed-in user may see of their team (an admin: all). */
  scope: z.enum(['mine', 'team']).default('mine'),
  status: z.enum(['open', 'done']).default('open'),
  /** Only the tasks on this record (a lead's or client's page). */
  lead_id: f.id().optional(),
  client_id: f.id().optional(),
  policy_id: f.id().optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export const workTodayQuery = z.object({
  scope: z.enum(['mine', 'team']).default('mine'),
  /** The end of "today" in the user's time zone, as an ISO instant. */
  until: f.timestamp(),
  /** How far ahead "upcoming" reaches, in days after today. */
  ahead_days: z.number().int().min(1).max(60).default(7),
});

export const dueRemindersQuery = z.object({
  /** Reminders that fell due after this instant (the last check) and by now. */
  since: f.timestamp(),
});

export const historyQuery = z
  .object({ lead_id: f.id().optional(), client_id: f.id().optional(), policy_id: f.id().optional() })
  .refine((s) => [s.lead_id, s.client_id, s.policy_id].filter((v) => v !== undefined).length === 1, {
    message: 'give one of lead_id, client_id or policy_id',
    path: ['lead_id'],
  });

export type TaskItem = Row<'tasks'> & {
  /** What the task is about, for its link: the lead, client or ticket's name or subject. */
  subject_name: string | null;
  subject: { kind: 'lead' | 'client' | 'ticket' | 'policy'; id: string };
  overdue: boolean;
};

export interface WorkToday {
  overdue: TaskItem[];
  today: TaskItem[];
  upcoming: TaskItem[];
  counts: { overdue: number; today: number; upcoming: number };
}

export type HistoryEntry = Row<'record_changes'>;
