import type { Database } from 'better-sqlite3';
import type { TableName } from '../../../shared/model/catalogue';
import type { Actor } from '../../../shared/mutations/define';
import type { ServerChange } from './messages';
import { restoreShadows, replayUnsettled } from './rebase';
import { applyChanges } from './bulk-apply';
import { deleteRow, readRaw, sameRow, type RawRow } from './rows';

export interface ShapePosition {
  shape: string;
  handle: string;
  offset: string;
}

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
  const confirmed = db.prepare(`SELECT seq, txid, lsn FROM outbox WHERE status = 'confirmed'`).all() as Array<{
    seq: number;
    txid: string;
    lsn: string | null;
  }>;
  const done = confirmed.filter(
    (m) => txids.has(m.txid) || (batch.upToLsn !== null && m.lsn !== null && BigInt(m.lsn) <= batch.upToLsn),
  );
  const del = db.prepare('DELETE FROM outbox WHERE seq = ?');
  for (const m of done) del.run(m.seq);
  return { settled: done.length, withoutEcho: done.filter((m) => !txids.has(m.txid)).length };
}

/**
 * Whether the server's changes can go straight in: true when every change to a row that has
 * pending local work leaves that row exactly as the local work already made it (the usual
 * echo of our own mutation). Otherwise the batch needs a rebase.
 */
function fitsLocalState(db: Database, changes: ServerChange[]): boolean {
  // No shadows (nothing pending, e.g. a first sync): nothing to compare, row by row or otherwise.
  if (!db.prepare('SELECT 1 FROM sync_shadows LIMIT 1').get()) return true;
  const shadow = db.prepare('SELECT data FROM sync_shadows WHERE table_name = ? AND row_id = ?');
  const server = new Map<string, RawRow | null>();
  for (const c of changes) {
    const key = `${c.table}/${c.id}`;
    const s = shadow.get(c.table, c.id) as { data: string | null } | undefined;
    if (!s && !server.has(key)) continue;
    const base = server.has(key) ? server.get(key)! : s!.data === null ? null : (JSON.parse(s!.data) as RawRow);
    server.set(key, serverVersion(base, c));
  }
  const update = db.prepare('UPDATE sync_shadows SET data = ? WHERE table_name = ? AND row_id = ?');
  for (const [key, row] of server) {
    const [table, id] = key.split('/') as [TableName, string];
    if (!sameRow(row, readRaw(db, table, id) ?? null)) return false;
  }
  for (const [key, row] of server) {
    const [table, id] = key.split('/') as [TableName, string];
    update.run(row ? JSON.stringify(row) : null, table, id);
  }
  return true;
}

/** While mutations await their answer, note the txids delivered: their echo may come first. */
function rememberTxids(db: Database, changes: ServerChange[]) {
  const awaiting = (db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n;
  if (awaiting === 0) {
    db.prepare('DELETE FROM sync_seen_txids').run();
    return;
  }
  const add = db.prepare('INSERT OR IGNORE INTO sync_seen_txids (txid) VALUES (?)');
  for (const txid of new Set(changes.flatMap((c) => c.txids))) add.run(txid);
}

function savePositions(db: Database, positions: ShapePosition[]) {
  const save = db.prepare(
    `INSERT INTO sync_state (shape, handle, offset, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(shape) DO UPDATE SET handle = excluded.handle, offset = excluded.offset, updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  for (const p of positions) save.run(p.shape, p.handle, p.offset, now);
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
  db.exec('BEGIN IMMEDIATE');
  try {
    const { settled, withoutEcho } = settle(db, batch);
    const pending = (
      db.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sent', 'confirmed')`).get() as {
        n: number;
      }
    ).n;
    const rebase =
      options.forceRebase === true || batch.refetched.size > 0 || withoutEcho > 0 || !fitsLocalState(db, batch.changes);
    let replayFailed = 0;
    if (rebase) {
      restoreShadows(db);
      applyChanges(db, batch.changes);
      for (const [table, keep] of batch.refetched) {
        const ids = db.prepare(`SELECT id FROM "${table}"`).pluck().all() as string[];
        for (const id of ids) if (!keep.has(id)) deleteRow(db, table, id);
      }
      replayFailed = await replayUnsettled(db, actor);
    } else {
      applyChanges(db, batch.changes);
    }
    rememberTxids(db, batch.changes);
    // With nothing unsettled, the tables are exactly the server's state: no shadows needed.
    if (pending === 0) db.prepare('DELETE FROM sync_shadows').run();
    savePositions(db, batch.positions);
    db.exec('COMMIT');
    return { applied: batch.changes.length, settled, rebased: rebase, replayFailed };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
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
