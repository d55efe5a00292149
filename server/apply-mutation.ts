/**
 * One mutation at the gateway, in ONE Postgres transaction: the idempotency check, the shared
 * mutator run as the row-level-security role for the signed-in user, the answer recorded in
 * applied_mutations, and the txid the replica will see in the change stream.
 */
import type pg from 'pg';
import { PgTx } from '../db/pg/tx';
import type { MutationContext } from '../shared/mutations/define';
import { executeMutation } from '../shared/mutations/execute';
import type { MutationAnswer, SessionUser } from '../shared/sync/protocol';
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

export interface Applied {
  answer: MutationAnswer;
  /** The answer was recorded earlier (a retry). */
  replayed: boolean;
  /** How far ahead of the server's clock the client's createdAt was (ms), when it was pulled back. */
  clampedMs?: number;
}

/** The WAL position now, as the decimal of its 64-bit value (Electric's `lsn` form). */
async function currentLsn(client: pg.PoolClient): Promise<string> {
  const { rows } = await client.query<{ lsn: string }>(`SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text AS lsn`);
  return rows[0]!.lsn.replace(/\.0+$/, '');
}

async function replay(client: pg.PoolClient, m: IncomingMutation, user: SessionUser, prior: { user_id: string; result: MutationAnswer }): Promise<Applied> {
  if (prior.user_id !== user.id) {
    return {
      replayed: false,
      answer: { id: m.id, status: 'rejected', error: { code: 'conflict', message: 'this mutation id was already used by another user' } },
    };
  }
  const answer = prior.result;
  // Recorded but the process stopped before the LSN was added: any later position is also past the commit.
  if (answer.status !== 'rejected' && !answer.lsn) answer.lsn = await currentLsn(client);
  return { answer, replayed: true };
}

/** Opens the mutation's transaction, or answers the recorded answer if there is one. */
async function begin(client: pg.PoolClient, m: IncomingMutation, user: SessionUser): Promise<Applied | undefined> {
  await client.query('BEGIN');
  const prior = await client.query<{ user_id: string; result: MutationAnswer }>('SELECT user_id, result FROM applied_mutations WHERE id = $1', [m.id]);
  if (!prior.rows[0]) return undefined;
  await client.query('COMMIT');
  return replay(client, m, user, prior.rows[0]);
}

async function record(client: pg.PoolClient, m: IncomingMutation, user: SessionUser, answer: MutationAnswer, txid: string | null, atMs: number) {
  await client.query(
    `INSERT INTO applied_mutations (id, user_id, client_id, name, outcome, result, txid, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.id, user.id, m.clientId, m.name, answer.status, JSON.stringify(answer), txid, new Date(atMs).toISOString()],
  );
}

/**
 * Applies one mutation for `user`. Refusals (AppError, RLS, constraints) are answered and
 * recorded; anything else rolls back and throws, so the request fails and the client retries.
 * No savepoints: rows written in a subtransaction would carry its xid, not the txid answered.
 */
export async function applyMutation(client: pg.PoolClient, m: IncomingMutation, user: SessionUser, serverNowMs: number): Promise<Applied> {
  // Requests carrying the same id (a retry racing the original) take turns, until the answer
  // is complete (its LSN is added after COMMIT). A lost connection releases the lock.
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 7243002))', [m.id]);
  try {
    return await applyLocked(client, m, user, serverNowMs);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7243002))', [m.id]).catch(() => undefined);
  }
}

async function applyLocked(client: pg.PoolClient, m: IncomingMutation, user: SessionUser, serverNowMs: number): Promise<Applied> {
  const createdMs = Date.parse(m.createdAt);
  const clampedMs = createdMs > serverNowMs ? createdMs - serverNowMs : undefined;
  const ctx: MutationContext = {
    actor: { userId: user.id, teamId: user.team_id, role: user.role },
    now: new Date(Math.min(createdMs, serverNowMs)).toISOString(),
    side: 'server',
  };
  let answer: MutationAnswer;
  try {
    const recorded = await begin(client, m, user);
    if (recorded) return recorded;
    let outcome: Outcome;
    try {
      await client.query('SET LOCAL ROLE fieldline_app');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [user.id]);
      if (m.name === 'updateLead') outcome = await runUpdateLead(client, m.id, m.args, ctx);
      else {
        await executeMutation(new PgTx(client), m.name, m.args, ctx);
        outcome = { kind: 'ok' };
      }
    } catch (err) {
      const rejection = rejectionOf(err);
      if (!rejection) throw err;
      // Nothing of the mutation stays; its refusal is recorded in a transaction of its own.
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      answer = { id: m.id, status: 'rejected', error: rejection.toJSON() };
      await record(client, m, user, answer, null, serverNowMs);
      await client.query('COMMIT');
      return { answer, replayed: false, clampedMs };
    }
    await client.query('RESET ROLE');
    const txid = (await client.query<{ txid: string }>('SELECT pg_current_xact_id()::xid::text AS txid')).rows[0]!.txid;
    answer = outcome.kind === 'ok' ? { id: m.id, status: 'ok', txid, lsn: '' } : { id: m.id, status: 'conflict', txid, lsn: '', conflicts: outcome.conflicts };
    await record(client, m, user, answer, txid, serverNowMs);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  // Read after COMMIT: a position at or past the commit record, so "stream passed lsn" means "stream has it".
  answer.lsn = await currentLsn(client);
  await client.query(`UPDATE applied_mutations SET result = jsonb_set(result, '{lsn}', to_jsonb($2::text)) WHERE id = $1`, [m.id, answer.lsn]);
  return { answer, replayed: false, clampedMs };
}
