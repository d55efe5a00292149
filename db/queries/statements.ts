import type { Statement } from 'better-sqlite3';
import type { ReplicaDb } from '../sqlite/open';

/**
 * Prepared statements kept per connection, by SQL text: the one cache of the screen queries and
 * of sync's row writes (electron/main/sync). Preparing the pipeline's SELECT costs about 0.1 ms,
 * as much as running it, and the same few shapes of statement come again and again. SQLite
 * re-prepares a cached statement by itself after a schema change.
 *
 * The SQL depends on which filters are set, how many values an IN list has or which columns a
 * synced change carries, so the cache is bounded: the least recently used statement is dropped
 * past MAX. A dropped statement stays usable by whoever holds it. Ask for the mode you need
 * (raw, pluck) here rather than switching a cached statement, which others share.
 */
const MAX = 256;
const caches = new WeakMap<ReplicaDb, Map<string, Statement>>();

/** How rows come back: objects (default), arrays (`raw`), or each row's first column (`pluck`). */
export interface StatementMode {
  raw?: boolean;
  pluck?: boolean;
}

export function cachedStatement(db: ReplicaDb, sql: string, options: StatementMode = {}): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = options.pluck ? `pluck:${sql}` : options.raw ? `raw:${sql}` : sql;
  let stmt = cache.get(key);
  if (stmt) {
    // Map keeps insertion order: re-inserting marks it most recently used.
    cache.delete(key);
  } else {
    stmt = db.prepare(sql);
    if (options.pluck) stmt.pluck(true);
    else if (options.raw) stmt.raw(true);
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, stmt);
  return stmt;
}

/**
 * Runs a page's reads in one read transaction: they see one snapshot of the replica (a sync
 * committing between two of them cannot show a client with another state's policies), and
 * SQLite takes and drops its WAL read lock once, not per statement, about 10 µs a statement here.
 * Inside a transaction already (a mutation reading back), it simply runs.
 */
export function inSnapshot<T>(db: ReplicaDb, read: () => T): T {
  if (db.inTransaction) return read();
  cachedStatement(db, 'BEGIN').run();
  try {
    return read();
  } finally {
    if (db.inTransaction) cachedStatement(db, 'COMMIT').run();
  }
}
