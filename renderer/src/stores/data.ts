import { create } from 'zustand';
import { ALL_CHANGE_TABLES, type ChangeEvent, type ChangeTable } from '../../../shared/api/changes';

/** Per table, how many change events have named it since the page opened. */
export type TableVersions = Readonly<Partial<Record<ChangeTable, number>>>;

/** The versions after an event: each table it names moves on by one. */
export function afterChange(versions: TableVersions, event: ChangeEvent): TableVersions {
  const next: Partial<Record<ChangeTable, number>> = { ...versions };
  for (const t of event.tables) next[t] = (next[t] ?? 0) + 1;
  return next;
}

/**
 * One number for the tables a query reads: it changes exactly when one of them changes (each
 * count only grows, so their sum grows with any of them), and never for other tables.
 */
export function versionOf(versions: TableVersions, reads: readonly ChangeTable[]): number {
  let sum = 0;
  for (const t of reads) sum += versions[t] ?? 0;
  return sum;
}

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
