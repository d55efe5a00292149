/**
 * One mutation at the gateway, inside the batch transaction the caller opened (server/apply-batch.ts)
 * as the row-level-security role for the signed-in user: the shared mutator, or updateLead's
 * field-level last-writer-wins. Says whether it applied, or why it was refused and whether the
 * transaction is still clean (nothing of it written), so the caller knows if it must roll back.
 */
import type pg from 'pg';
import { PgTx } from '../db/pg/tx';
import type { TxRows } from '../db/pg/tx-rows';
import { AppError } from '../shared/errors';
import type { MutationContext } from '../shared/mutations/define';
import { executeMutation } from '../shared/mutations/execute';
import type { SessionUser } from '../shared/sync/protocol';
import { findUnstorable } from '../shared/text/unstorable';
import { runUpdateLead, type Outcome } from './lead-lww';
import { rejectionOf } from './pg-errors';

export interface IncomingMutation {
  id: string;
  name: string;
  args: unknown;
  clientId: string;
  /** ISO, normalised. */
  createdAt: string;
}

export type Attempt =
  | { kind: 'applied'; outcome: Outcome }
  /**
   * `clean`: the mutator refused before writing anything and Postgres raised no error, so the
   * transaction holds nothing of this mutation and can go on. Otherwise it must be rolled back.
   */
  | { kind: 'rejected'; error: AppError; clean: boolean };

/** The mutation's context: its time is the client's, pulled back to the server's clock if ahead. */
export function contextFor(
  m: IncomingMutation,
  user: SessionUser,
  serverNowMs: number,
): { ctx: MutationContext; clampedMs?: number } {
  const createdMs = Date.parse(m.createdAt);
  return {
    ctx: {
      actor: { userId: user.id, teamId: user.team_id, role: user.role },
      now: new Date(Math.min(createdMs, serverNowMs)).toISOString(),
      side: 'server',
    },
    clampedMs: createdMs > serverNowMs ? createdMs - serverNowMs : undefined,
  };
}

/**
 * Runs one mutation in the open transaction (role fieldline_app, `app.user_id` set; the role is
 * the same when this returns); `rows` is what the transaction knows of its rows.
 * Refusals (AppError, RLS, constraints) are returned; anything else throws, and the caller
 * rolls back and fails the request so the client retries.
 */
export async function runMutation(
  client: pg.PoolClient,
  m: IncomingMutation,
  ctx: MutationContext,
  rows?: TxRows,
): Promise<Attempt> {
  // Postgres refuses a NUL and would store an unpaired surrogate as U+FFFD: refuse both, by field.
  const bad = findUnstorable(m.args);
  if (bad) {
    const error = new AppError(
      'invalid_input',
      `${bad.field || 'args'}: ${bad.reason}; it cannot be stored`,
      bad.field,
    );
    return { kind: 'rejected', error, clean: true };
  }
  const tx = new PgTx(client, rows);
  try {
    if (m.name === 'updateLead')
      return { kind: 'applied', outcome: await runUpdateLead(client, tx, m.id, m.args, ctx) };
    await executeMutation(tx, m.name, m.args, ctx);
    return { kind: 'applied', outcome: { kind: 'ok' } };
  } catch (err) {
    const rejection = rejectionOf(err);
    if (!rejection) throw err;
    // Only a refusal the mutator itself made before its first write leaves the transaction as it was.
    return { kind: 'rejected', error: rejection, clean: err instanceof AppError && tx.writes === 0 };
  }
}
