import type { SyncStatusView } from '../../../shared/api/types';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { SyncEngine } from './engine';
import { storedSession, type TokenVault } from './session';

/** What the top bar shows: signed in or not, online, pending changes, last synced, errors. */
export function syncStatusView(db: ReplicaDb, engine: SyncEngine | null, vault?: TokenVault): SyncStatusView {
  const session = storedSession(db, undefined, vault);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const base = {
    pending: count(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sent', 'confirmed')`),
    rejected: count(`SELECT count(*) AS n FROM outbox WHERE status = 'rejected'`),
    conflicts: count(`SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL`),
  };
  const status = engine?.status();
  return {
    configured: Boolean(session),
    server: session?.serverUrl ?? null,
    user: session
      ? { id: session.user.id, email: session.user.email, full_name: session.user.full_name, role: session.user.role }
      : null,
    running: status?.running ?? false,
    online: status?.online ?? false,
    ...base,
    lastSyncedAt: status?.lastSyncedAt ?? null,
    error: status?.error ?? null,
  };
}
