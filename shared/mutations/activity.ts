import { z } from 'zod';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { statusByCode } from '../lookups';
import { newRow } from '../model/new-row';
import { DIRECTIONS } from '../model/tables/activity';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { subjectRef } from './fields';
import { loadSubject } from './subject';
import { recordEvent } from './timeline';

export const addNote = defineMutation({
  name: 'addNote',
  args: subjectRef.and(
    z.object({
      id: f.newId(),
      body: f.longText().trim().min(1, 'is required'),
      is_pinned: z.boolean().default(false),
      tags: f.tags().default([]),
    }),
  ),
  async run(tx, args, ctx) {
    const subject = await loadSubject(tx, ctx, args);
    const row = newRow(
      'lead_notes',
      {
        id: args.id,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        body: args.body,
        is_pinned: args.is_pinned,
        tags: args.tags,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('lead_notes', row);
    return row;
  },
});

const NEW_STATUS = statusByCode('new').id;
const startOfMinute = (iso: string) => `${iso.slice(0, 16)}:00.000Z`;
const CONTACTED_STATUS = statusByCode('contacted').id;

/**
 * Logs a call, email, text or meeting. Updates the lead's contact times, and moves a brand-new
 * lead to "contacted" on its first conversation (the workflow agents expect).
 */
export const logCommunication = defineMutation({
  name: 'logCommunication',
  args: subjectRef
    .and(
      z.object({
        id: f.newId(),
        event_id: f.newId(),
        communication_type_id: f.id(),
        direction: z.enum(DIRECTIONS).default('outbound'),
        subject: f.shortText().optional(),
        body: f.longText().optional(),
        outcome: f.shortText().optional(),
        occurred_at: f.timestamp().optional(),
        duration_seconds: z.number().int().min(0).max(86_400).optional(),
        contact_id: f.id().optional(),
        campaign_id: f.id().optional(),
        follow_up_at: f.timestamp().optional(),
        follow_up_event_id: f.id().optional(),
      }),
    )
    // The follow-up's timeline entry gets its id only when there is a follow-up: an id for an
    // event that never happens would make the same call's outbox entry differ from run to run.
    .transform((a) => (a.follow_up_at && !a.follow_up_event_id ? { ...a, follow_up_event_id: uuidv7() } : a)),
  async run(tx, args, ctx) {
    // Checked against the mutation's own time (not the clock of whoever replays it), so the
    // replica and the server agree; the minute it was made is allowed (forms pick minutes).
    if (args.follow_up_at && args.follow_up_at < startOfMinute(ctx.now))
      throw new AppError(
        'invalid_input',
        'follow_up_at: the follow-up date is in the past; choose a date and time from now on',
        'follow_up_at',
      );
    const subject = await loadSubject(tx, ctx, args);
    await mustGet(tx, 'communication_types', args.communication_type_id, 'communication type', 'communication_type_id');
    if (args.contact_id)
      assertCanWrite(ctx, await mustGet(tx, 'contacts', args.contact_id, 'contact', 'contact_id'), 'contact');
    if (args.campaign_id) await mustGet(tx, 'campaigns', args.campaign_id, 'campaign', 'campaign_id');
    const occurredAt = args.occurred_at ?? ctx.now;
    const row = newRow(
      'lead_communications',
      {
        id: args.id,
        lead_id: subject.lead_id,
        client_id: subject.client_id,
        owner_id: subject.owner_id,
        team_id: subject.team_id,
        communication_type_id: args.communication_type_id,
        direction: args.direction,
        subject: args.subject ?? null,
        body: args.body ?? null,
        outcome: args.outcome ?? null,
        occurred_at: occurredAt,
        duration_seconds: args.duration_seconds ?? null,
        contact_id: args.contact_id ?? null,
        campaign_id: args.campaign_id ?? null,
        follow_up_at: args.follow_up_at ?? null,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      },
      ctx.now,
    );
    await tx.insert('lead_communications', row);
    const lead = subject.lead;
    if (lead) {
      const later = (a: string | null, b: string) => (a && a > b ? a : b);
      const firstContact = lead.status_id === NEW_STATUS && args.direction === 'outbound' && !lead.is_converted;
      await tx.update('leads', lead.id, {
        last_contacted_at: later(lead.last_contacted_at, occurredAt),
        first_contacted_at: lead.first_contacted_at ?? occurredAt,
        ...(args.follow_up_at ? { next_follow_up_at: args.follow_up_at } : {}),
        ...(firstContact ? { status_id: CONTACTED_STATUS, status_changed_at: ctx.now } : {}),
        updated_at: ctx.now,
      });
      if (firstContact) {
        await recordEvent(tx, ctx, {
          id: args.event_id,
          kind: 'status_changed',
          subject,
          payload: { from: NEW_STATUS, to: CONTACTED_STATUS, reason: 'first contact logged' },
        });
      }
    } else if (subject.client_id) {
      await tx.update('clients', subject.client_id, { last_contact_at: occurredAt, updated_at: ctx.now });
    }
    if (args.follow_up_at) {
      await recordEvent(tx, ctx, {
        id: args.follow_up_event_id ?? uuidv7(),
        kind: 'follow_up_scheduled',
        subject,
        payload: { at: args.follow_up_at, note: null, communication_id: row.id },
      });
    }
    return row;
  },
});
