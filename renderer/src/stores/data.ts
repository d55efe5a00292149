import { create } from 'zustand';
import {
  ALL_CHANGE_TABLES,
  afterChange,
  versionOf,
  type ChangeEvent,
  type ChangeTable,
  type TableVersions,
} from '../../../shared/api/changes';

/**
 * The replica's changes as the window hears them (IPC in Electron, server-sent events on the web
 * host; see api/changes.ts). Queries select `versionOf` their tables and re-run when it moves.
 */
export const useData = create<{ versions: TableVersions; apply(event: ChangeEvent): void; all(): void }>((set) => ({
  versions: {},
  apply: (event) => set((s) => ({ versions: afterChange(s.versions, event) })),
  // After a lost connection: events may have been missed, so everything is read again.
  all: () => set((s) => ({ versions: afterChange(s.versions, { tables: [...ALL_CHANGE_TABLES], source: 'local' }) })),
}));

/** A number that moves whenever one of `reads` changes in the replica. */
export function useTablesVersion(reads: readonly ChangeTable[] | undefined): number {
  return useData((s) => (reads ? versionOf(s.versions, reads) : 0));
}
