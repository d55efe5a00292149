import { z } from 'zod';
import { AppError } from '../errors';
import type { Row, TableName } from '../model/catalogue';
import { clientFields } from './clients';
import { assertCanWrite, defineMutation, f, mustGet } from './define';
import { recordEvent } from './timeline';
import type { Tx } from './tx';

/** Tables whose rows belong to a client by client_id: they move to the survivor of a merge. */
const CLIENT_CHILDREN = [
  'contacts',
  'lead_notes',
  'lead_communications',
  'lead_marketing_settings',
  'opportunities',
  'support_tickets',
  'ai_interactions',
  'timeline_events',
  'campaign_enrollments',
] as const satisfies readonly TableName[];

/** Fields a person picks from either record, plus the addresses. */
const survivingFields = clientFields
  .partial()
  .extend({ address_id: f.id().nullable().optional(), mailing_address_id: f.id().nullable().optional() });

/**
 * Merges one client into another: the fields chosen survive, every child record (contacts,
 * notes, communications, opportunities, tickets, enrollments, AI records, timeline) and every
 * lead converted to the merged client move to the survivor, and the merged client becomes a
 * tombstone (soft-deleted, merged_into_id = survivor), so a change made to it elsewhere, offline,
 * lands on the survivor when it syncs (see redirectMerged).
 */
export const mergeClients = defineMutation({
  name: 'mergeClients',
  args: z.object({
    survivor_id: f.id(),
    merged_id: f.id(),
    fields: survivingFields.default({}),
    event_id: f.newId(),
  }),
  async run(tx, { survivor_id, merged_id, fields, event_id }, ctx) {
    if (survivor_id === merged_id)
      throw new AppError('invalid_input', 'a client cannot be merged into itself', 'merged_id');
    const survivor = await mustGet(tx, 'clients', survivor_id, 'client', 'survivor_id');
    const merged = await mustGet(tx, 'clients', merged_id, 'client', 'merged_id');
    assertCanWrite(ctx, survivor, 'client');
    assertCanWrite(ctx, merged, 'client');
    for (const k of ['address_id', 'mailing_address_id'] as const) {
      const id = fields[k];
      if (id) assertCanWrite(ctx, await mustGet(tx, 'addresses', id, 'address', `fields.${k}`), 'address');
    }
    if (Object.keys(fields).length > 0) await tx.update('clients', survivor_id, { ...fields, updated_at: ctx.now });
    const moved: Record<string, number> = {};
    for (const table of CLIENT_CHILDREN) {
      const rows = (await tx.find(table, { client_id: merged_id } as never)) as Array<{ id: string }>;
      for (const r of rows) await tx.update(table, r.id, { client_id: survivor_id, updated_at: ctx.now } as never);
      if (rows.length) moved[table] = rows.length;
    }
    const leads = await tx.find('leads', { converted_to_client_id: merged_id });
    for (const l of leads) await tx.update('leads', l.id, { converted_to_client_id: survivor_id, updated_at: ctx.now });
    if (leads.length) moved.leads = leads.length;
    await tx.update('clients', merged_id, { deleted_at: ctx.now, merged_into_id: survivor_id, updated_at: ctx.now });
    await recordEvent(tx, ctx, {
      id: event_id,
      kind: 'merged',
      subject: { lead_id: null, client_id: survivor_id, owner_id: survivor.owner_id, team_id: survivor.team_id },
      payload: { merged_id, fields: Object.keys(fields), moved },
    });
    return { survivor_id, merged_id, moved };
  },
});

/** Argument names that hold a client's id, per mutation where the name alone does not say. */
const CLIENT_ID_ARGS: Record<string, readonly string[]> = { updateClient: ['id'] };

/**
 * A mutation made (offline, on another replica) to a client that has since been merged away is
 * redirected to the survivor, following the chain of tombstones, before it runs: on the replica
 * (replaying pending work after a rebase) and on the gateway alike, so the change is never lost.
 */
export async function redirectMerged(tx: Tx, name: string, args: Record<string, unknown>) {
  if (name === 'mergeClients') return args;
  const keys = ['client_id', ...(CLIENT_ID_ARGS[name] ?? [])];
  let out = args;
  for (const key of keys) {
    const id = args[key];
    if (typeof id !== 'string') continue;
    let row = (await tx.get('clients', id)) as Row<'clients'> | undefined;
    let target = id;
    for (let hops = 0; row?.merged_into_id && hops < 10; hops++) {
      target = row.merged_into_id;
      row = (await tx.get('clients', target)) as Row<'clients'> | undefined;
    }
    if (target !== id) out = { ...out, [key]: target };
  }
  return out;
}
