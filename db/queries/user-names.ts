import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

interface Cached {
  changes: number;
  dataVersion: number;
  names: Map<string, string>;
}

const caches = new WeakMap<ReplicaDb, Cached>();

/**
 * Every user's full name by id, kept in memory between calls. An agency has tens of users, and a
 * page of leads names their owners: a map lookup per row is cheaper than a join per row.
 *
 * The map is read again after any write: `total_changes()` counts this connection's row changes
 * (triggers included) and `data_version` moves when another connection commits. Either moving
 * means the users table may have changed; both unchanged means it cannot have.
 */
export function userNames(db: ReplicaDb): ReadonlyMap<string, string> {
  const now = cachedStatement(db, 'SELECT total_changes(), data_version FROM pragma_data_version', {
    raw: true,
  }).get() as [number, number];
  const cached = caches.get(db);
  if (cached && cached.changes === now[0] && cached.dataVersion === now[1]) return cached.names;
  const rows = cachedStatement(db, 'SELECT id, full_name FROM users', { raw: true }).all() as Array<[string, string]>;
  const fresh: Cached = { changes: now[0], dataVersion: now[1], names: new Map(rows) };
  caches.set(db, fresh);
  return fresh.names;
}
