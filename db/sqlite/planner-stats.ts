import type { ReplicaDb } from './open';

/**
 * Keeps the query planner's statistics whole after a migration. The app never runs ANALYZE on
 * its own, so a replica built by sync has no sqlite_stat1 and SQLite plans every table with its
 * defaults. A replica that was analyzed (a benchmark's, or one an admin tuned) loses the rows of
 * the indexes a migration drops and recreates, and SQLite then weighs a table's indexes with
 * stats against those without: after the pipeline's sort indexes were recreated, the default
 * list chose the is_converted index and a sort over 80k rows (190 ms instead of 0.2 ms).
 *
 * So: any table that has statistics but lacks them for one of its indexes is analyzed again, in
 * full (about a second for 100k leads, once). A row-limited ANALYZE was tried and is worse than
 * none: its guesses (4,001 leads per is_converted value) made the planner pick that index again.
 */
export function refreshPartialStats(db: ReplicaDb): string[] {
  const hasStats = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`).get();
  if (!hasStats) return [];
  const tables = db
    .prepare(
      `SELECT DISTINCT i.tbl_name FROM sqlite_master i
       WHERE i.type = 'index' AND i.sql IS NOT NULL
         AND EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = i.tbl_name)
         AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = i.tbl_name AND s.idx = i.name)`,
    )
    .pluck()
    .all() as string[];
  for (const table of tables) db.exec(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return tables;
}

/**
 * Empties sqlite_stat4 (ANALYZE's sampled key values), keeping sqlite_stat1's counts. SQLite is
 * built with STAT4 here (better-sqlite3's default), and with samples present it plans a statement
 * again every time a parameter compared with a sampled index column is bound, to weigh the value:
 * 10–15 µs a statement where the seek itself costs 2–4, on every read of every screen (a page of
 * the growth bench runs 5–20 of them, a UNION of nine parts pays nine times). The screens' plans
 * do not hinge on the values (those that must walk an index name it; pipeline-plan.test.ts checks
 * the pipeline's walks with stat1 alone, and the growth bench's figures held at 10k and 100k
 * leads), so the samples cost every read and bought nothing. The app itself never analyzes (a
 * replica built by sync has no statistics at all); a benchmark's replica, or one an admin tuned,
 * does. Run on the app's own connection when it opens the replica, after refreshPartialStats.
 * Answers whether there were any.
 */
export function dropValueSamples(db: ReplicaDb): boolean {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'`).get();
  if (!has || !db.prepare('SELECT 1 FROM sqlite_stat4 LIMIT 1').get()) return false;
  db.exec('DELETE FROM sqlite_stat4');
  // Reloads the statistics this connection planned with (it read the samples when it opened).
  db.exec('ANALYZE sqlite_schema');
  return true;
}
