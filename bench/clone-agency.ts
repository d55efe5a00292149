/**
 * A larger agency for the growth bench's screen figures, made by copying rather than generating
 * (1M in about 40 minutes on this shared machine, where the generator's own 1M build has not
 * been run to its end): the 100k agency's book copied `factor` times into one replica. Every owned
 * row (leads, clients, their notes, policies, …) is copied with its id and every id that points at
 * another owned row remapped, so each copy is a whole book of its own; the people and lookup rows
 * are shared, so each agent owns `factor` times the leads. Copies keep their timestamps, so every
 * day of the book holds `factor` times its rows, as a bigger agency's would.
 *
 * It measures what a screen costs over a book of that size. It is not the generator's agency of
 * that size (the text, stories and outcomes repeat), and its build time says nothing of the
 * generator's (the result lists the size under `cloned_sizes`).
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { tuneForBulk } from '../db/sqlite/batch-writer';
import { rebuildDerivedQuietly, suspendDerived } from '../db/sqlite/derived';
import { openReplica, type ReplicaDb } from '../db/sqlite/open';
import { log } from './stats';

/** Derived tables that have an owner column: rebuilt from the copies, never copied. */
const DERIVED_OWNED = new Set(['rollup_follow_ups', 'rollup_lead_cells', 'today_ranks']);
const HEX = '0123456789abcdef';

/** The tables of the book: those with an owner, less the derived ones. */
function bookTables(db: ReplicaDb): string[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
    .pluck()
    .all() as string[];
  const columns = (t: string) =>
    (db.prepare(`PRAGMA table_info("${t}")`).all() as Array<{ name: string }>).map((c) => c.name);
  return tables.filter((t) => !DERIVED_OWNED.has(t) && columns(t).includes('owner_id'));
}

/**
 * Copy k's id: the 25th hex digit shifted by k (mod 16). A bijection for each k, and copies of
 * one id differ from each other; two ids that differ only in that digit could meet, which the
 * primary keys would refuse (the copy fails rather than merges).
 */
const remapped = (column: string, k: number) =>
  `CASE WHEN "${column}" IS NULL THEN NULL ELSE substr("${column}", 1, 24) || ` +
  `substr('${HEX}', ((instr('${HEX}', lower(substr("${column}", 25, 1))) - 1 + ${k}) % 16) + 1, 1) || ` +
  `substr("${column}", 26) END`;

export async function cloneAgency(source: string, target: string, factor: number): Promise<string> {
  if (existsSync(target)) {
    log(`reusing ${target}`);
    return target;
  }
  const building = `${target}.building`;
  rmSync(building, { force: true });
  copyFileSync(source, building);
  const db = openReplica(building);
  const t0 = performance.now();
  try {
    const tables = bookTables(db);
    const book = new Set(tables);
    const plan = tables.map((table) => {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
      const refs = new Map(
        (db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as Array<{ table: string; from: string }>).map((f) => [
          f.from,
          f.table,
        ]),
      );
      const remap = new Set(columns.filter((c) => c === 'id' || book.has(refs.get(c) ?? '')));
      const last = db.prepare(`SELECT coalesce(max(rowid), 0) FROM "${table}"`).pluck().get() as number;
      return { table, columns, remap, last };
    });
    tuneForBulk(db);
    // As a bulk load: derived state and the book's secondary indexes set aside, rebuilt once at the end.
    suspendDerived(db, { deferIndexesOf: tables });
    // Every copied reference points at a row of the same copy or at a shared row, by construction.
    db.pragma('foreign_keys = OFF');
    for (let k = 1; k < factor; k++) {
      for (const { table, columns, remap, last } of plan) {
        const values = columns.map((c) => (remap.has(c) ? remapped(c, k) : `"${c}"`));
        db.transaction(() =>
          db
            .prepare(
              `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${values.join(', ')} FROM "${table}" WHERE rowid <= ? ORDER BY rowid`,
            )
            .run(last),
        )();
      }
      log(`cloning: copy ${k + 1} of ${factor} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    db.pragma('foreign_keys = ON');
    await rebuildDerivedQuietly(db, async () => {});
    // In full, as the builder does: a row-limited ANALYZE misleads the planner (planner-stats.ts).
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    log(`cloned ${factor}× in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    db.close();
  }
  renameSync(building, target);
  return target;
}
