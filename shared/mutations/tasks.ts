import { z } from 'zod';
import { AppError } from '../errors';
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import { TASK_PRIORITIES } from '../model/tables/work';
import { assertCanWrite, canAccess, defineMutation, f, mustGet, type MutationContext } from './define';
import { resolveOwner } from './leads';
import { recordEvent } from './timeline';
import type { Tx } from './tx';

/**
 * Tasks: work for someone on a lead, a client or a ticket. A task is owned by its assignee
 * (see shared/model/tables/work.ts), so whoever it is for receives it through sync and may
 * work it; who may be given one is the same rule as for leads (resolveOwner).
 *
 * Each change writes a timeline entry on the record with its actor, using the kinds the
 * follow-ups already use (scheduled, assigned, completed) and the task's id in the payload.
 * The entry carries the record's ownership, so it is written only when the actor may write
 * the record: an assignee from another team changes the task (its own row records who and
 * when: completed_by, completed_at) without writing into a record they cannot see.
 */

const taskFields = z.object({
  title: f.name(),
  notes: f.longText().nullable(),
  due_at: f.timestamp(),
  priority: z.enum(TASK_PRIORITIES),
  remind_at: f.timestamp().nullable(),
  assigned_to: f.id(),
});

const taskSubject = z
  .object({
    lead_id: f.id().optional(),
    client_id: f.id().optional(),
    ticket_id: f.id().optional(),
    policy_id: f.id().optional(),
  })
  .refine((s) => [s.lead_id, s.client_id, s.ticket_id, s.policy_id].filter((v) => v !== undefined).length === 1, {
    message: 'give one of lead_id, client_id, ticket_id or policy_id',
    path: ['lead_id'],
  });

type Owned = { owner_id: string; team_id: string | null; deleted_at: string | null };

/** The record a task is about (a ticket's lead or client; a policy's client), as the timeline names it. */
async function timelineSubject(
  tx: Tx,
  ref: { lead_id: string | null; client_id: string | null; ticket_id: string | null; policy_id: string | null },
) {
  let { lead_id, client_id } = ref;
  if (ref.ticket_id) {
    const ticket = await tx.get('support_tickets', ref.ticket_id);
    if (!ticket) return null;
    lead_id = ticket.lead_id;
    client_id = ticket.client_id;
  }
  if (ref.policy_id) {
    const policy = await tx.get('policies', ref.policy_id);
    if (!policy) return null;
    client_id = policy.client_id;
  }
  const record: Owned | undefined = lead_id
    ? await tx.get('leads', lead_id)
    : client_id
      ? await tx.get('clients', client_id)
      : undefined;
  if (!record || record.deleted_at) return null;
  return { lead_id: lead_id ?? null, client_id: lead_id ? null : client_id, record };
}

async function taskEvent(
  tx: Tx,
  ctx: MutationContext,
  task: Row<'tasks'>,
  event: {
    id: string;
    kind: 'follow_up_scheduled' | 'assigned' | 'follow_up_completed';
    payload: Record<string, unknown>;
  },
) {
  const subject = await timelineSubject(tx, task);
  if (!subject || !canAccess(ctx.actor, subject.record)) return false;
  await recordEvent(tx, ctx, {
    id: event.id,
    kind: event.kind,
    subject: { ...subject, owner_id: subject.record.owner_id, team_id: subject.record.team_id },
    payload: { task_id: task.id, title: task.title, ...event.payload },
  });
  return true;
}

/** The record a new task hangs on must exist and be the actor's to write. */
async function checkSubject(tx: Tx, ctx: MutationContext, ref: z.output<typeof taskSubject>) {
  if (ref.lead_id) assertCanWrite(ctx, await mustGet(tx, 'leads', ref.lead_id, 'lead', 'lead_id'), 'lead');
  if (ref.client_id) assertCanWrite(ctx, await mustGet(tx, 'clients', ref.client_id, 'client', 'client_id'), 'client');
  if (ref.ticket_id)
    assertCanWrite(ctx, await mustGet(tx, 'support_tickets', ref.ticket_id, 'ticket', 'ticket_id'), 'ticket');
  if (ref.policy_id) assertCanWrite(ctx, await mustGet(tx, 'policies', ref.policy_id, 'policy', 'policy_id'), 'policy');
}

async function loadTask(tx: Tx, ctx: MutationContext, id: string) {
  const task = await mustGet(tx, 'tasks', id, 'task', 'id');
  assertCanWrite(ctx, task, 'task');
  return task;
}

export const createTask = defineMutation({
  name: 'createTask',
  args: taskSubject.and(
    taskFields.partial({ notes: true, priority: true, remind_at: true, assigned_to: true }).extend({
      id: f.newId(),
      event_id: f.newId(),
    }),
  ),
  async run(tx, { id, event_id, lead_id, client_id, ticket_id, policy_id, assigned_to, ...fields }, ctx) {
    if (await tx.get('tasks', id)) throw new AppError('conflict', `task ${id} already exists`, 'id');
    await checkSubject(tx, ctx, { lead_id, client_id, ticket_id, policy_id });
    const owner = await resolveOwner(tx, ctx, assigned_to, 'assigned_to');
    const row = newRow(
      'tasks',
      {
        ...fields,
        id,
        lead_id: lead_id ?? null,
        client_id: client_id ?? null,
        ticket_id: ticket_id ?? null,
        policy_id: policy_id ?? null,
        ...owner,
        assigned_to: owner.owner_id,
        assigned_by: ctx.actor.userId,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('tasks', row);
    await taskEvent(tx, ctx, row, {
      id: event_id,
      kind: 'follow_up_scheduled',
      payload: { at: row.due_at, assigned_to: row.assigned_to, priority: row.priority },
    });
    return row;
  },
});

/** Edits an open task; a new `assigned_to` reassigns it (and moves its ownership with it). */
export const updateTask = defineMutation({
  name: 'updateTask',
  args: z.object({
    id: f.id(),
    event_id: f.newId(),
    patch: taskFields.partial().refine((p) => Object.keys(p).length > 0, 'patch is empty'),
  }),
  async run(tx, { id, event_id, patch }, ctx) {
    const task = await loadTask(tx, ctx, id);
    if (task.status === 'done') throw new AppError('precondition_failed', 'reopen a done task to change it', 'id');
    const { assigned_to, ...rest } = patch;
    const reassign = assigned_to !== undefined && assigned_to !== task.assigned_to;
    const owner = reassign ? await resolveOwner(tx, ctx, assigned_to, 'patch.assigned_to') : null;
    const next = {
      ...rest,
      ...(owner ? { ...owner, assigned_to: owner.owner_id, assigned_by: ctx.actor.userId } : {}),
    };
    await tx.update('tasks', id, { ...next, updated_at: ctx.now });
    if (owner) {
      await taskEvent(
        tx,
        ctx,
        { ...task, ...next },
        {
          id: event_id,
          kind: 'assigned',
          payload: { from: task.assigned_to, to: owner.owner_id },
        },
      );
    }
    return { id, changed: Object.keys(patch), reassigned: reassign };
  },
});

export const completeTask = defineMutation({
  name: 'completeTask',
  args: z.object({ id: f.id(), event_id: f.newId(), outcome: f.shortText().optional() }),
  async run(tx, { id, event_id, outcome }, ctx) {
    const task = await loadTask(tx, ctx, id);
    if (task.status === 'done') throw new AppError('precondition_failed', 'this task is already done', 'id');
    const done = {
      status: 'done' as const,
      completed_at: ctx.now,
      completed_by: ctx.actor.userId,
      outcome: outcome ?? null,
    };
    await tx.update('tasks', id, { ...done, updated_at: ctx.now });
    await taskEvent(
      tx,
      ctx,
      { ...task, ...done },
      {
        id: event_id,
        kind: 'follow_up_completed',
        payload: { due: task.due_at, outcome: outcome ?? null },
      },
    );
    return { id, status: 'done' as const };
  },
});

export const reopenTask = defineMutation({
  name: 'reopenTask',
  args: z.object({ id: f.id(), event_id: f.newId(), due_at: f.timestamp().optional() }),
  async run(tx, { id, event_id, due_at }, ctx) {
    const task = await loadTask(tx, ctx, id);
    if (task.status === 'open') throw new AppError('precondition_failed', 'this task is still open', 'id');
    const open = { status: 'open' as const, completed_at: null, completed_by: null, due_at: due_at ?? task.due_at };
    await tx.update('tasks', id, { ...open, updated_at: ctx.now });
    await taskEvent(
      tx,
      ctx,
      { ...task, ...open },
      {
        id: event_id,
        kind: 'follow_up_scheduled',
        payload: { at: open.due_at, assigned_to: task.assigned_to, reopened: true },
      },
    );
    return { id, status: 'open' as const };
  },
});
