import type { Database } from 'better-sqlite3';
import type { FirstSyncProgress } from '../../../shared/api/types';
import { outbox, positions as storedPositions } from '../../../db/sqlite/sync-state';
import type { ShapeFeed } from './shape-feed';

/**
 * A first sync: no shape has a stored position and no local work waits to be settled, so the
 * replica holds nothing the server will not send (lookups and the local user at most).
 */
export const isFirstSync = (db: Database) => !storedPositions.any(db) && !outbox.hasUnsettled(db);

/**
 * A first sync cut short (the app killed or closed part-way) and now resumed: some shape stopped
 * inside its initial snapshot, whose rows sit at log offset 0 (`0_<n>`; `0_inf` once delivered).
 * The rows still to come are most of the work, so they go in as a first sync's do (derived state
 * aside, rebuilt once at the end) rather than through the triggers row by row.
 */
export const resumingFirstSync = (db: Database, positions: Map<string, { offset: string }>) =>
  [...positions.values()].some((p) => /^0_\d+$/.test(p.offset)) && !outbox.hasUnsettled(db);

/**
 * SQLite's page cache while a first sync runs, in KiB (the replica's is 64 MB). Its rows go in
 * key order (time-ordered ids) with the derived-state triggers aside, so its writes touch the
 * right edge of each B-tree: a smaller cache did not slow it (10k leads: 16.5 CPU s against
 * 18.1-18.6), and the 64 MB a large scope fills would count in full against its peak memory.
 */
const FIRST_SYNC_CACHE_KIB = 8_192;

/** Lowers the page cache for a first sync; returns what puts it back. */
export function shrinkCacheForFirstSync(db: Database): () => void {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${FIRST_SYNC_CACHE_KIB}`);
  return () => void db.pragma(`cache_size = ${before}`);
}

/**
 * While derived state is set aside (a first sync, a scope change's re-sync) or being rebuilt:
 * the rows applied so far and the tables complete, else null.
 */
export function firstSyncProgress(
  feed: ShapeFeed | null,
  state: { deferred: boolean; rebuilding: boolean },
): FirstSyncProgress | null {
  if (!state.deferred && !state.rebuilding) return null;
  const p = feed?.progress() ?? { rows: 0, shapes: 0, shapesDone: 0 };
  return { ...p, indexing: state.rebuilding };
}
