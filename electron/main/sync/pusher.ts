import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import { MAX_BATCH, MAX_BODY_BYTES, type MutationAnswer } from '../../../shared/sync/protocol';
import type { GatewayClient } from './gateway-client';
import { changeFeed } from '../../../db/sqlite/change-feed';
import { conflicts, outbox, seenTxids, type OutboxEntry } from '../../../db/sqlite/sync-state';

export interface PushResult {
  pushed: number;
  rejected: number;
  conflicts: number;
}

type OutboxRow = OutboxEntry;

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
  const queued = outbox.unsent(db, batchSize);
  const rows = queued.slice(0, fitting(queued, clientId));
  if (rows.length === 0) return { pushed: 0, rejected: 0, conflicts: 0, done: true };
  if (rows.length === 1 && BODY_OVERHEAD + envelopeBytes(rows[0]!, clientId) > MAX_BODY_BYTES) {
    // The gateway would refuse it (413) every time and it would hold up everything behind it:
    // it is rejected here, kept in the outbox and shown in the inbox like any other rejection.
    const result = { pushed: 0, rejected: 0, conflicts: 0 };
    const message = `this change is larger than the server accepts in one request (${MAX_BODY_BYTES / 1024 / 1024} MB)`;
    changeFeed(db).transactionSync('sync', () =>
      record(db, rows[0]!, { id: rows[0]!.id, status: 'rejected', error: { code: 'invalid_input', message } }, result),
    );
    return { ...result, done: false };
  }
  const now = new Date().toISOString();
  changeFeed(db).transactionSync('sync', () => outbox.markSent(db, rows[0]!.seq, rows[rows.length - 1]!.seq, now));
  const answers = await client.pushMutations(
    rows.map((r) => ({ id: r.id, name: r.name, args: JSON.parse(r.args), clientId, createdAt: r.created_at })),
  );
  const byId = new Map(answers.map((a) => [a.id, a]));
  const result = { pushed: 0, rejected: 0, conflicts: 0 };
  changeFeed(db).transactionSync('sync', () => {
    for (const row of rows) {
      const answer = byId.get(row.id);
      if (!answer) continue; // not answered: stays 'sent' and goes again (the server is idempotent)
      record(db, row, answer, result);
    }
  });
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
  const now = new Date().toISOString();
  const base = { mutationId: row.id, mutationName: row.name, createdAt: now };
  if (answer.status === 'rejected') {
    outbox.markRejected(db, row.seq, `${answer.error.code}: ${answer.error.message}`);
    conflicts.add(db, uuidv7(), {
      ...base,
      kind: 'rejected',
      table: null,
      rowId: null,
      field: answer.error.field ?? null,
      localValue: row.args,
      serverValue: null,
      reason: answer.error.message,
    });
    result.rejected++;
    return;
  }
  result.pushed++;
  if (seenTxids.has(db, answer.txid) && answer.status === 'ok') {
    // Its changes already arrived (and were checked against this replica then): settled.
    outbox.remove(db, row.seq);
  } else {
    outbox.markConfirmed(db, row.seq, answer.txid, answer.lsn, now);
  }
  if (answer.status === 'conflict') {
    for (const c of answer.conflicts) {
      conflicts.add(db, uuidv7(), {
        ...base,
        kind: 'overwritten',
        table: c.table,
        rowId: c.row_id,
        field: c.field,
        localValue: JSON.stringify(c.local_value ?? null),
        serverValue: JSON.stringify(c.server_value ?? null),
        reason: 'a newer edit of this field on another device won',
      });
      result.conflicts++;
    }
  }
}
