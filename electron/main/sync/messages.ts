import { z } from 'zod';
import { tableSpec, type TableName } from '../../../shared/model/catalogue';
import { decodeValue, encodeSqliteValue } from '../../../shared/model/codec';
import type { RawRow } from './rows';

/** A change from a shape stream, checked and converted to SQLite's stored values. */
export interface ServerChange {
  table: TableName;
  op: 'insert' | 'update' | 'delete';
  id: string;
  /** Columns given by the server: the full row for inserts, the changed ones for updates. */
  values: RawRow;
  txids: string[];
  lsn: bigint;
}

const changeMessage = z.object({
  key: z.string().max(400),
  value: z.record(z.string(), z.unknown()),
  headers: z.looseObject({
    operation: z.enum(['insert', 'update', 'delete']),
    txids: z.array(z.union([z.string(), z.number(), z.bigint()])).optional(),
    lsn: z.union([z.string().regex(/^\d+$/), z.number(), z.bigint()]).optional(),
  }),
});

/**
 * Validates one Electric change message for a table and converts its values. A message that
 * does not fit (unknown table, no id, a value of the wrong kind) is an error: it is never
 * applied half-understood.
 */
export function parseChange(table: TableName, message: unknown): ServerChange {
  const m = changeMessage.parse(message);
  const spec = tableSpec(table)!;
  const id = m.value.id;
  if (typeof id !== 'string' || id.length === 0) throw new Error(`${table} change without an id: ${m.key}`);
  const values: RawRow = {};
  for (const [col, raw] of Object.entries(m.value)) {
    const c = spec.columns[col];
    if (!c) continue; // a column this app version does not know yet: ignored, not fatal
    const decoded = decodeValue(c, raw);
    if (c.notNull && decoded === null && m.headers.operation !== 'delete') throw new Error(`${table}.${col} is null in ${m.key}`);
    if ((c.kind === 'int' || c.kind === 'real' || c.kind === 'money') && decoded !== null && Number.isNaN(decoded)) {
      throw new Error(`${table}.${col} is not a number in ${m.key}`);
    }
    values[col] = encodeSqliteValue(c, decoded);
  }
  return {
    table,
    op: m.headers.operation,
    id,
    values,
    txids: (m.headers.txids ?? []).map(String),
    lsn: m.headers.lsn === undefined ? 0n : BigInt(m.headers.lsn),
  };
}
