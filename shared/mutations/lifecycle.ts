import { z } from 'zod';
import { AppError } from '../errors';
import { assertCanWrite, defineMutation, f } from './define';

/** Records a person may delete (softly: the row stays, marked, so sync and undo keep working). */
export const DELETABLE = [
  'leads',
  'clients',
  'contacts',
  'lead_notes',
  'lead_communications',
  'opportunities',
  'support_tickets',
  'addresses',
  'campaign_enrollments',
] as const;

const target = z.object({ table: z.enum(DELETABLE), id: f.id() });

async function loadTarget(
  tx: Parameters<(typeof softDelete)['run']>[0],
  table: (typeof DELETABLE)[number],
  id: string,
) {
  const row = await tx.get(table, id);
  if (!row) throw new AppError('not_found', `${table} ${id} does not exist`, 'id');
  return row;
}

export const softDelete = defineMutation({
  name: 'softDelete',
  args: target,
  async run(tx, { table, id }, ctx) {
    const row = await loadTarget(tx, table, id);
    assertCanWrite(ctx, row, 'record');
    if (row.deleted_at) return { table, id, changed: false };
    if (table === 'leads' && (row as { is_converted?: boolean }).is_converted) {
      throw new AppError('precondition_failed', 'a converted lead is the client’s history and cannot be deleted', 'id');
    }
    await tx.update(table, id, { deleted_at: ctx.now, updated_at: ctx.now });
    return { table, id, changed: true };
  },
});

export const restore = defineMutation({
  name: 'restore',
  args: target,
  async run(tx, { table, id }, ctx) {
    const row = await loadTarget(tx, table, id);
    assertCanWrite(ctx, row, 'record');
    if (!row.deleted_at) return { table, id, changed: false };
    await tx.update(table, id, { deleted_at: null, updated_at: ctx.now });
    return { table, id, changed: true };
  },
});
