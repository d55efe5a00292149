import type { z } from 'zod';
import type { Actor } from '../../shared/mutations/define';
import type { dueRemindersQuery, TaskItem, workQuery, WorkToday } from '../../shared/api/work';
import { decodeRow } from '../../shared/model/codec';
import type { ReplicaDb } from '../sqlite/open';
import { displayName } from './rows';

const SELECT = `SELECT t.*, CASE WHEN l.id IS NOT NULL THEN ${displayName('l')} WHEN c.id IS NOT NULL THEN ${displayName('c')}
    WHEN p.id IS NOT NULL THEN 'Policy ' || p.policy_number ELSE k.subject END AS subject_name
  FROM tasks t
  LEFT JOIN leads l ON l.id = t.lead_id
  LEFT JOIN clients c ON c.id = t.client_id
  LEFT JOIN support_tickets k ON k.id = t.ticket_id
  LEFT JOIN policies p ON p.id = t.policy_id`;

/**
 * Which tasks a scope covers. Mine: assigned to the actor. Team: the actor's team's tasks and
 * their own; an admin's team view is everyone's. The replica holds only what the actor may
 * see (sync scopes), so this only narrows it.
 */
function scopeSql(actor: Actor, scope: 'mine' | 'team'): { sql: string; params: unknown[] } {
  if (scope === 'mine') return { sql: 't.assigned_to = ?', params: [actor.userId] };
  if (actor.role === 'admin') return { sql: '1 = 1', params: [] };
  return { sql: '(t.assigned_to = ? OR t.team_id = ?)', params: [actor.userId, actor.teamId] };
}

function item(r: Record<string, unknown>, nowIso: string): TaskItem {
  const row = decodeRow('tasks', r);
  const subject = row.lead_id
    ? { kind: 'lead' as const, id: row.lead_id }
    : row.client_id
      ? { kind: 'client' as const, id: row.client_id }
      : row.policy_id
        ? { kind: 'policy' as const, id: row.policy_id }
        : { kind: 'ticket' as const, id: row.ticket_id! };
  return {
    ...row,
    subject_name: (r.subject_name as string | null) ?? null,
    subject,
    overdue: row.status === 'open' && row.due_at < nowIso,
  };
}

/** "My work" / "Team work": open tasks by due time (done ones newest first). Walks idx_tasks_assigned_status_due. */
export function listTasks(db: ReplicaDb, actor: Actor, q: z.output<typeof workQuery>, now: Date): TaskItem[] {
  const scope = scopeSql(actor, q.scope);
  const order = q.status === 'open' ? 't.due_at ASC' : 't.completed_at DESC';
  // Only the tasks on one record (its page), when one is named.
  const on = (['lead_id', 'client_id', 'policy_id'] as const).find((k) => q[k]);
  const record = on ? ` AND t.${on} = ?` : '';
  const recordParams = on ? [q[on]] : [];
  const rows = db
    .prepare(
      `${SELECT} WHERE ${scope.sql}${record} AND t.status = ? AND t.deleted_at IS NULL ORDER BY ${order}, t.id LIMIT ?`,
    )
    .all(...scope.params, ...recordParams, q.status, q.limit) as Array<Record<string, unknown>>;
  const nowIso = now.toISOString();
  return rows.map((r) => item(r, nowIso));
}

/** Today's tasks: overdue, due by the end of today, and upcoming (the next days), with their counts. */
export function tasksToday(
  db: ReplicaDb,
  actor: Actor,
  q: { scope: 'mine' | 'team'; until: string; ahead_days: number },
  now: Date,
): WorkToday {
  const scope = scopeSql(actor, q.scope);
  const horizon = new Date(new Date(q.until).getTime() + q.ahead_days * 86_400_000).toISOString();
  const rows = db
    .prepare(
      `${SELECT} WHERE ${scope.sql} AND t.status = 'open' AND t.deleted_at IS NULL AND t.due_at <= ?
       ORDER BY t.due_at, t.id LIMIT 1000`,
    )
    .all(...scope.params, horizon) as Array<Record<string, unknown>>;
  const nowIso = now.toISOString();
  const items = rows.map((r) => item(r, nowIso));
  const overdue = items.filter((t) => t.due_at < nowIso);
  const today = items.filter((t) => t.due_at >= nowIso && t.due_at <= q.until);
  const upcoming = items.filter((t) => t.due_at > q.until);
  return {
    overdue,
    today,
    upcoming,
    counts: { overdue: overdue.length, today: today.length, upcoming: upcoming.length },
  };
}

/**
 * The signed-in user's open tasks whose reminder (remind_at, else the due time) fell in
 * (since, now]: what the reminder check announces once.
 */
export function dueReminders(
  db: ReplicaDb,
  actor: Actor,
  q: z.output<typeof dueRemindersQuery>,
  now: Date,
): TaskItem[] {
  const nowIso = now.toISOString();
  const rows = db
    .prepare(
      `${SELECT} WHERE t.assigned_to = ? AND t.status = 'open' AND t.deleted_at IS NULL
         AND coalesce(t.remind_at, t.due_at) > ? AND coalesce(t.remind_at, t.due_at) <= ?
       ORDER BY coalesce(t.remind_at, t.due_at) LIMIT 20`,
    )
    .all(actor.userId, q.since, nowIso) as Array<Record<string, unknown>>;
  return rows.map((r) => item(r, nowIso));
}

/** A lead's or client's field-level history, newest first. */
export function recordHistory(
  db: ReplicaDb,
  subject: { lead_id?: string; client_id?: string; policy_id?: string },
  limit = 200,
) {
  const column = (['lead_id', 'client_id', 'policy_id'] as const).find((k) => subject[k] !== undefined) ?? 'lead_id';
  const id = subject[column];
  const rows = db
    .prepare(
      `SELECT * FROM record_changes WHERE ${column} = ? AND deleted_at IS NULL ORDER BY changed_at DESC, id DESC LIMIT ?`,
    )
    .all(id, limit) as Array<Record<string, unknown>>;
  return rows.map((r) => decodeRow('record_changes', r));
}
