import type { PoolClient } from 'pg';
import { tableSpec, type TableName } from '../../shared/model/catalogue';

const q = (name: string) => `"${name}"`;

/**
 * The catalogue's columns rather than `*`: a prepared `SELECT *` fails ("cached plan must not
 * change result type") once a migration adds a column under a running gateway; decodeRow reads
 * only these columns anyway.
 */
const columnLists = new Map<TableName, string>();
export function columns(table: TableName): string {
  let list = columnLists.get(table);
  if (!list) columnLists.set(table, (list = Object.keys(tableSpec(table)!.columns).map(q).join(', ')));
  return list;
}

/** Postgres takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

interface PendingInsert {
  table: TableName;
  key: string;
  columns: string[];
  values: unknown[];
}

/**
 * A deferred insert failed when it was finally sent: which mutation it belonged to is not known
 * here, so the caller rolls back and runs the same mutations again with inserts sent one by one.
 */
export class DeferredInsertError extends Error {
  constructor(readonly failure: unknown) {
    super(`a deferred insert failed: ${(failure as Error)?.message ?? String(failure)}`);
    this.name = 'DeferredInsertError';
  }
}

/**
 * What one gateway transaction knows of its rows, shared by the PgTx of each of its mutations.
 * One per transaction, never kept across a rollback.
 *
 * - `known`: rows as Postgres holds them, keyed `table/id`: those the transaction inserted
 *   (INSERT … RETURNING), which no other session can see or change until it commits, and the
 *   lookups no mutation writes. Reading one again needs no query: a batch that creates a lead
 *   and then adds notes to it reads the lead once. A row the transaction updates is dropped.
 * - `pending` (with `deferInserts`): inserts held back and sent together, many rows per
 *   statement, when something could observe them (a read of one of them, a find, an update,
 *   raw SQL, the end of the transaction). One round trip per mutation was most of a push's cost.
 *   A failure then cannot be pinned on a mutation: it is raised as DeferredInsertError.
 */
export class TxRows {
  readonly known = new Map<string, Record<string, unknown>>();
  private pending: PendingInsert[] = [];
  private readonly pendingKeys = new Set<string>();

  constructor(readonly deferInserts: boolean) {}

  isPending(key: string): boolean {
    return this.pendingKeys.has(key);
  }

  hold(insert: PendingInsert) {
    this.pending.push(insert);
    this.pendingKeys.add(insert.key);
  }

  /** Sends the held inserts in their order, consecutive ones of a table and shape together. */
  async flush(client: PoolClient): Promise<void> {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    this.pendingKeys.clear();
    try {
      for (let start = 0; start < pending.length;) {
        const first = pending[start]!;
        const shape = first.columns.join(',');
        const perRow = first.columns.length;
        let end = start + 1;
        while (
          end < pending.length &&
          pending[end]!.table === first.table &&
          pending[end]!.columns.join(',') === shape &&
          (end - start + 1) * perRow <= MAX_PARAMS
        )
          end++;
        const run = pending.slice(start, end);
        const tuples = run.map((_, r) => `(${first.columns.map((_c, i) => `$${r * perRow + i + 1}`).join(', ')})`);
        const { rows } = await client.query<Record<string, unknown>>(
          `INSERT INTO ${q(first.table)} (${first.columns.map(q).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${columns(first.table)}`,
          run.flatMap((p) => p.values),
        );
        for (const row of rows) this.known.set(`${first.table}/${String(row.id)}`, row);
        start = end;
      }
    } catch (err) {
      throw new DeferredInsertError(err);
    }
  }
}
