/**
 * Which user's scope the replica holds, and what happens when that changes (README: Sync, scope
 * changes). The owned tables (rows with owner_id/team_id) depend on who the user is, their role
 * and team; the agency tables (users, teams, lookups) are the same for everyone, so their rows
 * and shape positions stay. A change of scope drops the owned rows and their positions, never
 * the outbox, and syncs them afresh; a different user signing in also has the previous user's
 * unsettled work set aside, restored when that user signs in here again.
 */
import type { Database } from 'better-sqlite3';
import { emptyDerived, suspendDerived } from '../../../db/sqlite/derived';
import { tableSpec } from '../../../shared/model/catalogue';
import type { Actor } from '../../../shared/mutations/define';
import { SYNCED_TABLES } from '../../../shared/sync/protocol';
import { readSetting, writeSetting } from '../actor';
import { replayUnsettled, restoreShadows } from './rebase';

const SCOPE = 'sync.scope';
const SET_ASIDE = 'sync.set_aside.';

export interface ReplicaScope {
  /** The user whose rows the replica holds. */
  userId: string;
  /** The gateway's fingerprint of that user's scope the rows were synced for; null until an answer names it. */
  fingerprint: string | null;
  /** The owned tables are being synced afresh: unsettled work is rebased onto them once they are complete. */
  resyncing: boolean;
}

export const replicaScope = (db: Database) => readSetting<ReplicaScope>(db, SCOPE);
export const setReplicaScope = (db: Database, scope: ReplicaScope) => writeSetting(db, SCOPE, scope);

/** Tables whose rows a user sees by ownership and team: the ones a scope change re-syncs. */
export const SCOPED_TABLES = SYNCED_TABLES.filter((t) => tableSpec(t)!.scope === 'owned');

/**
 * Drops the owned rows and their shape positions, inside the caller's transaction (foreign keys
 * off: the rows go in any order). The derived-state triggers must be set aside first: the search
 * index and derived tables are emptied with the rows, so search stops finding them at once, and
 * are rebuilt once the new scope is in (the engine's first-sync path, or the next open).
 */
function dropScopedRows(db: Database) {
  // Rows pending work touched go back to the server's version first, so a replay starts clean.
  restoreShadows(db);
  emptyDerived(db);
  for (const t of [...SCOPED_TABLES].reverse()) db.prepare(`DELETE FROM "${t}"`).run();
  db.prepare(`DELETE FROM sync_state WHERE shape IN (${SCOPED_TABLES.map(() => '?').join(', ')})`).run(
    ...SCOPED_TABLES,
  );
}

/**
 * The signed-in user's scope is not the one the replica synced: drops the owned rows and their
 * positions, records the new scope, and replays the unsettled mutations (as the new actor) on
 * what is left, in one transaction (with `alsoInTransaction`, which records the user's new role
 * and team, so `actor` is read after it), keeping local work on screen where it can; the engine
 * then syncs the owned tables from the start and rebases the work onto them. The caller holds
 * the writer.
 */
export async function rescope(
  db: Database,
  scope: Omit<ReplicaScope, 'resyncing'>,
  actor: () => Actor,
  alsoInTransaction: () => void,
) {
  suspendDerived(db);
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    dropScopedRows(db);
    setReplicaScope(db, { ...scope, resyncing: true });
    alsoInTransaction();
    await replayUnsettled(db, actor());
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

interface SetAside {
  outbox: Array<Record<string, unknown>>;
  conflicts: Array<Record<string, unknown>>;
}

/**
 * Another user signs in on this replica: the previous user's unsettled and rejected mutations
 * and their conflicts inbox move aside (kept in local settings under their id, shown to nobody),
 * the owned rows go, and whatever the newcomer left here earlier comes back. Mutations the
 * server already confirmed are done there and need no keeping. Returns how many mutations
 * were set aside and restored.
 */
export function switchUser(db: Database, previousUserId: string, nextUserId: string) {
  suspendDerived(db);
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(() => {
      dropScopedRows(db);
      const outbox = db
        .prepare(`SELECT * FROM outbox WHERE status IN ('pending', 'sent', 'rejected') ORDER BY seq`)
        .all() as SetAside['outbox'];
      const conflicts = db.prepare('SELECT * FROM conflicts ORDER BY created_at').all() as SetAside['conflicts'];
      if (outbox.length || conflicts.length) {
        const kept = readSetting<SetAside>(db, SET_ASIDE + previousUserId) ?? { outbox: [], conflicts: [] };
        writeSetting(db, SET_ASIDE + previousUserId, {
          outbox: [...kept.outbox, ...outbox],
          conflicts: [...kept.conflicts, ...conflicts],
        });
      }
      db.prepare('DELETE FROM outbox').run();
      db.prepare('DELETE FROM conflicts').run();
      db.prepare('DELETE FROM sync_seen_txids').run();
      const restored = restoreSetAside(db, nextUserId);
      setReplicaScope(db, { userId: nextUserId, fingerprint: null, resyncing: restored > 0 });
      return { setAside: outbox.length, restored };
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Puts a user's set-aside work back in the outbox (after anything queued, in its order) and inbox. */
function restoreSetAside(db: Database, userId: string): number {
  const kept = readSetting<SetAside>(db, SET_ASIDE + userId);
  if (!kept) return 0;
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row).filter((c) => c !== 'seq');
    db.prepare(
      `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    ).run(...cols.map((c) => row[c]));
  };
  for (const row of kept.outbox) insert('outbox', row);
  for (const row of kept.conflicts) insert('conflicts', row);
  db.prepare('DELETE FROM local_settings WHERE key = ?').run(SET_ASIDE + userId);
  return kept.outbox.length;
}
