/**
 * The demo agency: a small synthetic agency loaded straight into the replica's tables (no outbox
 * entries), so a newcomer sees Fieldline working on first run. It is marked in local settings and
 * never leaves the device: sign-in is refused while it is loaded, and clearing it removes its rows,
 * the outbox (every local mutation since then acted on demo records) and the demo identity.
 */
import type { DemoStatus } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { lookupSeed } from '../../shared/lookups';
import { TABLE_NAMES, TABLES, type TableName } from '../../shared/model/catalogue';
import type { Columns } from '../../shared/model/columns';
import type { Actor } from '../../shared/mutations/define';
import { bulkLoadDirect } from '../../db/sqlite/bulk-load';
import type { ReplicaDb } from '../../db/sqlite/open';
import { settings } from '../../db/sqlite/sync-state';
import { LOCAL_USER_KEY, readSetting, writeSetting } from './actor';

/** Big enough to fill every screen (pipeline, Today, dashboard), small enough to load in seconds. */
export const DEMO_LEADS = 400;
const DEMO_SEED = 2026;
const DEMO_KEY = 'demo_agency';

interface DemoMarker {
  loaded_at: string;
  leads: number;
  /** The device's own local user, restored when the demo is cleared. */
  previous_local_user: Actor;
}

/** Whether `sql` (an EXISTS) holds: the top bar reads the demo status on every change, so no counts. */
function holds(db: ReplicaDb, sql: string): boolean {
  return (db.prepare(sql).pluck().get() as number) === 1;
}

export function isDemoLoaded(db: ReplicaDb): boolean {
  return readSetting<DemoMarker>(db, DEMO_KEY) !== undefined;
}

/** Why the demo cannot be loaded into this replica now, or null when it can. */
function loadRefusal(db: ReplicaDb, signedIn: boolean): string | null {
  if (isDemoLoaded(db)) return 'the demo agency is already loaded';
  if (signedIn) return 'this replica syncs with an agency server: sign out first, or use another replica file';
  if (holds(db, 'SELECT EXISTS (SELECT 1 FROM outbox)')) return 'this replica has changes waiting to be pushed';
  if (holds(db, 'SELECT EXISTS (SELECT 1 FROM leads) OR EXISTS (SELECT 1 FROM clients)'))
    return 'this replica already holds leads or clients';
  return null;
}

export function demoStatus(db: ReplicaDb, signedIn: boolean): DemoStatus {
  const marker = readSetting<DemoMarker>(db, DEMO_KEY);
  const refusal = loadRefusal(db, signedIn);
  return {
    loaded: marker !== undefined,
    loaded_at: marker?.loaded_at ?? null,
    leads: marker?.leads ?? null,
    can_load: refusal === null,
    reason: refusal,
  };
}

/**
 * Loads the demo agency and makes its first agent the device's user, so Today and "my work" show
 * that agent's day. Returns the new actor.
 */
export async function loadDemo(db: ReplicaDb, current: Actor, signedIn: boolean): Promise<Actor> {
  const refusal = loadRefusal(db, signedIn);
  if (refusal) throw new AppError('precondition_failed', `The demo agency cannot be loaded: ${refusal}.`);
  // One thread: the worker variant loads its own module file, which a bundled main process has not got.
  const load = await bulkLoadDirect(db, { leads: DEMO_LEADS, seed: DEMO_SEED, threads: 1 });
  const agent = db
    .prepare(
      `SELECT u.id, u.team_id, u.role FROM users u
       WHERE u.role = 'agent' AND EXISTS (SELECT 1 FROM leads l WHERE l.owner_id = u.id)
       ORDER BY u.email LIMIT 1`,
    )
    .get() as { id: string; team_id: string | null; role: Actor['role'] } | undefined;
  if (!agent) throw new AppError('internal', 'the demo agency has no agent');
  const actor: Actor = { userId: agent.id, teamId: agent.team_id, role: agent.role };
  db.transaction(() => {
    writeSetting(db, DEMO_KEY, {
      loaded_at: new Date().toISOString(),
      leads: load.leads,
      previous_local_user: current,
    } satisfies DemoMarker);
    writeSetting(db, LOCAL_USER_KEY, actor);
  })();
  return actor;
}

/** Tables whose rows the migrations seed (statuses, insurance types, carriers …), with the seeded ids. */
const SEEDED = new Map<TableName, string[]>(lookupSeed().map((s) => [s.table, s.rows.map((r) => r.id)]));

/** Removes every demo row and the outbox, and gives the device its own user back. */
export function clearDemo(db: ReplicaDb): Actor {
  const marker = readSetting<DemoMarker>(db, DEMO_KEY);
  if (!marker) throw new AppError('precondition_failed', 'No demo agency is loaded.');
  const own = marker.previous_local_user;
  db.transaction(() => {
    // Children first: TABLE_NAMES is in dependency order.
    for (const table of [...TABLE_NAMES].reverse()) {
      // A row pointing at another of its table (a renewal at the term it renews) with RESTRICT
      // blocks the delete of the whole table at once: the links go first.
      for (const [column, spec] of Object.entries(TABLES[table].columns as Columns))
        if (spec.references?.table === table) db.prepare(`UPDATE "${table}" SET "${column}" = NULL`).run();
      const seeded = SEEDED.get(table);
      // A seeded lookup goes back to its seed: rows the demo added to it (its own carriers) go too.
      if (seeded)
        db.prepare(`DELETE FROM "${table}" WHERE id NOT IN (SELECT value FROM json_each(?))`).run(
          JSON.stringify(seeded),
        );
      else if (table === 'users') db.prepare('DELETE FROM users WHERE id <> ?').run(own.userId);
      else db.prepare(`DELETE FROM "${table}"`).run();
    }
    db.prepare('DELETE FROM outbox').run();
    db.prepare('DELETE FROM conflicts').run();
    settings.remove(db, DEMO_KEY);
    writeSetting(db, LOCAL_USER_KEY, own);
  })();
  return own;
}
