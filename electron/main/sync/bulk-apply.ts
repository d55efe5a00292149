import type { Database, Statement } from 'better-sqlite3';
import { cachedStatement } from '../../../db/queries/statements';
import { tableSpec, type TableName } from '../../../shared/model/catalogue';
import type { ServerChange } from './messages';
import { deleteRow, patchRaw, upsertRaw } from './rows';

/**
 * Rows per multi-row UPSERT. The search triggers write to FTS5, which flushes its pending terms
 * into a new segment at every statement savepoint: one statement per row makes one tiny segment
 * per row (and the merging that follows). Many rows per statement index like a bulk load and
 * save better-sqlite3's per-statement overhead, with the triggers exactly as they are.
 */
const MAX_ROWS = 64;
/** Keeps the bound parameters of one statement well under SQLite's limit (32,766). */
const MAX_PARAMS = 8_000;

interface Run {
  table: TableName;
  columns: string[];
  key: string;
  rows: ServerChange[];
}

/** `INSERT … VALUES (…), (…) ON CONFLICT(id) DO UPDATE` for `count` rows, prepared once per shape. */
function upsertMany(db: Database, run: Run, count: number): Statement {
  const cols = run.columns.map((c) => `"${c}"`);
  const tuple = `(${run.columns.map(() => '?').join(', ')})`;
  const set = run.columns.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`);
  // Same statement as upsertRaw (an UPSERT, never REPLACE: REPLACE would fire ON DELETE CASCADE).
  return cachedStatement(
    db,
    `INSERT INTO "${run.table}" (${cols.join(', ')}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}
     ON CONFLICT(id) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`,
  );
}

function flushRun(db: Database, run: Run) {
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / run.columns.length)));
  const { rows, columns } = run;
  let i = 0;
  while (i < rows.length) {
    // Full statements first, then the tail in power-of-two pieces: few distinct statements to cache.
    let count = per;
    while (count > rows.length - i) count >>= 1;
    const params: Array<string | number | null> = [];
    for (let r = i; r < i + count; r++) {
      const values = rows[r]!.values;
      for (const c of columns) params.push(values[c] ?? null);
    }
    upsertMany(db, run, count).run(params);
    i += count;
  }
}

/**
 * Applies server changes in order, with the same effect as applying them one by one
 * (insert = upsert of the given columns, update = patch or else upsert, delete = delete):
 * consecutive inserts into the same table with the same columns — every snapshot row — go in
 * multi-row statements, which a multi-row VALUES applies row by row, in order.
 */
export function applyChanges(db: Database, changes: readonly ServerChange[]) {
  let run: Run | null = null;
  for (const c of changes) {
    if (c.op === 'insert') {
      const given = Object.keys(c.values);
      const key = `${c.table}(${given.join(',')})`;
      if (run && run.key === key) {
        run.rows.push(c);
        continue;
      }
      if (run) flushRun(db, run);
      const known = tableSpec(c.table)!.columns;
      run = { table: c.table, columns: given.filter((col) => col in known), key, rows: [c] };
      continue;
    }
    if (run) flushRun(db, run);
    run = null;
    if (c.op === 'delete') deleteRow(db, c.table, c.id);
    else if (!patchRaw(db, c.table, c.id, c.values)) upsertRaw(db, c.table, c.values);
  }
  if (run) flushRun(db, run);
}
