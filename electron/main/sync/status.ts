import type { SyncStatusView } from '../../../shared/api/types';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { conflicts, outbox } from '../../../db/sqlite/sync-state';
import type { SyncEngine } from './engine';
import { storedSession, type TokenVault } from './session';

/** What the top bar shows: signed in or not, online, pending changes, last synced, errors. */
export function syncStatusView(db: ReplicaDb, engine: SyncEngine | null, vault?: TokenVault): SyncStatusView {
  const session = storedSession(db, undefined, vault);
  const base = {
    pending: outbox.unsettledCount(db),
    rejected: outbox.rejectedCount(db),
    conflicts: conflicts.openCount(db),
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
    firstSync: status?.firstSync ?? null,
  };
}
