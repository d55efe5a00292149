import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../../../db/queries/statements';
import { tableSpec, type TableName } from '../../../shared/model/catalogue';

/** Raw SQLite values of a row, as stored (JSON as text, booleans as 0/1). */
export type RawRow = Record<string, string | number | null>;

export function readRaw(db: Database, table: TableName, id: string): RawRow | undefined {
  return cachedStatement(db, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as RawRow | undefined;
}

/**
 * Inserts or updates a row in place (an UPSERT, never REPLACE: REPLACE deletes first, which
 * would fire ON DELETE CASCADE on the row's children). Only the columns given are written.
 */
export function upsertRaw(db: Database, table: TableName, row: RawRow) {
  const cols = Object.keys(row).filter((c) => c in tableSpec(table)!.columns);
  const set = cols.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`);
  const sql = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
    ON CONFLICT(id) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`;
  cachedStatement(db, sql).run(...cols.map((c) => row[c] ?? null));
}

/** Updates only the given columns of an existing row (a partial update message). */
export function patchRaw(db: Database, table: TableName, id: string, patch: RawRow): boolean {
  const cols = Object.keys(patch).filter((c) => c !== 'id' && c in tableSpec(table)!.columns);
  if (cols.length === 0) return Boolean(readRaw(db, table, id));
  const res = cachedStatement(db, `UPDATE "${table}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(
    ...cols.map((c) => patch[c] ?? null),
    id,
  );
  return res.changes > 0;
}

export function deleteRow(db: Database, table: TableName, id: string) {
  cachedStatement(db, `DELETE FROM "${table}" WHERE id = ?`).run(id);
}

export function sameRow(a: RawRow | undefined | null, b: RawRow | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  for (const k of Object.keys(a)) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  for (const k of Object.keys(b)) if (!(k in a) && b[k] !== null) return false;
  return true;
}
