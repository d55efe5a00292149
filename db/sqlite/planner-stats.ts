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
