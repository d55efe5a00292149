import type { Database } from 'better-sqlite3';
import type { TableName } from '../../../shared/model/catalogue';
import type { Actor } from '../../../shared/mutations/define';
import { changeFeed, noteWrite } from '../../../db/sqlite/change-feed';
import {
  outbox,
  positions as storedPositions,
  seenTxids,
  shadows,
  type ShapePosition,
} from '../../../db/sqlite/sync-state';
import type { ServerChange } from './messages';
import { restoreShadows, replayUnsettled } from './rebase';
import { applyChanges } from './bulk-apply';
import { deleteRow, readRaw, sameRow, type RawRow } from './rows';

export type { ShapePosition };

export interface ServerBatch {
  changes: ServerChange[];
  /** Where each shape stands once this batch is applied: stored in the same transaction. */
  positions: ShapePosition[];
  /** Every shape has seen the log up to here: confirmed mutations at or below it are settled. */
  upToLsn: bigint | null;
  /** Tables reloaded after must-refetch: ids in their fresh snapshot (rows not in it go). */
  refetched: Map<TableName, Set<string>>;
}

function serverVersion(base: RawRow | null, change: ServerChange): RawRow | null {
  if (change.op === 'delete') return null;
  if (change.op === 'insert' || !base) return { ...(base ?? {}), ...change.values };
  return { ...base, ...change.values };
}

/**
 * Confirmed mutations whose effects the stream has now delivered leave the outbox. Returns how
 * many, and how many were settled by position alone (no change of theirs in this batch). Their
 * echo may have come before their confirmation, while they were still replayed on top of it, or
 * the server may have kept less than the replica did (a field that lost, an `updated_at` that
 * may not go back): the replica is then rebased onto the server's rows rather than trusted.
 */
function settle(db: Database, batch: ServerBatch): { settled: number; withoutEcho: number } {
  const txids = new Set(batch.changes.flatMap((c) => c.txids));
  const done = outbox
    .confirmed(db)
    .filter((m) => txids.has(m.txid) || (batch.upToLsn !== null && m.lsn !== null && BigInt(m.lsn) <= batch.upToLsn));
  for (const m of done) outbox.remove(db, m.seq);
  return { settled: done.length, withoutEcho: done.filter((m) => !txids.has(m.txid)).length };
}

/**
 * Whether the server's changes can go straight in: true when every change to a row that has
 * pending local work leaves that row exactly as the local work already made it (the usual
 * echo of our own mutation). Otherwise the batch needs a rebase.
 */
function fitsLocalState(db: Database, changes: ServerChange[]): boolean {
  // No shadows (nothing pending, e.g. a first sync): nothing to compare, row by row or otherwise.
  if (!shadows.any(db)) return true;
  const server = new Map<string, RawRow | null>();
  for (const c of changes) {
    const key = `${c.table}/${c.id}`;
    const s = shadows.get(db, c.table, c.id);
    if (!s && !server.has(key)) continue;
    const base = server.has(key) ? server.get(key)! : s!.data === null ? null : (JSON.parse(s!.data) as RawRow);
    server.set(key, serverVersion(base, c));
  }
  for (const [key, row] of server) {
    const [table, id] = key.split('/') as [TableName, string];
    if (!sameRow(row, readRaw(db, table, id) ?? null)) return false;
  }
  for (const [key, row] of server) {
    const [table, id] = key.split('/') as [TableName, string];
    shadows.update(db, table, id, row ? JSON.stringify(row) : null);
  }
  return true;
}

/** While mutations await their answer, note the txids delivered: their echo may come first. */
function rememberTxids(db: Database, changes: ServerChange[]) {
  if (outbox.awaitingAnswerCount(db) === 0) return seenTxids.clear(db);
  seenTxids.add(db, new Set(changes.flatMap((c) => c.txids)));
}

/**
 * Applies one consistent batch from all shapes in ONE SQLite transaction, with the shapes'
 * positions: the replica ends equal to the server's state plus the unsettled local mutations.
 * Foreign keys are off while applying: the server already enforced them, and a scoped replica
 * may legitimately lack a referenced row. The caller serialises this with local writes.
 */
export async function applyServerBatch(
  db: Database,
  batch: ServerBatch,
  actor: Actor,
  options: { forceRebase?: boolean } = {},
) {
  db.pragma('foreign_keys = OFF');
  try {
    // One change event after the commit, naming every table the batch wrote (rows, outbox, positions).
    return await changeFeed(db).transaction('sync', async () => {
      const { settled, withoutEcho } = settle(db, batch);
      const pending = outbox.unsettledCount(db);
      const rebase =
        options.forceRebase === true ||
        batch.refetched.size > 0 ||
        withoutEcho > 0 ||
        !fitsLocalState(db, batch.changes);
      let replayFailed = 0;
      if (rebase) {
        restoreShadows(db);
        applyChanges(db, batch.changes);
        for (const [table, keep] of batch.refetched) {
          const ids = db.prepare(`SELECT id FROM "${table}"`).pluck().all() as string[];
          for (const id of ids) if (!keep.has(id)) deleteRow(db, table, id);
          noteWrite(db, table);
        }
        replayFailed = await replayUnsettled(db, actor);
      } else {
        applyChanges(db, batch.changes);
      }
      for (const table of new Set(batch.changes.map((c) => c.table))) noteWrite(db, table);
      rememberTxids(db, batch.changes);
      // With nothing unsettled, the tables are exactly the server's state: no shadows needed.
      if (pending === 0) shadows.clear(db);
      storedPositions.save(db, batch.positions);
      return { applied: batch.changes.length, settled, rebased: rebase, replayFailed };
    });
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Undoes the local effects of mutations the server rejected, keeping the rest (no server changes). */
export function rebaseLocal(db: Database, actor: Actor) {
  return applyServerBatch(db, { changes: [], positions: [], upToLsn: null, refetched: new Map() }, actor, {
    forceRebase: true,
  });
}
