import { z } from 'zod';
import { DEFAULT_XDATE_WINDOW_DAYS, xDateFollowUp } from '../book/terms';
import { AppError } from '../errors';
import type { TableName } from '../model/catalogue';
import { defineMutation, f, mustGet } from './define';
import { leadHistory, loadLead, resolveOwner } from './leads';
import { recordEvent } from './timeline';

/** Tables whose rows hang off a lead and move with it when it changes hands. */
const LEAD_CHILDREN = [
  'contacts',
  'lead_communications',
  'lead_notes',
  'lead_marketing_settings',
  'opportunities',
  'support_tickets',
  'ai_interactions',
  'timeline_events',
  'campaign_enrollments',
] as const satisfies readonly TableName[];

export const assignLead = defineMutation({
  name: 'assignLead',
  args: z.object({ lead_id: f.id(), owner_id: f.id(), event_id: f.newId(), change_id: f.newId() }),
  async run(tx, { lead_id, owner_id, event_id, change_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    if (ctx.actor.role === 'agent')
      throw new AppError('forbidden', 'only staff, managers and admins reassign leads', 'owner_id');
    const owner = await resolveOwner(tx, ctx, owner_id);
    if (owner.owner_id === lead.owner_id) return { lead_id, owner_id, moved: 0 };
    await tx.update('leads', lead_id, { ...owner, updated_at: ctx.now });
    let moved = 0;
    // Children carry the lead's ownership so sync scopes and row-level security follow it.
    for (const table of LEAD_CHILDREN) {
      for (const row of await tx.find(table, { lead_id })) {
        await tx.update(table, row.id, { ...owner, updated_at: ctx.now });
        moved++;
      }
    }
    if (lead.address_id) await tx.update('addresses', lead.address_id, { ...owner, updated_at: ctx.now });
    // The lead's field history goes with it (not counted in `moved`, which counts its activity rows),
    // and this change is written under the new ownership.
    for (const row of await tx.find('record_changes', { lead_id })) {
      await tx.update('record_changes', row.id, { ...owner, updated_at: ctx.now });
    }
    await leadHistory(tx, ctx, lead, change_id, 'assignLead', { owner_id: owner.owner_id }, owner);
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'assigned',
      subject: { lead_id, client_id: null, ...owner },
      payload: { from: lead.owner_id, to: owner.owner_id },
    });
    return { lead_id, owner_id, moved };
  },
});

export const changeLeadStatus = defineMutation({
  name: 'changeLeadStatus',
  args: z.object({
    lead_id: f.id(),
    status_id: f.id(),
    reason: f.shortText().optional(),
    event_id: f.newId(),
    /** The X-date setting: days before the prospect's policy expires to call back (a lost lead). */
    xdate_window_days: z.number().int().min(0).max(180).default(DEFAULT_XDATE_WINDOW_DAYS),
    change_id: f.newId(),
  }),
  async run(tx, { lead_id, status_id, reason, event_id, xdate_window_days, change_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    if (lead.is_converted)
      throw new AppError('precondition_failed', 'this lead was converted; its status is final', 'status_id');
    const status = await mustGet(tx, 'lead_statuses', status_id, 'lead status', 'status_id');
    if (status.category === 'won') {
      throw new AppError(
        'precondition_failed',
        'a lead is won by converting it to a client (convertLead)',
        'status_id',
      );
    }
    if (status.id === lead.status_id) return { lead_id, status_id, changed: false };
    const from = lead.status_id;
    // A lost prospect whose current policy's expiration is known comes back on the X-date list:
    // the follow-up falls in the re-quote window before their policy renews elsewhere.
    const xdate =
      status.category === 'lost' && lead.policy_expiration_date
        ? xDateFollowUp(lead.policy_expiration_date, xdate_window_days, ctx.now)
        : null;
    const statusPatch = {
      status_id,
      ...(status.code === 'quoted' && !lead.quoted_at ? { quoted_at: ctx.now } : {}),
      ...(status.category === 'lost'
        ? {
            lost_at: ctx.now,
            lost_reason: reason ?? null,
            next_follow_up_at: xdate?.at ?? null,
            ...(xdate ? { follow_up_note: `X-date ${xdate.xdate}: re-quote before their policy renews` } : {}),
            // An expiration already past has renewed with the other carrier: its next one is the X-date.
            ...(xdate && xdate.xdate !== lead.policy_expiration_date ? { policy_expiration_date: xdate.xdate } : {}),
          }
        : { lost_at: null }),
    };
    await tx.update('leads', lead_id, { ...statusPatch, status_changed_at: ctx.now, updated_at: ctx.now });
    await leadHistory(tx, ctx, lead, change_id, 'changeLeadStatus', statusPatch);
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'status_changed',
      subject: { ...lead, lead_id, client_id: null },
      payload: { from, to: status_id, reason: reason ?? null, ...(xdate ? { xdate_follow_up_at: xdate.at } : {}) },
    });
    return { lead_id, status_id, changed: true, ...(xdate ? { next_follow_up_at: xdate.at } : {}) };
  },
});

export const scheduleFollowUp = defineMutation({
  name: 'scheduleFollowUp',
  args: z.object({
    lead_id: f.id(),
    at: f.timestamp(),
    note: f.shortText().optional(),
    priority: z.number().int().min(1).max(5).optional(),
    event_id: f.newId(),
  }),
  async run(tx, { lead_id, at, note, priority, event_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    if (lead.is_converted)
      throw new AppError('precondition_failed', 'this lead is a client now; schedule on the client', 'lead_id');
    await tx.update('leads', lead_id, {
      next_follow_up_at: at,
      follow_up_note: note ?? null,
      ...(priority ? { priority } : {}),
      updated_at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'follow_up_scheduled',
      subject: { ...lead, lead_id, client_id: null },
      payload: { at, note: note ?? null },
    });
    return { lead_id, next_follow_up_at: at };
  },
});

export const completeFollowUp = defineMutation({
  name: 'completeFollowUp',
  args: z.object({
    lead_id: f.id(),
    outcome: f.shortText().optional(),
    next_at: f.timestamp().optional(),
    event_id: f.newId(),
  }),
  async run(tx, { lead_id, outcome, next_at, event_id }, ctx) {
    const lead = await loadLead(tx, ctx, lead_id);
    if (!lead.next_follow_up_at)
      throw new AppError('precondition_failed', 'this lead has no follow-up scheduled', 'lead_id');
    await tx.update('leads', lead_id, {
      next_follow_up_at: next_at ?? null,
      follow_up_note: null,
      last_contacted_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'follow_up_completed',
      subject: { ...lead, lead_id, client_id: null },
      payload: { due: lead.next_follow_up_at, outcome: outcome ?? null, next_at: next_at ?? null },
    });
    return { lead_id, next_follow_up_at: next_at ?? null };
  },
});
