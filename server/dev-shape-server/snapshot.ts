/**
 * A shape's initial snapshot, taken like Electric does: REPEATABLE READ,
 * `pg_current_snapshot()` recorded first (so the shape knows which decoded
 * transactions the snapshot already contains), then every column `::text`
 * through a cursor. Rows are written as ready-made JSON messages to a file
 * (`msg,msg,…,`) with the byte offset of every row, so any row range can be
 * streamed to a client without building one big string in memory.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type pg from 'pg';
import type { Row } from './decoding';
import { qualified, quoteIdent, type TableMeta } from './tables';
import type { BoundWhere } from './where';

const FETCH_ROWS = 2_000;

export interface SnapshotVisibility {
  xmin: bigint;
  xmax: bigint;
  xip: Set<bigint>;
}

export interface SnapshotFile {
  path: string;
  /** Byte offset where row i starts; one extra entry at the end of the file. */
  rowStarts: number[];
}

export interface TakeSnapshotOptions {
  meta: TableMeta;
  columns: readonly string[];
  where: BoundWhere | null;
  /** `log=changes_only`: record the visibility point, skip the rows. */
  skipRows: boolean;
  path: string;
  /** A row's message from its primary key and its `value` as JSON text. */
  encodeRow(pk: Row, valueJson: string): string;
}

export async function takeSnapshot(
  pool: pg.Pool,
  options: TakeSnapshotOptions,
): Promise<{ visibility: SnapshotVisibility; file: SnapshotFile }> {
  const file = await open(options.path, 'w');
  const client = await pool.connect().catch(async (error: Error) => {
    await file.close();
    throw error;
  });
  const rowStarts = [0];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ xmin: string; xmax: string; xip: string }>(
      `SELECT pg_snapshot_xmin(s)::text AS xmin, pg_snapshot_xmax(s)::text AS xmax,
              array_to_string(ARRAY(SELECT pg_snapshot_xip(s)), ',') AS xip
         FROM pg_current_snapshot() AS s`,
    );
    const snap = rows[0]!;
    const visibility: SnapshotVisibility = {
      xmin: BigInt(snap.xmin),
      xmax: BigInt(snap.xmax),
      xip: new Set(snap.xip ? snap.xip.split(',').map(BigInt) : []),
    };
    if (!options.skipRows) {
      // Postgres encodes each row's `value` (row_to_json of the text forms, in column order) on
      // its own process; the primary key comes beside it for the message key.
      const select = options.columns.map((c) => `${quoteIdent(c)}::text AS ${quoteIdent(c)}`).join(', ');
      const pk = options.meta.pk.map((c) => `r.${quoteIdent(c)}`).join(', ');
      const where = options.where ? ` WHERE ${options.where.sql}` : '';
      await client.query({
        text: `DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text, ${pk} FROM (SELECT ${select} FROM ${qualified(options.meta)}${where}) r`,
        values: options.where?.values ?? [],
      });
      let bytes = 0;
      for (;;) {
        const batch = await client.query<(string | null)[]>({
          text: `FETCH ${FETCH_ROWS} FROM snapshot_rows`,
          rowMode: 'array',
        });
        if (batch.rows.length === 0) break;
        let chunk = '';
        for (const values of batch.rows) {
          const key: Row = {};
          options.meta.pk.forEach((c, i) => (key[c] = values[i + 1] ?? null));
          const line = `${options.encodeRow(key, values[0]!)},`;
          chunk += line;
          bytes += Buffer.byteLength(line);
          rowStarts.push(bytes);
        }
        await file.write(chunk);
      }
    }
    await client.query('COMMIT');
    return { visibility, file: { path: options.path, rowStarts } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await file.close();
    await rm(options.path, { force: true });
    throw error;
  } finally {
    client.release();
    await file.close().catch(() => undefined);
  }
}

/** Is a (32-bit) xid's transaction already contained in the snapshot? */
export function visibleInSnapshot(xid: number, snap: SnapshotVisibility): boolean {
  // Widen to xid8: the value within ±2^31 of the snapshot's xmax (the client's
  // snapshot tracker does the same with its reference xid).
  const epochBase = snap.xmax & ~0xffffffffn;
  let xid8 = epochBase | BigInt(xid >>> 0);
  if (xid8 - snap.xmax > 0x80000000n) xid8 -= 0x100000000n;
  else if (snap.xmax - xid8 > 0x80000000n) xid8 += 0x100000000n;
  if (xid8 < snap.xmin) return true;
  if (xid8 >= snap.xmax) return false;
  return !snap.xip.has(xid8);
}

export function snapshotRowCount(file: SnapshotFile): number {
  return file.rowStarts.length - 1;
}

/** Streams rows [from, to) as `msg,msg,…,msg` (no trailing comma). */
export function streamSnapshotRows(file: SnapshotFile, from: number, to: number): ReadStream | null {
  if (to <= from) return null;
  const start = file.rowStarts[from]!;
  const end = file.rowStarts[to]! - 2; // inclusive; drops the trailing comma
  return createReadStream(file.path, { start, end });
}
