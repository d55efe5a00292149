import type { ConflictItem } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { changeFeed } from '../../../db/sqlite/change-feed';
import { conflicts } from '../../../db/sqlite/sync-state';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** Open items of the conflicts inbox: rejected mutations and field values that lost a race. */
export function listConflicts(db: ReplicaDb): ConflictItem[] {
  return conflicts
    .open(db, 500)
    .map((r) => ({ ...r, local_value: parse(r.local_value), server_value: parse(r.server_value) }));
}

/**
 * Dismiss an item, or re-apply what was lost: a lost field value goes in again as a new edit;
 * a rejected mutation is made again (as a new mutation, so the server judges it afresh).
 */
export async function resolveConflict(db: ReplicaDb, writer: ReplicaWriter, id: string, action: 'dismiss' | 'reapply') {
  const item = listConflicts(db).find((c) => c.id === id);
  if (!item) throw new AppError('not_found', `no open conflict ${id}`, 'id');
  let mutationId: string | null = null;
  if (action === 'reapply') {
    if (item.kind === 'overwritten') {
      if (item.table_name !== 'leads' || !item.row_id || !item.field)
        throw new AppError('precondition_failed', 'this value cannot be re-applied automatically');
      mutationId = (await writer.mutate('updateLead', { id: item.row_id, patch: { [item.field]: item.local_value } }))
        .mutation.id;
    } else {
      if (!item.mutation_name)
        throw new AppError('precondition_failed', 'this rejected change has no mutation to re-apply');
      mutationId = (await writer.mutate(item.mutation_name, item.local_value)).mutation.id;
    }
  }
  changeFeed(db).transactionSync('local', () => conflicts.resolve(db, id, action, new Date().toISOString()));
  return { id, mutation_id: mutationId };
}
