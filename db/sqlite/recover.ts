/**
 * Recovery of a damaged (or empty) replica: the file and its side files are kept aside, a new
 * replica is made in its place, and what only this device has is carried over as far as it can
 * still be read: the changes not yet sent (the outbox), the conflicts inbox, the device id, the
 * sign-in and the signed-in user's row. Everything else is the server's and comes back with the
 * next sync (the new replica has no stored shape positions, so it syncs from the start).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { openReplica, type ReplicaDb } from './open';
import { moveAside } from './replica-file';

/** Local settings that belong to this device and not to the server's data. */
const KEPT_SETTINGS = ['device_id', 'sync_session', 'session', 'local_user'];

export interface Recovery {
  /** Where the damaged file now is. */
  aside: string;
  kept: { outbox: number; conflicts: number; settings: number };
  /** What could not be read from the damaged file (its unsent changes may be partly lost). */
  unreadable: string[];
}

type Rows = Array<Record<string, unknown>>;

/** Reads what it can; each part on its own, so one damaged table does not cost the others. */
function salvage(path: string) {
  const unreadable: string[] = [];
  const parts = {
    outbox: [] as Rows,
    conflicts: [] as Rows,
    settings: [] as Rows,
    people: [] as Rows,
    teams: [] as Rows,
  };
  let old: Database.Database | undefined;
  try {
    old = new Database(path, { readonly: true, fileMustExist: true });
    const read = (what: string, sql: string, ...args: unknown[]): Rows => {
      try {
        return old!.prepare(sql).all(...args) as Rows;
      } catch (err) {
        unreadable.push(`${what}: ${(err as Error).message}`);
        return [];
      }
    };
    // Confirmed changes are on the server already and return with the sync; the rest is resent
    // (the gateway answers a mutation id it has seen with its recorded answer, never twice).
    parts.outbox = read('outbox', `SELECT * FROM outbox WHERE status IN ('pending', 'sent', 'rejected') ORDER BY seq`);
    parts.conflicts = read('conflicts', 'SELECT * FROM conflicts');
    parts.settings = read(
      'local settings',
      `SELECT * FROM local_settings WHERE key IN (${KEPT_SETTINGS.map(() => '?').join(', ')})`,
      ...KEPT_SETTINGS,
    );
    const actorIds = parts.settings
      .filter((s) => s.key === 'session' || s.key === 'local_user')
      .map((s) => (JSON.parse(String(s.value)) as { userId?: string }).userId)
      .filter((id): id is string => typeof id === 'string');
    if (actorIds.length > 0) {
      parts.people = read(
        'users',
        `SELECT * FROM users WHERE id IN (${actorIds.map(() => '?').join(', ')})`,
        ...actorIds,
      );
      const teamIds = parts.people.map((u) => u.team_id).filter((id) => typeof id === 'string');
      if (teamIds.length > 0)
        parts.teams = read(
          'teams',
          `SELECT * FROM teams WHERE id IN (${teamIds.map(() => '?').join(', ')})`,
          ...teamIds,
        );
    }
  } catch (err) {
    unreadable.push(`the file: ${(err as Error).message}`);
  } finally {
    old?.close();
  }
  return { parts, unreadable };
}

function insertAll(db: ReplicaDb, table: string, rows: Rows, { skipKey }: { skipKey?: string } = {}) {
  const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Rows).map((c) => c.name));
  for (const row of rows) {
    const keys = Object.keys(row).filter((k) => columns.has(k) && k !== skipKey);
    db.prepare(
      `INSERT OR IGNORE INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    ).run(...keys.map((k) => row[k]));
  }
}

export function recoverReplica(path: string, now = new Date()): Recovery {
  if (!existsSync(path)) throw new AppError('not_found', `no replica at ${path}`);
  const { parts, unreadable } = salvage(path);
  const aside = moveAside(path, now);
  const db = openReplica(path);
  try {
    db.transaction(() => {
      insertAll(db, 'teams', parts.teams);
      insertAll(db, 'users', parts.people);
      // New sequence numbers, in the old order: the pusher sends by seq.
      insertAll(
        db,
        'outbox',
        parts.outbox.map((m) => (m.status === 'sent' ? { ...m, status: 'pending' } : m)),
        { skipKey: 'seq' },
      );
      insertAll(db, 'conflicts', parts.conflicts);
      for (const s of parts.settings) {
        db.prepare(
          `INSERT INTO local_settings (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        ).run(s.key, s.value, s.updated_at);
      }
    })();
  } finally {
    db.close();
  }
  return {
    aside,
    kept: { outbox: parts.outbox.length, conflicts: parts.conflicts.length, settings: parts.settings.length },
    unreadable,
  };
}
