import { z } from 'zod';
import { AppError } from '../errors';
import type { Row, TableName } from '../model/catalogue';
import { clientFields } from './clients';
import { assertCanWrite, defineMutation, f, mustGet, type MutationContext } from './define';
import { contactFields, leadFields } from './fields';
import { recordEvent } from './timeline';
import type { Tx } from './tx';

type Mergeable = 'clients' | 'leads' | 'contacts';

/** Child tables by the column that names their parent: they move to the survivor of a merge (the merge screen counts them). */
const ACTIVITY = [
  'lead_notes',
  'lead_communications',
  'opportunities',
  'support_tickets',
  'ai_interactions',
  'timeline_events',
  'campaign_enrollments',
] as const satisfies readonly TableName[];
export const MERGE_CHILDREN: Record<Mergeable, ReadonlyArray<readonly [TableName, string]>> = {
  clients: [
    ['contacts', 'client_id'],
    ['lead_marketing_settings', 'client_id'],
    ...ACTIVITY.map((t) => [t, 'client_id'] as const),
    ['leads', 'converted_to_client_id'],
    // The book: a merged-away client's policy terms belong to the survivor.
    ['policies', 'client_id'],
  ],
  // A lead has one marketing-settings row (unique): the survivor keeps its own, see mergeRecords.
  leads: [
    ['contacts', 'lead_id'],
    ['lead_marketing_settings', 'lead_id'],
    ...ACTIVITY.map((t) => [t, 'lead_id'] as const),
  ],
  contacts: [
    ['lead_communications', 'contact_id'],
    ['support_tickets', 'contact_id'],
    ['contacts', 'reports_to_contact_id'],
  ],
};

async function mergeRecords(
  tx: Tx,
  ctx: MutationContext,
  table: Mergeable,
  args: { survivor_id: string; merged_id: string; fields: Record<string, unknown>; event_id: string },
) {
  const { survivor_id, merged_id, fields } = args;
  const label = table.slice(0, -1);
  if (survivor_id === merged_id)
    throw new AppError('invalid_input', `a ${label} cannot be merged into itself`, 'merged_id');
  const survivor = (await mustGet(tx, table, survivor_id, label, 'survivor_id')) as
    Row<'leads'> | Row<'clients'> | Row<'contacts'>;
  const merged = (await mustGet(tx, table, merged_id, label, 'merged_id')) as typeof survivor;
  assertCanWrite(ctx, survivor, label);
  assertCanWrite(ctx, merged, label);
  if (table === 'leads' && ((survivor as Row<'leads'>).is_converted || (merged as Row<'leads'>).is_converted))
    throw new AppError(
      'precondition_failed',
      'a converted lead is the client’s history: merge the clients instead',
      'merged_id',
    );
  for (const k of ['address_id', 'mailing_address_id'] as const) {
    const id = fields[k];
    if (typeof id === 'string')
      assertCanWrite(ctx, await mustGet(tx, 'addresses', id, 'address', `fields.${k}`), 'address');
  }
  if (Object.keys(fields).length > 0) await tx.update(table, survivor_id, { ...fields, updated_at: ctx.now });
  const moved: Record<string, number> = {};
  for (const [child, column] of MERGE_CHILDREN[table]) {
    if (
      child === 'lead_marketing_settings' &&
      table === 'leads' &&
      (await tx.find(child, { lead_id: survivor_id })).length
    )
      continue;
    const rows = (await tx.find(child, { [column]: merged_id } as never)) as Array<{ id: string }>;
    for (const r of rows) await tx.update(child, r.id, { [column]: survivor_id, updated_at: ctx.now } as never);
    if (rows.length) moved[child] = (moved[child] ?? 0) + rows.length;
  }
  await tx.update(table, merged_id, { deleted_at: ctx.now, merged_into_id: survivor_id, updated_at: ctx.now });
  const s = survivor as {
    id: string;
    owner_id: string;
    team_id: string | null;
    lead_id?: string | null;
    client_id?: string | null;
  };
  const subject =
    table === 'leads'
      ? { lead_id: s.id, client_id: null }
      : table === 'clients'
        ? { lead_id: null, client_id: s.id }
        : { lead_id: s.lead_id ?? null, client_id: s.client_id ?? null };
  await recordEvent(tx, ctx, {
    id: args.event_id,
    kind: 'merged',
    subject: { ...subject, owner_id: s.owner_id, team_id: s.team_id },
    payload: { table, survivor_id, merged_id, fields: Object.keys(fields), moved },
  });
  return { survivor_id, merged_id, moved };
}

const mergeArgs = <F extends z.ZodObject>(fields: F) =>
  z.object({ survivor_id: f.id(), merged_id: f.id(), fields: fields.partial().default({}), event_id: f.newId() });

/**
 * Merges one client into another: the fields chosen survive, every child record and every lead
 * converted to the merged client move to the survivor, and the merged client becomes a tombstone
 * (soft-deleted, merged_into_id = survivor), so a change made to it elsewhere, offline, lands on
 * the survivor when it syncs (see redirectMerged).
 */
export const mergeClients = defineMutation({
  name: 'mergeClients',
  args: mergeArgs(clientFields.extend({ address_id: f.id().nullable(), mailing_address_id: f.id().nullable() })),
  run: (tx, args, ctx) => mergeRecords(tx, ctx, 'clients', args),
});

/** The same for two leads not yet converted; the lead's type stays the survivor's. */
export const mergeLeads = defineMutation({
  name: 'mergeLeads',
  args: mergeArgs(leadFields.omit({ lead_type: true, insurance_type_id: true })),
  run: (tx, args, ctx) => mergeRecords(tx, ctx, 'leads', args),
});

/** The same for two contacts: communications and tickets naming the merged contact move. */
export const mergeContacts = defineMutation({
  name: 'mergeContacts',
  args: mergeArgs(contactFields),
  run: (tx, args, ctx) => mergeRecords(tx, ctx, 'contacts', args),
});

/** Which table each id argument names, when its name alone does not say. */
const ID_ARGS: Record<string, ReadonlyArray<readonly [string, Mergeable]>> = {
  updateClient: [['id', 'clients']],
  updateLead: [['id', 'leads']],
  updateContact: [['id', 'contacts']],
};
const NAMED: ReadonlyArray<readonly [string, Mergeable]> = [
  ['client_id', 'clients'],
  ['lead_id', 'leads'],
  ['contact_id', 'contacts'],
];

const MERGEABLE: readonly string[] = ['clients', 'leads', 'contacts'] satisfies Mergeable[];

/** The survivor a merged-away record's chain of tombstones ends at (itself when never merged). */
async function survivorOf(tx: Tx, table: Mergeable, id: string): Promise<string> {
  let row = (await tx.get(table, id)) as { merged_into_id: string | null } | undefined;
  let target = id;
  for (let hops = 0; row?.merged_into_id && hops < 10; hops++) {
    target = row.merged_into_id;
    row = (await tx.get(table, target)) as { merged_into_id: string | null } | undefined;
  }
  return target;
}

/** The id arguments of a mutation and the table each names. */
function idArgs(name: string, args: Record<string, unknown>): ReadonlyArray<readonly [string, Mergeable]> {
  // softDelete and restore name their table in the arguments: a merged-away record's survivor is
  // what the person meant (deleting the tombstone is a no-op; restoring it would revive a shell).
  if ((name === 'softDelete' || name === 'restore') && MERGEABLE.includes(String(args.table)))
    return [['id', args.table as Mergeable]];
  return [...NAMED, ...(ID_ARGS[name] ?? [])];
}

/**
 * A mutation made (offline, on another replica) to a record that has since been merged away is
 * redirected to the survivor, following the chain of tombstones, before it runs: on the replica
 * (replaying pending work after a rebase) and on the gateway alike, so the change is never lost.
 * An import batch's items are redirected one by one, as if each ran alone.
 */
export async function redirectMerged(
  tx: Tx,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (name.startsWith('merge')) return args;
  if (name === 'importBatch' && Array.isArray(args.items)) {
    const items = args.items as Array<{ name: string; args: Record<string, unknown> }>;
    let changed = false;
    const out = [];
    for (const item of items) {
      const redirected = await redirectMerged(tx, item.name, item.args);
      changed ||= redirected !== item.args;
      out.push(redirected === item.args ? item : { ...item, args: redirected });
    }
    return changed ? { ...args, items: out } : args;
  }
  let out = args;
  for (const [key, table] of idArgs(name, args)) {
    const id = args[key];
    if (typeof id !== 'string') continue;
    const target = await survivorOf(tx, table, id);
    if (target !== id) out = { ...out, [key]: target };
  }
  return out;
}
