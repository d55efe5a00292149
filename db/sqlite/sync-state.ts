/**
 * Sync's bookkeeping in the replica, in one place: the outbox and its statuses, the conflicts
 * inbox, shape positions, shadows, seen txids and local settings. Each fact is spelled here once
 * (which outbox statuses are still unsettled, how a position is stored), and every write notes
 * its table on the change feed, so sync and the writer never write these tables by hand.
 */
import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../queries/statements';
import { noteWrite } from './change-feed';

export type OutboxStatus = 'pending' | 'sent' | 'confirmed' | 'rejected';

/** Mutations the server has not yet reflected back: their effects are local only (counted as "pending"). */
export const UNSETTLED: readonly OutboxStatus[] = ['pending', 'sent', 'confirmed'];
/** Mutations still to be sent (or sent and unanswered: the gateway is idempotent, so they go again). */
export const UNSENT: readonly OutboxStatus[] = ['pending', 'sent'];

const list = (statuses: readonly OutboxStatus[]) => statuses.map((s) => `'${s}'`).join(', ');
const q = (db: Database, sql: string) => cachedStatement(db, sql);
const count = (db: Database, sql: string, ...params: unknown[]) => (q(db, sql).get(...params) as { n: number }).n;

export interface OutboxEntry {
  seq: number;
  id: string;
  name: string;
  args: string;
  created_at: string;
}

export const outbox = {
  /** Records a mutation made here, in the same transaction as its effects. */
  add(db: Database, m: { id: string; name: string; args: unknown; createdAt: string }) {
    q(db, 'INSERT INTO outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
      m.id,
      m.name,
      JSON.stringify(m.args),
      m.createdAt,
    );
    noteWrite(db, 'outbox');
  },
  unsettledCount: (db: Database) => count(db, `SELECT count(*) AS n FROM outbox WHERE status IN (${list(UNSETTLED)})`),
  hasUnsettled: (db: Database) =>
    Boolean(q(db, `SELECT 1 FROM outbox WHERE status IN (${list(UNSETTLED)}) LIMIT 1`).get()),
  rejectedCount: (db: Database) => count(db, `SELECT count(*) AS n FROM outbox WHERE status = 'rejected'`),
  awaitingAnswerCount: (db: Database) => count(db, `SELECT count(*) AS n FROM outbox WHERE status = 'sent'`),
  hasConfirmed: (db: Database) => Boolean(q(db, `SELECT 1 FROM outbox WHERE status = 'confirmed' LIMIT 1`).get()),
  /** In order: what a rebase replays. */
  unsettled: (db: Database) =>
    q(
      db,
      `SELECT seq, id, name, args, created_at FROM outbox WHERE status IN (${list(UNSETTLED)}) ORDER BY seq`,
    ).all() as OutboxEntry[],
  /** The next mutations to send, in order. */
  unsent: (db: Database, limit: number) =>
    q(
      db,
      `SELECT seq, id, name, args, created_at FROM outbox WHERE status IN (${list(UNSENT)}) ORDER BY seq LIMIT ?`,
    ).all(limit) as OutboxEntry[],
  confirmed: (db: Database) =>
    q(db, `SELECT seq, txid, lsn FROM outbox WHERE status = 'confirmed'`).all() as Array<{
      seq: number;
      txid: string;
      lsn: string | null;
    }>,
  /** The furthest WAL position a confirmed mutation waits for the stream to pass (decimal text: longer is larger). */
  awaitedLsn(db: Database): bigint | null {
    const row = q(
      db,
      `SELECT lsn FROM outbox WHERE status = 'confirmed' AND lsn IS NOT NULL ORDER BY length(lsn) DESC, lsn DESC LIMIT 1`,
    ).get() as { lsn: string } | undefined;
    return row ? BigInt(row.lsn) : null;
  },
  markSent(db: Database, fromSeq: number, toSeq: number, at: string) {
    q(
      db,
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_attempt_at = ? WHERE seq BETWEEN ? AND ? AND status IN (${list(UNSENT)})`,
    ).run(at, fromSeq, toSeq);
    noteWrite(db, 'outbox');
  },
  markRejected(db: Database, seq: number, error: string) {
    q(db, `UPDATE outbox SET status = 'rejected', error = ? WHERE seq = ?`).run(error, seq);
    noteWrite(db, 'outbox');
  },
  markConfirmed(db: Database, seq: number, txid: string, lsn: string | null, at: string) {
    q(
      db,
      `UPDATE outbox SET status = 'confirmed', txid = ?, lsn = ?, confirmed_at = ?, error = NULL WHERE seq = ?`,
    ).run(txid, lsn, at, seq);
    noteWrite(db, 'outbox');
  },
  /** A settled mutation leaves the outbox. */
  remove(db: Database, seq: number) {
    q(db, 'DELETE FROM outbox WHERE seq = ?').run(seq);
    noteWrite(db, 'outbox');
  },
  /** Why a replayed mutation no longer applies here (null: it applies again). */
  setReplayError(db: Database, seq: number, error: string | null) {
    const res =
      error === null
        ? q(db, 'UPDATE outbox SET error = NULL WHERE seq = ? AND error IS NOT NULL').run(seq)
        : q(db, 'UPDATE outbox SET error = ? WHERE seq = ?').run(error, seq);
    if (res.changes > 0) noteWrite(db, 'outbox');
  },
};

export interface ConflictRecord {
  kind: 'rejected' | 'overwritten';
  mutationId: string;
  mutationName: string;
  table: string | null;
  rowId: string | null;
  field: string | null;
  localValue: string | null;
  serverValue: string | null;
  reason: string;
  createdAt: string;
}

export const conflicts = {
  add(db: Database, id: string, c: ConflictRecord) {
    q(
      db,
      `INSERT INTO conflicts (id, kind, mutation_id, mutation_name, table_name, row_id, field, local_value, server_value, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      c.kind,
      c.mutationId,
      c.mutationName,
      c.table,
      c.rowId,
      c.field,
      c.localValue,
      c.serverValue,
      c.reason,
      c.createdAt,
    );
    noteWrite(db, 'conflicts');
  },
  openCount: (db: Database) => count(db, `SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL`),
  /** The inbox, newest first (values as stored: JSON text). */
  open: (db: Database, limit: number) =>
    q(
      db,
      `SELECT id, kind, mutation_name, table_name, row_id, field, local_value, server_value, reason, created_at
       FROM conflicts WHERE resolved_at IS NULL ORDER BY created_at DESC LIMIT ?`,
    ).all(limit) as Array<{
      id: string;
      kind: 'rejected' | 'overwritten';
      mutation_name: string | null;
      table_name: string | null;
      row_id: string | null;
      field: string | null;
      local_value: string | null;
      server_value: string | null;
      reason: string;
      created_at: string;
    }>,
  resolve(db: Database, id: string, resolution: string, at: string) {
    q(db, 'UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, resolution, id);
    noteWrite(db, 'conflicts');
  },
};

export interface ShapePosition {
  shape: string;
  handle: string;
  offset: string;
}

export const positions = {
  /** Where each shape stood at its last applied batch. */
  load(db: Database): Map<string, { handle: string; offset: string }> {
    const rows = q(
      db,
      'SELECT shape, handle, offset FROM sync_state WHERE handle IS NOT NULL',
    ).all() as ShapePosition[];
    return new Map(rows.map((r) => [r.shape, { handle: r.handle, offset: r.offset }]));
  },
  any: (db: Database) => Boolean(q(db, 'SELECT 1 FROM sync_state WHERE handle IS NOT NULL LIMIT 1').get()),
  save(db: Database, list: readonly ShapePosition[]) {
    if (list.length === 0) return;
    const save = q(
      db,
      `INSERT INTO sync_state (shape, handle, offset, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(shape) DO UPDATE SET handle = excluded.handle, offset = excluded.offset, updated_at = excluded.updated_at`,
    );
    const now = new Date().toISOString();
    for (const p of list) save.run(p.shape, p.handle, p.offset, now);
    noteWrite(db, 'sync_state');
  },
};

export interface Shadow {
  table_name: string;
  row_id: string;
  data: string | null;
}

export const shadows = {
  /** Keeps a row's server version before local work first changes it (the first one kept wins). */
  keep(db: Database, table: string, id: string, data: string | null) {
    if (
      q(db, 'INSERT OR IGNORE INTO sync_shadows (table_name, row_id, data) VALUES (?, ?, ?)').run(table, id, data)
        .changes
    )
      noteWrite(db, 'sync_shadows');
  },
  any: (db: Database) => Boolean(q(db, 'SELECT 1 FROM sync_shadows LIMIT 1').get()),
  all: (db: Database) => q(db, 'SELECT table_name, row_id, data FROM sync_shadows').all() as Shadow[],
  get: (db: Database, table: string, id: string) =>
    q(db, 'SELECT data FROM sync_shadows WHERE table_name = ? AND row_id = ?').get(table, id) as
      { data: string | null } | undefined,
  update(db: Database, table: string, id: string, data: string | null) {
    q(db, 'UPDATE sync_shadows SET data = ? WHERE table_name = ? AND row_id = ?').run(data, table, id);
    noteWrite(db, 'sync_shadows');
  },
  clear(db: Database) {
    if (q(db, 'DELETE FROM sync_shadows').run().changes) noteWrite(db, 'sync_shadows');
  },
};

export const seenTxids = {
  add(db: Database, txids: Iterable<string>) {
    const add = q(db, 'INSERT OR IGNORE INTO sync_seen_txids (txid) VALUES (?)');
    let changed = 0;
    for (const t of txids) changed += add.run(t).changes;
    if (changed) noteWrite(db, 'sync_seen_txids');
  },
  has: (db: Database, txid: string) => Boolean(q(db, 'SELECT 1 FROM sync_seen_txids WHERE txid = ?').get(txid)),
  clear(db: Database) {
    if (q(db, 'DELETE FROM sync_seen_txids').run().changes) noteWrite(db, 'sync_seen_txids');
  },
};

export const settings = {
  read<T>(db: Database, key: string): T | undefined {
    const row = q(db, 'SELECT value FROM local_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  },
  write(db: Database, key: string, value: unknown) {
    q(
      db,
      `INSERT INTO local_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(key, JSON.stringify(value), new Date().toISOString());
    noteWrite(db, 'local_settings');
  },
  remove(db: Database, key: string) {
    if (q(db, 'DELETE FROM local_settings WHERE key = ?').run(key).changes) noteWrite(db, 'local_settings');
  },
};
