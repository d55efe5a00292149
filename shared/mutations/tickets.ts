import { z } from 'zod';
import { AppError } from '../errors';
import { newRow } from '../model/new-row';
import { TICKET_ISSUE_TYPES, TICKET_PRIORITIES, TICKET_STATUSES } from '../model/tables/service';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { subjectRef } from './fields';
import { loadSubject } from './subject';

const ticketFields = z.object({
  subject: f.name(),
  description: f.longText().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  issue_type: z.enum(TICKET_ISSUE_TYPES),
  assigned_to: f.id().nullable(),
  due_at: f.timestamp().nullable(),
  contact_id: f.id().nullable(),
});

export const createTicket = defineMutation({
  name: 'createTicket',
  args: subjectRef.and(ticketFields.partial().required({ subject: true }).extend({ id: f.newId() })),
  async run(tx, { lead_id, client_id, ...fields }, ctx) {
    const subject = await loadSubject(tx, ctx, { lead_id, client_id });
    if (fields.assigned_to) await mustGet(tx, 'users', fields.assigned_to, 'user', 'assigned_to');
    if (fields.contact_id)
      assertCanWrite(ctx, await mustGet(tx, 'contacts', fields.contact_id, 'contact', 'contact_id'), 'contact');
    const row = newRow(
      'support_tickets',
      {
        ...fields,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('support_tickets', row);
    return row;
  },
});

export const updateTicket = defineMutation({
  name: 'updateTicket',
  args: z.object({
    id: f.id(),
    patch: ticketFields
      .extend({ status: z.enum(TICKET_STATUSES.filter((s) => s === 'open' || s === 'pending') as ['open', 'pending']) })
      .partial()
      .refine((p) => Object.keys(p).length > 0, 'patch is empty'),
  }),
  async run(tx, { id, patch }, ctx) {
    const ticket = await mustGet(tx, 'support_tickets', id, 'ticket', 'id');
    assertCanWrite(ctx, ticket, 'ticket');
    if (patch.assigned_to) await mustGet(tx, 'users', patch.assigned_to, 'user', 'patch.assigned_to');
    if (patch.contact_id)
      assertCanWrite(ctx, await mustGet(tx, 'contacts', patch.contact_id, 'contact', 'patch.contact_id'), 'contact');
    // Re-opening a resolved ticket clears its resolution time so the CHECK (and reports) stay true.
    const reopening = patch.status && (ticket.status === 'resolved' || ticket.status === 'closed');
    await tx.update('support_tickets', id, {
      ...patch,
      ...(reopening ? { resolved_at: null } : {}),
      updated_at: ctx.now,
    });
    return { id, changed: Object.keys(patch) };
  },
});

export const resolveTicket = defineMutation({
  name: 'resolveTicket',
  args: z.object({
    id: f.id(),
    resolution: f.longText().trim().min(1, 'is required'),
    close: z.boolean().default(false),
  }),
  async run(tx, { id, resolution, close }, ctx) {
    const ticket = await mustGet(tx, 'support_tickets', id, 'ticket', 'id');
    assertCanWrite(ctx, ticket, 'ticket');
    if (ticket.status === 'closed') throw new AppError('precondition_failed', 'this ticket is already closed', 'id');
    const status = close ? 'closed' : 'resolved';
    await tx.update('support_tickets', id, {
      status,
      resolution,
      resolved_at: ticket.resolved_at ?? ctx.now,
      updated_at: ctx.now,
    });
    return { id, status };
  },
});

/**
 * A comment on a ticket's thread. Stored as a note about the ticket's lead or client with the
 * ticket's id in its metadata: the record's history shows it where agents already look, it syncs
 * and is protected with the record, and no new synced table is needed.
 */
export const addTicketComment = defineMutation({
  name: 'addTicketComment',
  args: z.object({ id: f.newId(), ticket_id: f.id(), body: f.longText().trim().min(1, 'is required') }),
  async run(tx, { id, ticket_id, body }, ctx) {
    const ticket = await mustGet(tx, 'support_tickets', ticket_id, 'ticket', 'ticket_id');
    assertCanWrite(ctx, ticket, 'ticket');
    const row = newRow(
      'lead_notes',
      {
        id,
        lead_id: ticket.lead_id,
        client_id: ticket.client_id,
        owner_id: ticket.owner_id,
        team_id: ticket.team_id,
        body,
        tags: ['ticket'],
        metadata: { ticket_id },
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('lead_notes', row);
    await tx.update('support_tickets', ticket_id, { updated_at: ctx.now });
    return row;
  },
});
