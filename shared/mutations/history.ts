import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import type { MutationContext } from './define';
import type { Tx } from './tx';

export type FieldChange = { field: string; from: unknown; to: unknown };

/** The fields of `patch` whose value differs from `before` (compared as JSON, so documents compare by value). */
export function fieldChanges(before: Record<string, unknown>, patch: Record<string, unknown>): FieldChange[] {
  return Object.entries(patch)
    .filter(([k, v]) => v !== undefined && JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null))
    .map(([field, to]) => ({ field, from: before[field] ?? null, to: to ?? null }));
}

/**
 * Writes the field-level history of one edit (who, when, each field's old and new value) in
 * the editing mutation's transaction. The row carries the record's ownership, so it syncs and
 * is protected with the record. An edit that changes nothing writes nothing.
 */
export async function recordChanges(
  tx: Tx,
  ctx: MutationContext,
  entry: {
    id: string;
    mutation: string;
    record: {
      lead_id: string | null;
      client_id: string | null;
      policy_id?: string | null;
      owner_id: string;
      team_id: string | null;
    };
    changes: FieldChange[];
  },
) {
  if (entry.changes.length === 0) return;
  const row: Row<'record_changes'> = newRow(
    'record_changes',
    {
      id: entry.id,
      lead_id: entry.record.lead_id,
      client_id: entry.record.client_id,
      policy_id: entry.record.policy_id ?? null,
      owner_id: entry.record.owner_id,
      team_id: entry.record.team_id,
      mutation: entry.mutation,
      changes: entry.changes,
      actor_id: ctx.actor.userId,
      changed_at: ctx.now,
      created_at: ctx.now,
      updated_at: ctx.now,
    },
    ctx.now,
  );
  await tx.insert('record_changes', row);
}
