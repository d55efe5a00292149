import Database from 'better-sqlite3';
import { lookupSeed } from '../../shared/lookups';
import { encodeSqliteValue, columnSpec } from '../../shared/model/codec';
import { splitStatements } from '../split-statements';
import { repairDerived } from './derived';
import { dropValueSamples, refreshPartialStats } from './planner-stats';
import { damaged, isFileReplica, prepareReplicaFile, privateSideFiles, storageError } from './replica-file';
import { MIGRATIONS } from './migrations.bundle';
import { loadVectorExtension } from './vectors';

export type ReplicaDb = Database.Database;

/** Applies committed migrations not yet applied, each in its own transaction. */
export function migrateReplica(db: ReplicaDb): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (tag TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const done = new Set(
    (db.prepare('SELECT tag FROM schema_migrations').all() as Array<{ tag: string }>).map((r) => r.tag),
  );
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.tag)) continue;
    db.transaction(() => {
      for (const stmt of splitStatements(m.sql)) db.exec(stmt);
      db.prepare('INSERT INTO schema_migrations (tag, applied_at) VALUES (?, ?)').run(m.tag, new Date().toISOString());
    })();
    applied.push(m.tag);
  }
  return applied;
}

/**
 * Lookup rows ship with the app, so a replica that has never synced can still create leads.
 * They carry the same ids and values as the server's, so a later sync changes nothing.
 */
export function seedReplicaLookups(db: ReplicaDb) {
  db.transaction(() => {
    for (const { table, rows } of lookupSeed()) {
      for (const row of rows) {
        const keys = Object.keys(row);
        const values = keys.map((k) => encodeSqliteValue(columnSpec(table, k), (row as Record<string, unknown>)[k]));
        db.prepare(
          `INSERT OR IGNORE INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
        ).run(...values);
      }
    }
  })();
}

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * The tables only this device has (unsent changes, settings, sync positions) and the schema,
 * checked page by page before anything is read or written: under a millisecond. The whole file
 * (3 GB for a large agency) takes seconds, so the app checks it in the background (integrity.ts).
 */
const BOOKKEEPING = ['sqlite_schema', 'schema_migrations', 'local_settings', 'outbox', 'conflicts', 'sync_state'];
function quickCheckBookkeeping(db: ReplicaDb): string {
  const present = new Set(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[]);
  for (const table of BOOKKEEPING.filter((t) => t === 'sqlite_schema' || present.has(t))) {
    const check = db.pragma(`quick_check(${table})`, { simple: true }) as string;
    if (check !== 'ok') return check;
  }
  return 'ok';
}

/** Replicas whose last session did not close cleanly (a WAL was left behind): worth a full check. */
const leftUnclean = new WeakSet<ReplicaDb>();
export const openedAfterUncleanShutdown = (db: ReplicaDb) => leftUnclean.has(db);

/**
 * Opens (creating if needed, 0600) a replica file: WAL, foreign keys on, checked, migrated and
 * seeded. An empty, unreadable or malformed file is refused (`replica_damaged`), never replaced.
 */
export function openReplica(path: string, options: OpenOptions = {}): ReplicaDb {
  const file = isFileReplica(path);
  let db: ReplicaDb | undefined;
  let walLeftBehind = false;
  try {
    if (file && !options.readonly) ({ walLeftBehind } = prepareReplicaFile(path));
    db = new Database(path, { readonly: options.readonly ?? false });
    db.pragma('journal_mode = WAL');
    applyConnectionSettings(db);
    if (file) {
      privateSideFiles(path);
      const check = quickCheckBookkeeping(db);
      if (check !== 'ok') throw damaged(path, `fails its check (${check})`);
    }
    if (!options.readonly) {
      // Before migrations touch triggers: a first sync cut short leaves its derived-state triggers aside.
      repairDerived(db);
      migrateReplica(db);
      refreshPartialStats(db);
      dropValueSamples(db);
      seedReplicaLookups(db);
    }
  } catch (err) {
    db?.close();
    throw storageError(err, path) ?? err;
  }
  if (walLeftBehind) leftUnclean.add(db);
  // Optional: without it semantic search is off, everything else works.
  loadVectorExtension(db);
  return db;
}

/**
 * A second connection to a replica the app already has open, for a worker thread's background
 * work (the semantic indexer): the same settings, but none of the open's checks, repairs,
 * migrations or seeding, which belong to the app's own connection (a repair here could undo a
 * first sync the app is in the middle of).
 */
export function openSideConnection(path: string): ReplicaDb {
  const db = new Database(path, { fileMustExist: true });
  applyConnectionSettings(db);
  loadVectorExtension(db);
  return db;
}

/** Per-connection settings every connection to a replica uses (WAL is the file's, set once by openReplica). */
function applyConnectionSettings(db: ReplicaDb) {
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}
