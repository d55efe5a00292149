import { create } from 'zustand';
import type { ConflictItem, SyncStatusView } from '../../../shared/api/types';
import { call } from '../api/client';

interface SyncState {
  online: boolean;
  /** null until the first answer (or when this build's main process has no sync status). */
  status: SyncStatusView | null;
  statusError: string | null;
  conflicts: ConflictItem[];
  /** Reads the status (and the inbox when it has items) again: on every change event for the tables it shows. */
  refresh(): Promise<void>;
  resolve(id: string, action: 'dismiss' | 'reapply'): Promise<string | null>;
}

export const useSync = create<SyncState>((set, get) => ({
  online: navigator.onLine,
  status: null,
  statusError: null,
  conflicts: [],
  async refresh() {
    const res = await call('sync.status', {});
    if (!res.ok) return set({ statusError: res.error.message });
    set({ status: res.value, statusError: null });
    if (res.value.conflicts > 0 || get().conflicts.length > 0) {
      const list = await call('conflicts.list', {});
      if (list.ok) set({ conflicts: list.value });
    }
  },
  async resolve(id, action) {
    const res = await call('conflicts.resolve', { id, action });
    // The resolution (and a re-applied change) comes back through the change feed.
    return res.ok ? null : res.error.message;
  },
}));

window.addEventListener('online', () => useSync.setState({ online: true }));
window.addEventListener('offline', () => useSync.setState({ online: false }));
