/**
 * updateLead at the gateway: field-level last-writer-wins before the shared mutator runs.
 * The lead is locked (FOR UPDATE) so concurrent edits of one lead decide one after another;
 * the per-field write times live in field_versions, which only the gateway reads and writes.
 */
import type pg from 'pg';
import { PgTx } from '../db/pg/tx';
import { decodeRow } from '../shared/model/codec';
import type { MutationContext } from '../shared/mutations/define';
import { executeMutation, parseMutation } from '../shared/mutations/execute';
import { decideLww, type FieldVersion } from '../shared/sync/lww';
import type { ConflictEntry } from '../shared/sync/protocol';

export type Outcome = { kind: 'ok' } | { kind: 'conflict'; conflicts: ConflictEntry[] };

/**
 * Runs as fieldline_app (set by the caller) and returns as fieldline_app: the batch's next
 * mutation must run under row-level security too. Switches to the owner only for field_versions,
 * always after the mutator has written (so a refusal never leaves a write behind unnoticed).
 */
export async function runUpdateLead(
  client: pg.PoolClient,
  tx: PgTx,
  mutationId: string,
  input: unknown,
  ctx: MutationContext,
): Promise<Outcome> {
  const { args } = parseMutation('updateLead', input);
  const { id, patch, base } = args as { id: string; patch: Record<string, unknown>; base?: Record<string, unknown> };

  await tx.flush(); // a lead created earlier in the batch must be there for the raw SQL below
  const { rows } = await client.query('SELECT * FROM leads WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0] || rows[0].deleted_at !== null) {
    // Hidden by row-level security, missing or deleted: the mutator gives the refusal.
    await executeMutation(tx, 'updateLead', args, ctx);
    return { kind: 'ok' };
  }
  const current = decodeRow('leads', rows[0]) as Record<string, unknown>;

  await client.query('RESET ROLE');
  const stored = await client.query<{ field: string; written_at: string; mutation_id: string }>(
    `SELECT field, written_at, mutation_id FROM field_versions WHERE table_name = 'leads' AND row_id = $1`,
    [id],
  );
  await client.query('SET LOCAL ROLE fieldline_app');
  const versions: Record<string, FieldVersion> = {};
  for (const v of stored.rows) versions[v.field] = { at: v.written_at, mutationId: v.mutation_id };

  const decision = decideLww({
    table: 'leads',
    rowId: id,
    patch,
    base,
    current,
    versions,
    rowUpdatedAt: current.updated_at as string,
    at: ctx.now,
    mutationId,
  });
  const fields = Object.keys(decision.apply);
  if (fields.length > 0) {
    const keptBase = base && Object.fromEntries(Object.entries(base).filter(([k]) => fields.includes(k)));
    await executeMutation(
      tx,
      'updateLead',
      // change_id: the field-history row keeps the id the replica gave it
      { id, patch: decision.apply, change_id: args.change_id, ...(keptBase ? { base: keptBase } : {}) },
      ctx,
    );
    // updated_at cannot move backwards here: PgTx.update keeps the later of the two times.
    await client.query('RESET ROLE');
    for (const field of fields) {
      await client.query(
        `INSERT INTO field_versions (table_name, row_id, field, written_at, mutation_id) VALUES ('leads', $1, $2, $3, $4)
         ON CONFLICT (table_name, row_id, field) DO UPDATE SET written_at = EXCLUDED.written_at, mutation_id = EXCLUDED.mutation_id`,
        [id, field, ctx.now, mutationId],
      );
    }
    await client.query('SET LOCAL ROLE fieldline_app');
  }
  return decision.conflicts.length > 0 ? { kind: 'conflict', conflicts: decision.conflicts } : { kind: 'ok' };
}
