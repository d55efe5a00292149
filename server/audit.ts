/**
 * The audit ledger (migration 0007_audit_ledger): appending entries, reading them, and checking
 * the hash chain. Postgres numbers and chains each entry in a trigger while the entry's
 * transaction holds the chain's head row, so appends from concurrent batches cannot interleave;
 * `verifyLedger` rebuilds every hash here, in TypeScript, from the stored fields.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

type Queryable = Pick<pg.Client, 'query'>;

export type LedgerKind = 'mutation' | 'sign_in';

export interface LedgerEntry {
  kind: LedgerKind;
  /** Who: the signed-in user, or for a sign-in the user the email named (null when none). */
  user_id: string | null;
  /** When (ISO); the gateway's clock. */
  at: string;
  /** What, without personal data: ids, names, outcomes, never argument values. */
  detail: Record<string, unknown>;
}

export interface StoredEntry extends LedgerEntry {
  seq: number;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Appends entries in order, inside the caller's transaction if it has one (as the table owner). */
export async function appendLedger(client: Queryable, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO audit_ledger (at, kind, user_id, detail)
     SELECT (e->>'at')::timestamptz, e->>'kind', (e->>'user_id')::uuid, e->'detail'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(e, n)
      ORDER BY n`,
    [JSON.stringify(entries)],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records a mutation names (its top-level `id` and `*_id` arguments) and a digest of its
 * arguments: enough to tie an entry to rows and to the exact request, with no names, notes or
 * addresses copied into a table nobody may ever delete from.
 */
export function mutationDetail(args: unknown): { records: Record<string, string>; args_sha256: string } {
  const records: Record<string, string> = {};
  if (args && typeof args === 'object' && !Array.isArray(args)) {
    for (const [k, v] of Object.entries(args as Record<string, unknown>)) {
      if ((k === 'id' || k.endsWith('_id')) && typeof v === 'string' && UUID.test(v)) records[k] = v;
    }
  }
  const args_sha256 = createHash('sha256')
    .update(JSON.stringify(args ?? null), 'utf8')
    .digest('hex');
  return { records, args_sha256 };
}

/** The text an entry's hash covers: the same as audit_entry_text() in the migration. */
function entryText(r: {
  seq: string;
  prev_hash: string;
  at_ms: string;
  kind: string;
  user_id: string | null;
  detail: string;
}) {
  return [r.seq, r.prev_hash, r.at_ms, r.kind, r.user_id ?? '', r.detail].join('\n');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type VerifyResult =
  | { ok: true; entries: number; head: { seq: number; hash: string } }
  | { ok: false; entries_checked: number; broken: { seq: number; problem: string } };

/** Reads the whole chain in order, page by page, and names the first entry that breaks it. */
export async function verifyLedger(client: Queryable, pageSize = 5_000): Promise<VerifyResult> {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, problem: string): VerifyResult => ({
    ok: false,
    entries_checked: checked,
    broken: { seq, problem },
  });
  for (;;) {
    const { rows } = await client.query<{
      seq: string;
      prev_hash: string;
      hash: string;
      at_ms: string;
      kind: string;
      user_id: string | null;
      detail: string;
    }>(
      `SELECT seq::text AS seq, prev_hash, hash, ((extract(epoch FROM at) * 1000)::bigint)::text AS at_ms,
              kind, user_id::text AS user_id, detail::text AS detail
         FROM audit_ledger l WHERE l.seq > $1 ORDER BY l.seq LIMIT $2`,
      [prevSeq, pageSize],
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== prevSeq + 1)
        return broken(prevSeq + 1, `entry ${prevSeq + 1} is missing (the next one stored is ${seq})`);
      if (r.prev_hash !== prevHash)
        return broken(seq, `entry ${seq} does not link to entry ${prevSeq}: its prev_hash is not that entry's hash`);
      if (sha256(entryText(r)) !== r.hash)
        return broken(seq, `entry ${seq} was changed after it was written: its fields do not match its hash`);
      prevSeq = seq;
      prevHash = r.hash;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await client.query<{ seq: string; hash: string }>(
    'SELECT seq::text AS seq, hash FROM audit_ledger_head WHERE id',
  );
  const h = head.rows[0];
  if (!h) return broken(prevSeq + 1, 'the ledger head row is missing');
  if (Number(h.seq) !== prevSeq || h.hash !== prevHash)
    return broken(
      prevSeq + 1,
      `the chain ends at entry ${prevSeq} but its head says ${h.seq}: entries after ${prevSeq} were removed or the head was changed`,
    );
  return { ok: true, entries: checked, head: { seq: prevSeq, hash: prevHash } };
}
