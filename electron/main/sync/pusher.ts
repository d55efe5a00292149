import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import { MAX_BATCH, MAX_BODY_BYTES, type MutationAnswer } from '../../../shared/sync/protocol';
import type { GatewayClient } from './gateway-client';
import { cachedStatement } from '../../../db/queries/statements';

export interface PushResult {
  pushed: number;
  rejected: number;
  conflicts: number;
}

interface OutboxRow {
  seq: number;
  id: string;
  name: string;
  args: string;
  created_at: string;
}

/**
 * Sends pending mutations in order, in batches, and records each answer: confirmed (with its
 * txid and WAL position, to be settled once the stream delivers it), or rejected — kept in the
 * outbox and shown in the conflicts inbox, never dropped. Field values that lost a
 * last-writer-wins race are kept in the inbox too.
 */
export async function pushOnce(
  db: Database,
  client: GatewayClient,
  clientId: string,
  batchSize = MAX_BATCH,
): Promise<PushResult & { done: boolean }> {
  const queued = db
    .prepare(
      `SELECT seq, id, name, args, created_at FROM outbox WHERE status IN ('pending', 'sent') ORDER BY seq LIMIT ?`,
    )
    .all(batchSize) as OutboxRow[];
  const rows = queued.slice(0, fitting(queued, clientId));
  if (rows.length === 0) return { pushed: 0, rejected: 0, conflicts: 0, done: true };
  if (rows.length === 1 && BODY_OVERHEAD + envelopeBytes(rows[0]!, clientId) > MAX_BODY_BYTES) {
    // The gateway would refuse it (413) every time and it would hold up everything behind it:
    // it is rejected here, kept in the outbox and shown in the inbox like any other rejection.
    const result = { pushed: 0, rejected: 0, conflicts: 0 };
    const message = `this change is larger than the server accepts in one request (${MAX_BODY_BYTES / 1024 / 1024} MB)`;
    db.transaction(() =>
      record(db, rows[0]!, { id: rows[0]!.id, status: 'rejected', error: { code: 'invalid_input', message } }, result),
    )();
    return { ...result, done: false };
  }
  const now = new Date().toISOString();
  db.prepare(
    `UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_attempt_at = ? WHERE seq BETWEEN ? AND ? AND status IN ('pending', 'sent')`,
  ).run(now, rows[0]!.seq, rows[rows.length - 1]!.seq);
  const answers = await client.pushMutations(
    rows.map((r) => ({ id: r.id, name: r.name, args: JSON.parse(r.args), clientId, createdAt: r.created_at })),
  );
  const byId = new Map(answers.map((a) => [a.id, a]));
  const result = { pushed: 0, rejected: 0, conflicts: 0 };
  db.transaction(() => {
    for (const row of rows) {
      const answer = byId.get(row.id);
      if (!answer) continue; // not answered: stays 'sent' and goes again (the server is idempotent)
      record(db, row, answer, result);
    }
  })();
  return { ...result, done: queued.length < batchSize && rows.length === queued.length };
}

/** Room kept in the body for each envelope's keys, id, clientId and time, beyond its args. */
const ENVELOPE_BYTES = 300;
/** The body's own wrapping (`{"mutations":[…]}`). */
const BODY_OVERHEAD = 20;

const envelopeBytes = (row: OutboxRow, clientId: string) =>
  Buffer.byteLength(row.args) + Buffer.byteLength(row.name) + Buffer.byteLength(clientId) + ENVELOPE_BYTES;

/**
 * How many of `rows` fit in one request body under the gateway's limit, so a long outbox is
 * never refused as a whole (413). The first always counts, whatever its size (one too large
 * alone is rejected by pushOnce).
 */
function fitting(rows: OutboxRow[], clientId: string): number {
  let bytes = BODY_OVERHEAD;
  for (let i = 0; i < rows.length; i++) {
    bytes += envelopeBytes(rows[i]!, clientId);
    if (bytes > MAX_BODY_BYTES && i > 0) return i;
  }
  return rows.length;
}

function record(db: Database, row: OutboxRow, answer: MutationAnswer, result: PushResult) {
  const inbox = cachedStatement(
    db,
    `INSERT INTO conflicts (id, kind, mutation_id, mutation_name, table_name, row_id, field, local_value, server_value, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  if (answer.status === 'rejected') {
    cachedStatement(db, `UPDATE outbox SET status = 'rejected', error = ? WHERE seq = ?`).run(
      `${answer.error.code}: ${answer.error.message}`,
      row.seq,
    );
    inbox.run(
      uuidv7(),
      'rejected',
      row.id,
      row.name,
      null,
      null,
      answer.error.field ?? null,
      row.args,
      null,
      answer.error.message,
      now,
    );
    result.rejected++;
    return;
  }
  result.pushed++;
  const seen = cachedStatement(db, 'SELECT 1 FROM sync_seen_txids WHERE txid = ?').get(answer.txid);
  if (seen && answer.status === 'ok') {
    // Its changes already arrived (and were checked against this replica then): settled.
    cachedStatement(db, 'DELETE FROM outbox WHERE seq = ?').run(row.seq);
  } else {
    cachedStatement(
      db,
      `UPDATE outbox SET status = 'confirmed', txid = ?, lsn = ?, confirmed_at = ?, error = NULL WHERE seq = ?`,
    ).run(answer.txid, answer.lsn, now, row.seq);
  }
  if (answer.status === 'conflict') {
    for (const c of answer.conflicts) {
      inbox.run(
        uuidv7(),
        'overwritten',
        row.id,
        row.name,
        c.table,
        c.row_id,
        c.field,
        JSON.stringify(c.local_value ?? null),
        JSON.stringify(c.server_value ?? null),
        'a newer edit of this field on another device won',
        now,
      );
      result.conflicts++;
    }
  }
}
