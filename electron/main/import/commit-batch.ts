import { CapturingTx } from '../../../db/sqlite/capturing-tx';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { mapSqliteError } from '../../../db/sqlite/writer';
import { AppError } from '../../../shared/errors';
import type { RowContext } from '../../../shared/import/row-types';
import { runIssue } from '../../../shared/import/row-issues';
import { uuidv7 } from '../../../shared/ids';
import type { Actor } from '../../../shared/mutations/define';
import { importBatch } from '../../../shared/mutations/import';
import type { Outcome, Pending } from './plan-file-row';

/** What committing a batch needs of the import's deps. */
export interface BatchDeps {
  db: ReplicaDb;
  actor: () => Actor;
  /** Serializes the import's transactions with the app's other writes (ReplicaWriter.exclusive). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/**
 * Applies a batch's rows as one importBatch mutation and records, in the same transaction, its
 * outbox entry, every row's outcome, the report's lines and the job's position. A row whose
 * mutation fails is taken out with its reason and the rest retried: nothing half-written.
 */
export async function commitBatch(
  deps: BatchDeps,
  importId: string,
  batch: Pending[],
  others: Outcome[],
  position: number,
  dry: boolean,
  ctx: RowContext,
): Promise<Outcome[]> {
  const { db } = deps;
  let rows = batch;
  const failed: Outcome[] = [];
  const attempt = async (): Promise<Outcome[]> => {
    const items = rows.flatMap((p) => p.plan.items);
    const owners = rows.flatMap((p) => p.plan.items.map(() => p));
    const now = new Date().toISOString();
    db.exec(dry ? 'SAVEPOINT import_batch' : 'BEGIN IMMEDIATE');
    try {
      if (items.length > 0) {
        // Each item was parsed by its mutation's schema (and checked for unstorable text) when
        // its row was planned, so the batch runs as parsed, and the outbox records those args.
        const args = { import_id: importId, items };
        await importBatch.run(new CapturingTx(db), args, { actor: deps.actor(), now, side: 'replica' });
        // The same text JSON.stringify(args) gives, from the rows' JSON made when they were sized.
        const parts = rows.map((p) => p.json ?? JSON.stringify(p.plan.items).slice(1, -1)).filter((j) => j !== '');
        const json = `{"import_id":${JSON.stringify(importId)},"items":[${parts.join(',')}]}`;
        if (!dry)
          db.prepare('INSERT INTO outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
            uuidv7(),
            'importBatch',
            json,
            now,
          );
      }
      const outcomes = [...rows.map((p) => p.outcome), ...failed, ...others].sort((a, b) => a.row - b.row);
      if (!dry) record(db, importId, outcomes, position);
      db.exec(dry ? 'RELEASE import_batch' : 'COMMIT');
      return outcomes;
    } catch (err) {
      if (dry) db.exec('ROLLBACK TO import_batch; RELEASE import_batch');
      else if (db.inTransaction) db.exec('ROLLBACK');
      const e = mapSqliteError(err);
      const at = e instanceof AppError ? /^items\[(\d+)\]/.exec(e.field ?? '') : null;
      const culprit = at ? owners[Number(at[1])] : undefined;
      if (!culprit) throw e;
      const reason = runIssue(ctx, culprit.mapped, (e as AppError).field, (e as AppError).message);
      failed.push({ row: culprit.outcome.row, outcome: 'invalid', issues: [reason] });
      rows = rows.filter((p) => p !== culprit);
      return attempt();
    }
  };
  return deps.exclusive && !dry ? deps.exclusive(attempt) : attempt();
}

/** A batch's outcomes, the report's lines and the job's new position and counts. */
function record(db: ReplicaDb, importId: string, outcomes: Outcome[], position: number) {
  const row = db.prepare(
    `INSERT OR REPLACE INTO import_rows (import_id, row, outcome, table_name, record_id, created, match_key) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const issue = db.prepare(
    `INSERT OR REPLACE INTO import_issues (import_id, row, seq, "column", value, reason) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const counts = { created: 0, updated: 0, skipped: 0, invalid: 0 };
  for (const o of outcomes) {
    counts[o.outcome]++;
    row.run(
      importId,
      o.row,
      o.outcome,
      o.table ?? null,
      o.recordId ?? null,
      o.created?.length ? JSON.stringify(o.created) : null,
      o.matchKey ?? null,
    );
    o.issues?.forEach((i, seq) => issue.run(importId, o.row, seq, i.column, i.value, i.reason));
  }
  db.prepare(
    `UPDATE import_jobs SET position = ?, rows = rows + ?, created = created + ?, updated = updated + ?,
            skipped = skipped + ?, invalid = invalid + ? WHERE id = ?`,
  ).run(position, outcomes.length, counts.created, counts.updated, counts.skipped, counts.invalid, importId);
}
