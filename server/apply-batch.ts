/**
 * A request's batch of mutations at the gateway, applied in order in as few Postgres
 * transactions as possible (one, unless a mutation is refused after it wrote): the idempotency
 * check, each mutator run as the row-level-security role for the signed-in user, the answers
 * recorded in applied_mutations, and the txid the replica will see in the change stream.
 *
 * One transaction per mutation cost ~10 round trips and a commit each (~5-40 ms a mutation);
 * a day's offline work took minutes to push. Now the per-batch work (locks, the prior answers,
 * the role, the txid, recording, the LSN) is done once per batch.
 *
 * No savepoints: rows written in a subtransaction carry its xid rather than the txid answered,
 * and more than 64 subtransactions in one transaction overflow Postgres's per-backend cache, which
 * slows every other session's snapshots. A refusal that leaves writes behind (a constraint, RLS)
 * rolls the transaction back instead; the mutations before it are run again in a new
 * transaction, which commits with the refusal recorded, and the batch goes on after it. So every
 * mutation runs at most twice, and a refused one leaves nothing behind.
 */
import type pg from 'pg';
import { DeferredInsertError, TxRows } from '../db/pg/tx-rows';
import type { AppError } from '../shared/errors';
import type { MutationAnswer, SessionUser } from '../shared/sync/protocol';
import { contextFor, runMutation, type IncomingMutation } from './apply-mutation';
import { appendLedger, mutationDetail } from './audit';

export type { IncomingMutation } from './apply-mutation';

export interface Applied {
  answer: MutationAnswer;
  /** The answer was recorded earlier (a retry, or the same id earlier in this batch). */
  replayed: boolean;
  /** How far ahead of the server's clock the client's createdAt was (ms), when it was pulled back. */
  clampedMs?: number;
}

/** A deadlock (two batches locking the same leads in opposite orders) is retried this many times. */
const RETRIES = 3;
const RETRIABLE = new Set(['40P01', '40001']);

/** The WAL position as the decimal of its 64-bit value (Electric's `lsn` form). */
const LSN_SQL = `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text`;
const decimal = (lsn: string) => lsn.replace(/\.0+$/, '');

interface Prior {
  user_id: string;
  result: MutationAnswer;
}

interface Pending {
  m: IncomingMutation;
  answer: MutationAnswer;
  atMs: number;
}

class BatchRun {
  readonly results: Applied[] = [];
  /** Answers recorded before this request, and by this request's committed transactions. */
  private readonly answered = new Map<string, Prior>();
  /** Refusals found in a transaction that had to be rolled back: recorded as such on the re-run. */
  private readonly refused = new Map<number, AppError>();
  private retries = 0;
  /** After a deferred insert failed, the rest of the batch sends each insert as it comes. */
  private insertOneByOne = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly batch: IncomingMutation[],
    private readonly user: SessionUser,
    private readonly now: () => number,
  ) {}

  async run(): Promise<Applied[]> {
    const ids = [...new Set(this.batch.map((m) => m.id))];
    // Requests carrying the same ids (a retry racing the original) take turns, until the answers
    // are complete (their LSN is added after COMMIT). One statement, in key order, so two
    // batches sharing ids cannot deadlock; a lost connection releases the locks.
    await this.client.query(
      `SELECT pg_advisory_lock(k) FROM (SELECT DISTINCT hashtextextended(id, 7243002) AS k FROM unnest($1::text[]) AS id ORDER BY k) AS keys`,
      [ids],
    );
    try {
      const prior = await this.client.query<{ id: string; user_id: string; result: MutationAnswer }>(
        'SELECT id, user_id, result FROM applied_mutations WHERE id = ANY($1::uuid[])',
        [ids],
      );
      for (const r of prior.rows) this.answered.set(r.id, { user_id: r.user_id, result: r.result });
      let start = 0;
      while (start < this.batch.length) start = await this.transaction(start);
      await this.completeReplayedLsns();
      return this.results;
    } finally {
      await this.client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    }
  }

  /**
   * Applies mutations from `start` in one transaction and commits. Returns where the next
   * transaction starts: the end of the batch, just after a refusal recorded on a re-run, or
   * `start` again when this transaction had to be rolled back (to run again without it).
   */
  private async transaction(start: number): Promise<number> {
    const { client } = this;
    // Answers already recorded need no transaction (a retry of a batch that fully committed).
    while (start < this.batch.length && this.answered.has(this.batch[start]!.id)) {
      this.results[start] = this.replay(this.batch[start]!, this.answered.get(this.batch[start]!.id)!);
      start++;
    }
    if (start === this.batch.length) return start;
    const pending: Pending[] = [];
    const here = new Map<string, Prior>();
    const txRows = new TxRows(!this.insertOneByOne);
    let next = this.batch.length;
    await client.query('BEGIN');
    try {
      // The user's role and team are read here, FOR SHARE: a team move (server/admin.ts) waits
      // for this transaction and this one for a move, so rows are written with the team their
      // owner has when they commit, never stranded in the team the owner just left.
      const { rows } = await client.query<{ txid: string; role: SessionUser['role']; team_id: string | null }>(
        `SELECT set_config('app.user_id', $1, true), pg_current_xact_id()::xid::text AS txid, role, team_id
         FROM users WHERE id = $1::uuid FOR SHARE`,
        [this.user.id],
      );
      if (!rows[0]) throw new Error('the signed-in user no longer exists');
      const { txid, role, team_id } = rows[0];
      const user: SessionUser = { ...this.user, role, team_id };
      await client.query('SET LOCAL ROLE fieldline_app');
      for (let i = start; i < this.batch.length; i++) {
        const m = this.batch[i]!;
        const serverNowMs = this.now();
        const { ctx, clampedMs } = contextFor(m, user, serverNowMs);
        const prior = here.get(m.id) ?? this.answered.get(m.id);
        if (prior) {
          this.results[i] = this.replay(m, prior);
          continue;
        }
        let answer: MutationAnswer;
        const refusal = this.refused.get(i);
        if (refusal) {
          answer = { id: m.id, status: 'rejected', error: refusal.toJSON() };
          next = i + 1;
        } else {
          const attempt = await runMutation(client, m, ctx, txRows);
          if (attempt.kind === 'rejected' && !attempt.clean) {
            await client.query('ROLLBACK');
            // Refusals found further on were found after this mutation had applied: judge them again.
            this.refused.clear();
            this.refused.set(i, attempt.error);
            return start;
          }
          answer =
            attempt.kind === 'rejected'
              ? { id: m.id, status: 'rejected', error: attempt.error.toJSON() }
              : attempt.outcome.kind === 'ok'
                ? { id: m.id, status: 'ok', txid, lsn: '' }
                : { id: m.id, status: 'conflict', txid, lsn: '', conflicts: attempt.outcome.conflicts };
        }
        pending.push({ m, answer, atMs: serverNowMs });
        here.set(m.id, { user_id: user.id, result: answer });
        this.results[i] = { answer, replayed: false, clampedMs };
        // Commit right after a refusal found on a re-run: no mutation is run more than twice.
        if (refusal) break;
      }
      await txRows.flush(client); // still as fieldline_app: row-level security checks the inserts
      await client.query('RESET ROLE');
      await this.record(pending, txid);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      // Run the same mutations again, inserting one by one, so the failure finds its mutation.
      if (err instanceof DeferredInsertError) {
        this.insertOneByOne = true;
        return start;
      }
      if (RETRIABLE.has((err as { code?: string }).code ?? '') && this.retries++ < RETRIES) return start;
      throw err;
    }
    for (const [id, prior] of here) this.answered.set(id, prior);
    await this.addLsn(pending);
    return next;
  }

  private replay(m: IncomingMutation, prior: Prior): Applied {
    if (prior.user_id !== this.user.id) {
      return {
        replayed: false,
        answer: {
          id: m.id,
          status: 'rejected',
          error: { code: 'conflict', message: 'this mutation id was already used by another user' },
        },
      };
    }
    return { answer: prior.result, replayed: true };
  }

  /**
   * Every answer of the transaction in one statement, and each applied mutation in the audit
   * ledger (as the table owner: RESET ROLE first). Last before COMMIT: the ledger's head stays
   * locked from here to the commit, so concurrent batches wait for each other only that long.
   */
  private async record(pending: Pending[], txid: string) {
    if (pending.length === 0) return;
    const rows = pending.map(({ m, answer, atMs }) => ({
      id: m.id,
      user_id: this.user.id,
      client_id: m.clientId,
      name: m.name,
      outcome: answer.status,
      result: answer,
      txid: answer.status === 'rejected' ? null : txid,
      applied_at: new Date(atMs).toISOString(),
    }));
    await this.client.query(
      `INSERT INTO applied_mutations (id, user_id, client_id, name, outcome, result, txid, applied_at)
       SELECT id, user_id, client_id, name, outcome, result, txid, applied_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, user_id uuid, client_id text, name text, outcome text, result jsonb, txid text, applied_at timestamptz)`,
      [JSON.stringify(rows)],
    );
    await appendLedger(
      this.client,
      pending
        .filter(({ answer }) => answer.status !== 'rejected')
        .map(({ m, answer, atMs }) => ({
          kind: 'mutation' as const,
          user_id: this.user.id,
          at: new Date(atMs).toISOString(),
          detail: {
            mutation_id: m.id,
            name: m.name,
            outcome: answer.status,
            txid,
            client_id: m.clientId,
            ...mutationDetail(m.args),
          },
        })),
    );
  }

  /**
   * The WAL position after the COMMIT, added to the answers: once the stream has passed it, it
   * holds the transaction. Read after COMMIT, so "stream passed lsn" means "stream has it"; the
   * insert position, because with synchronous_commit=off the write position can still be short
   * of the commit record, and a replica would then settle the mutation before its echo came.
   */
  private async addLsn(pending: Pending[]) {
    const applied = pending.filter((p) => p.answer.status !== 'rejected');
    if (applied.length === 0) return;
    const { rows } = await this.client.query<{ lsn: string }>(
      `WITH pos AS (SELECT ${LSN_SQL} AS lsn)
       UPDATE applied_mutations SET result = jsonb_set(result, '{lsn}', to_jsonb(pos.lsn)) FROM pos WHERE id = ANY($1::uuid[]) RETURNING pos.lsn`,
      [applied.map((p) => p.m.id)],
    );
    const lsn = decimal(rows[0]!.lsn);
    for (const p of applied) if (p.answer.status !== 'rejected') p.answer.lsn = lsn;
  }

  /** Recorded, but the process stopped before the LSN was added: any later position is also past the commit. */
  private async completeReplayedLsns() {
    const missing = this.results.filter((r) => r.replayed && r.answer.status !== 'rejected' && !r.answer.lsn);
    if (missing.length === 0) return;
    const { rows } = await this.client.query<{ lsn: string }>(`SELECT ${LSN_SQL} AS lsn`);
    for (const r of missing) if (r.answer.status !== 'rejected') r.answer.lsn = decimal(rows[0]!.lsn);
  }
}

/**
 * Applies a batch for `user`, in order. Refusals (AppError, RLS, constraints) are answered and
 * recorded; anything else rolls back the open transaction and throws, so the request fails and
 * the client retries: what committed before is answered again from applied_mutations.
 */
export function applyBatch(
  client: pg.PoolClient,
  batch: IncomingMutation[],
  user: SessionUser,
  now: () => number,
): Promise<Applied[]> {
  return new BatchRun(client, batch, user, now).run();
}
