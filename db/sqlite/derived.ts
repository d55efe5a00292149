/**
 * The replica's derived state — the search index (search_map, search_names, search_text, search_text_match, search_keys), the
 * hot-JSON tables (lead_vehicles, lead_tags), the Leads list's items (lead_list_items), the dashboard
 * roll-ups, each lead's activity counts (lead_activity) and Today's follow-ups by day (rollup_follow_ups) and by bound (today_ranks) — is
 * kept by triggers. A first sync into an empty replica, and the benchmark's bulk loader, set
 * those triggers aside and build the derived state once at the end, from the triggers' own SQL.
 * While they are aside, a marker in local_settings holds their SQL, so a replica closed or killed
 * meanwhile is repaired when it is next opened (repairDerived), before anything else writes to it.
 * A bulk load may set aside the secondary indexes of the tables it fills the same way (recorded in
 * the marker too): they are built once, from sorted data, before the derived state is rebuilt.
 */
import type { ReplicaDb } from './open';
import { changeFeed, type ChangeTable } from './change-feed';
import { settings } from './sync-state';

const MARKER = 'sync.suspended_derived_triggers';
/** The triggers that maintain derived state (and only those: no other trigger is touched). */
const DERIVED_TRIGGER = /_(?:search|derived)_(?:insert|update|delete)$/;
/** An `AFTER INSERT … [WHEN …] BEGIN … END` trigger: its name, table, condition and body. */
const INSERT_TRIGGER =
  /^CREATE TRIGGER\s+[`"]?(\w+)[`"]?\s+AFTER INSERT ON\s+[`"]?(\w+)[`"]?\s+(?:WHEN\s+([\s\S]+?)\s+)?BEGIN\s+([\s\S]*?)\s*END;?\s*$/i;
export const FTS_TABLES = ['search_names', 'search_text', 'search_text_match'];
const DERIVED_TABLES = [
  'lead_vehicles',
  'lead_tags',
  'lead_list_items',
  'search_keys',
  'search_map',
  'rollup_lead_cells',
  'rollup_lead_created',
  'rollup_sales_weeks',
  'rollup_sales_days',
  'rollup_book_months',
  'rollup_book_days',
  'lead_activity',
  'rollup_follow_ups',
  'today_ranks',
];
/** Rows per rebuild statement, and so per transaction of a sliced rebuild. */
export const REBUILD_SLICE = 5_000;

/** A trigger set aside, or (its SQL a CREATE INDEX) an index of a bulk-loaded table. */
interface SuspendedTrigger {
  name: string;
  table: string;
  sql: string;
}

const INDEX_SQL = /^CREATE\s+(UNIQUE\s+)?INDEX\b/i;
const isIndex = (t: SuspendedTrigger) => INDEX_SQL.test(t.sql);
/** A UNIQUE index stays while the tables are filled: it enforces a constraint (and serves upserts). */
const isUnique = (t: SuspendedTrigger) => INDEX_SQL.exec(t.sql)?.[1] !== undefined;
/** The first column an index orders by (null for an expression). */
const leadingColumn = (sql: string) =>
  /\bON\s+[`"]?\w+[`"]?\s*\(\s*[`"]?(\w+)[`"]?\s*(?:[,)]|ASC|DESC|COLLATE)/i.exec(sql)?.[1] ?? null;

function suspended(db: ReplicaDb): SuspendedTrigger[] | null {
  const hasSettings = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_settings'`).get();
  if (!hasSettings) return null;
  return settings.read<SuspendedTrigger[]>(db, MARKER) ?? null;
}

export function derivedSuspended(db: ReplicaDb): boolean {
  return suspended(db) !== null;
}

/**
 * Drops the derived-state triggers and records them, in one transaction. From here until
 * rebuildDerived, writes to the replica leave its search index and derived tables untouched.
 *
 * `deferIndexesOf` (a bulk load into those tables): their explicit indexes are recorded as well,
 * and the non-UNIQUE ones dropped, so rows go in without per-row index upkeep; the rebuild drops
 * and creates them all again in their first order (so the planner sees the same index list).
 * Meanwhile `restoreIndexesFor` brings back, at once, those a lookup by some columns needs.
 */
export function suspendDerived(db: ReplicaDb, options: { deferIndexesOf?: readonly string[] } = {}) {
  if (suspended(db)) return;
  const triggers = (
    db
      .prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid`)
      .all() as SuspendedTrigger[]
  ).filter((t) => DERIVED_TRIGGER.test(t.name));
  const defer = new Set(options.deferIndexesOf ?? []);
  const indexes = (
    db
      .prepare(
        `SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid`,
      )
      .all() as SuspendedTrigger[]
  ).filter((i) => defer.has(i.table) && isIndex(i));
  db.transaction(() => {
    settings.write(db, MARKER, [...triggers, ...indexes]);
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    for (const i of indexes) if (!isUnique(i)) db.exec(`DROP INDEX "${i.name}"`);
  })();
}

/**
 * With indexes set aside by suspendDerived: creates now those of `table` whose first column is
 * one of `columns` (a lookup by them would otherwise scan the table); returns how many. The
 * rebuild drops and creates them again with the rest.
 */
export function restoreIndexesFor(db: ReplicaDb, table: string, columns: readonly string[]): number {
  const entries = suspended(db) ?? [];
  let n = 0;
  for (const i of entries) {
    if (i.table !== table || !isIndex(i) || !columns.includes(leadingColumn(i.sql) ?? '')) continue;
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(i.name)) continue;
    db.exec(i.sql);
    n++;
  }
  return n;
}

/**
 * Empties the derived tables and search indexes (in the caller's transaction). With the triggers
 * set aside, used when the rows they describe are about to go (a change of sync scope): search
 * stops finding those rows at once, and the rebuild fills everything in again from what remains.
 */
export function emptyDerived(db: ReplicaDb) {
  for (const t of DERIVED_TABLES) db.exec(`DELETE FROM "${t}"`);
  for (const t of FTS_TABLES) db.exec(`INSERT INTO "${t}"("${t}") VALUES ('delete-all')`);
}

/** One step of a rebuild; `rebuildSteps` yields them so a caller can commit and yield between. */
type Step = () => void;

/**
 * The rebuild as steps: empty the derived tables, run every set-aside insert trigger's own body
 * over all the rows of its table (through a temporary view with an INSTEAD OF trigger, in rowid
 * slices), then put the triggers back and drop the marker. The result is what the triggers leave
 * when the rows are inserted table after table in rowid order. A rebuild interrupted anywhere is
 * simply run again from the start: the first step empties everything it fills.
 */
function rebuildSteps(db: ReplicaDb, suspendedEntries: SuspendedTrigger[]): Step[] {
  const steps: Step[] = [() => emptyDerived(db)];
  const indexes = suspendedEntries.filter(isIndex);
  const triggers = suspendedEntries.filter((t) => !isIndex(t));
  // Indexes set aside by a bulk load come first (the replays below may read through them): all
  // dropped, then created again in their first order, so each table's index list is as before.
  if (indexes.length > 0)
    steps.push(() => {
      for (const i of indexes) db.exec(`DROP INDEX IF EXISTS "${i.name}"`);
      for (const i of indexes) db.exec(i.sql);
    });
  for (const t of triggers) {
    const m = INSERT_TRIGGER.exec(t.sql);
    if (!m) continue; // update and delete triggers have nothing to replay
    const [, , table, when, body] = m as unknown as [string, string, string, string | undefined, string];
    const view = `derived_fill_${table}`;
    steps.push(() => {
      db.exec(`DROP VIEW IF EXISTS temp."${view}"`);
      db.exec(`CREATE TEMP VIEW "${view}" AS SELECT * FROM main."${table}"`);
      db.exec(
        `CREATE TEMP TRIGGER "${view}" INSTEAD OF INSERT ON "${view}"${when ? ` WHEN ${when}` : ''} BEGIN ${body} END`,
      );
    });
    const last = () =>
      (db.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM main."${table}"`).get() as { n: number }).n;
    const end = last();
    for (let from = 0; from < end; from += REBUILD_SLICE) {
      const to = from + REBUILD_SLICE >= end ? Number.MAX_SAFE_INTEGER : from + REBUILD_SLICE;
      steps.push(() => {
        db.prepare(
          `INSERT INTO temp."${view}" SELECT * FROM main."${table}" WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
        ).run(from, to);
      });
    }
    steps.push(() => db.exec(`DROP VIEW temp."${view}"`));
  }
  steps.push(() => {
    for (const t of triggers) db.exec(t.sql);
    settings.remove(db, MARKER);
  });
  return steps;
}

/**
 * Rebuilds the derived state and restores the triggers, in transactions of at most
 * REBUILD_SLICE rows with `pause` awaited between them (the UI keeps reading meanwhile; its
 * search fills in as the slices commit). The caller keeps other writers out until it resolves.
 */
export async function rebuildDerived(db: ReplicaDb, pause: () => Promise<void>) {
  const tables = await rebuildDerivedQuietly(db, pause);
  // Searches and vehicle/tag filters over these tables now find what they could not during the rebuild.
  if (tables.size > 0) changeFeed(db).emit(tables, 'sync');
}

/**
 * rebuildDerived without its change event, for a bulk load (which tells its writes itself, once,
 * when it ends); returns the tables whose derived state was rebuilt.
 */
export async function rebuildDerivedQuietly(db: ReplicaDb, pause: () => Promise<void>): Promise<Set<ChangeTable>> {
  const triggers = suspended(db);
  if (!triggers) return new Set();
  const steps = rebuildSteps(db, triggers);
  // A table's last slice runs to the end, so rows added between the plan and the step are included.
  for (const step of steps) {
    db.transaction(step)();
    await pause();
  }
  return new Set(triggers.map((t) => t.table as ChangeTable));
}

/** At open: a replica left with its triggers set aside (closed or killed mid-sync) is rebuilt at once. */
export function repairDerived(db: ReplicaDb): boolean {
  const triggers = suspended(db);
  if (!triggers) return false;
  db.transaction(() => {
    for (const step of rebuildSteps(db, triggers)) step();
  })();
  return true;
}
