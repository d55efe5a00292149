import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CapturingTx } from '../../../db/sqlite/capturing-tx';
import { mapSqliteError } from '../../../db/sqlite/writer';
import { AppError } from '../../../shared/errors';
import { csvLine } from '../../../shared/export/cells';
import type { RowIssue } from '../../../shared/import/row-types';
import { uuidv7 } from '../../../shared/ids';
import { executeMutation } from '../../../shared/mutations/execute';
import { IMPORT_BATCH_MAX_ITEMS } from '../../../shared/mutations/import';
import type { ImportDeps } from './job';

type Rec = { table: 'clients' | 'leads' | 'contacts' | 'lead_notes' | 'addresses' | 'policies'; id: string };

/**
 * Undo import: soft-deletes every record the import created, through undoImportBatch mutations
 * (so the deletion syncs), 1,000 records a transaction. Records it only updated stay as they are.
 */
export async function undoImport(deps: Pick<ImportDeps, 'db' | 'actor' | 'exclusive' | 'onCommit'>, importId: string) {
  const { db } = deps;
  const job = db.prepare('SELECT id, status FROM import_jobs WHERE id = ?').get(importId) as
    { id: string; status: string } | undefined;
  if (!job) throw new AppError('not_found', `import ${importId} does not exist`, 'import');
  if (job.status === 'running')
    throw new AppError('precondition_failed', 'the import is still running: resume or cancel it first', 'import');
  const records: Rec[] = [];
  const rows = db
    .prepare(`SELECT created FROM import_rows WHERE import_id = ? AND created IS NOT NULL ORDER BY row`)
    .iterate(importId) as IterableIterator<{ created: string }>;
  for (const r of rows) records.push(...(JSON.parse(r.created) as Rec[]));
  const size = Math.min(1_000, IMPORT_BATCH_MAX_ITEMS);
  let deleted = 0;
  for (let i = 0; i < records.length; i += size) {
    const chunk = records.slice(i, i + size);
    const run = async () => {
      const now = new Date().toISOString();
      db.exec('BEGIN IMMEDIATE');
      try {
        const { args, result } = await executeMutation(
          new CapturingTx(db),
          'undoImportBatch',
          { import_id: importId, records: chunk },
          { actor: deps.actor(), now, side: 'replica' },
        );
        db.prepare('INSERT INTO outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
          uuidv7(),
          'undoImportBatch',
          JSON.stringify(args),
          now,
        );
        db.exec('COMMIT');
        return (result as { deleted: number }).deleted;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw mapSqliteError(err);
      }
    };
    deleted += await (deps.exclusive ? deps.exclusive(run) : run());
    deps.onCommit?.();
  }
  db.prepare(`UPDATE import_jobs SET status = 'undone', undone_at = ? WHERE id = ?`).run(
    new Date().toISOString(),
    importId,
  );
  return { import_id: importId, records: records.length, deleted };
}

/** The stored report of an import: every invalid row's column, value and reason. */
export function* importIssues(deps: Pick<ImportDeps, 'db'>, importId: string): Generator<RowIssue> {
  const rows = deps.db
    .prepare(`SELECT row, "column", value, reason FROM import_issues WHERE import_id = ? ORDER BY row, seq`)
    .iterate(importId) as IterableIterator<RowIssue>;
  yield* rows;
}

/** Writes a validation report as CSV (row, column, value, reason), escaped like any export. */
export async function writeReport(path: string, issues: Iterable<RowIssue>) {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(csvLine(['row', 'column', 'value', 'reason']));
  for (const i of issues) await write(csvLine([i.row, i.column, i.value, i.reason]));
  out.end();
  await once(out, 'finish');
}
