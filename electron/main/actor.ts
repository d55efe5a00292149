/**
 * Who this replica acts as, and its local settings: apart from app.ts so that services the app
 * wires up (sync session and scope, duplicate review) can read them without importing the app.
 */
import { uuidv7 } from '../../shared/ids';
import type { Actor } from '../../shared/mutations/define';
import type { ReplicaDb } from '../../db/sqlite/open';
import { settings } from '../../db/sqlite/sync-state';

export const SESSION_KEY = 'session';
/** The device's own user before any sign-in (the demo agency swaps it for one of its agents). */
export const LOCAL_USER_KEY = 'local_user';

export const readSetting = <T>(db: ReplicaDb, key: string): T | undefined => settings.read<T>(db, key);
export const writeSetting = (db: ReplicaDb, key: string, value: unknown) => settings.write(db, key, value);

/**
 * Who this replica acts as: the user who signed in to the agency server, or — before any
 * sign-in — a local user made on first open, so the app works fully offline from minute one.
 */
export function currentActor(db: ReplicaDb): Actor {
  const session = readSetting<Actor>(db, SESSION_KEY);
  if (session) return session;
  let local = readSetting<Actor>(db, LOCAL_USER_KEY);
  if (!local) {
    local = { userId: uuidv7(), teamId: null, role: 'admin' };
    const now = new Date().toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO users (id, email, full_name, role, created_at, updated_at) VALUES (?, ?, ?, 'admin', ?, ?)`,
      ).run(local!.userId, `local-${local!.userId.slice(0, 8)}@fieldline.local`, 'Me (this device)', now, now);
      writeSetting(db, LOCAL_USER_KEY, local);
    })();
  }
  return local;
}

/** The signed-in user as the replica last stored them (role and team included), if any. */
export const sessionActor = (db: ReplicaDb) => readSetting<Actor>(db, SESSION_KEY);

export function setSession(db: ReplicaDb, actor: Actor | null) {
  if (actor) writeSetting(db, SESSION_KEY, actor);
  else settings.remove(db, SESSION_KEY);
}
