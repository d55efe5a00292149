import { tableSpec, type TableName } from '../../../shared/model/catalogue';
import type { AnyColumn } from '../../../shared/model/columns';
import { canonicalJson } from '../../../shared/model/codec';
import { normalizeTimestamp } from '../../../shared/time';
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

/** A synced message that does not fit the catalogue: never applied, half or otherwise. */
export class BadMessageError extends Error {
  constructor(
    readonly table: TableName,
    detail: string,
  ) {
    super(`malformed ${table} message: ${detail}`);
    this.name = 'BadMessageError';
  }
}

const OPERATIONS: ReadonlySet<string> = new Set(['insert', 'update', 'delete']);
const DIGITS = /^\d+$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (v: unknown) => {
  const s =
    typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * One value as SQLite stores it, from what the Electric client hands over (Postgres text forms;
 * numbers, booleans and parsed JSON for the types its default parser converts). Returns
 * undefined for a value of the wrong kind.
 */
function storedValue(c: AnyColumn, raw: unknown): string | number | null | undefined {
  switch (c.kind) {
    case 'id':
    case 'ref':
    case 'date':
      return typeof raw === 'string' ? raw : undefined;
    case 'text':
      if (typeof raw !== 'string') return undefined;
      return c.oneOf && !c.oneOf.includes(raw) ? undefined : raw;
    case 'timestamp':
      if (typeof raw !== 'string') return undefined;
      try {
        return normalizeTimestamp(raw);
      } catch {
        return undefined;
      }
    case 'int':
    case 'real':
    case 'money': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'bigint' || (typeof raw === 'string' && raw.trim() !== '')
            ? Number(raw)
            : Number.NaN;
      return Number.isNaN(n) ? undefined : n;
    }
    case 'bool':
      if (typeof raw === 'boolean') return raw ? 1 : 0;
      if (raw === 0 || raw === 1) return raw;
      if (raw === 't' || raw === 'true') return 1;
      if (raw === 'f' || raw === 'false') return 0;
      return undefined;
    case 'json':
      if (typeof raw === 'string') {
        try {
          return canonicalJson(JSON.parse(raw));
        } catch {
          return undefined;
        }
      }
      return typeof raw === 'object' || typeof raw === 'number' || typeof raw === 'boolean'
        ? canonicalJson(raw)
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Validates one Electric change message for a table and converts its values. A message that
 * does not fit (no id, an unknown operation, a value of the wrong kind, a null where the
 * catalogue forbids one) throws a BadMessageError naming the table, column and key. Checked by
 * hand rather than with a schema library: a first sync validates every one of its rows. The
 * message's `value` becomes the change's `values` (converted in place; half-converted if it throws).
 */
export function parseChange(table: TableName, message: unknown): ServerChange {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`no such synced table: ${table}`);
  if (!isRecord(message)) throw new BadMessageError(table, 'not an object');
  const { key, value, headers } = message;
  if (typeof key !== 'string' || key.length > 400) throw new BadMessageError(table, `bad key ${short(key)}`);
  if (!isRecord(value)) throw new BadMessageError(table, `no value in ${key}`);
  if (!isRecord(headers)) throw new BadMessageError(table, `no headers in ${key}`);
  const op = headers.operation;
  if (typeof op !== 'string' || !OPERATIONS.has(op))
    throw new BadMessageError(table, `unknown operation ${short(op)} in ${key}`);
  const { txids, lsn } = headers;
  if (
    txids !== undefined &&
    !(
      Array.isArray(txids) &&
      txids.every((t) => typeof t === 'string' || typeof t === 'number' || typeof t === 'bigint')
    )
  ) {
    throw new BadMessageError(table, `bad txids ${short(txids)} in ${key}`);
  }
  if (
    lsn !== undefined &&
    !(
      typeof lsn === 'bigint' ||
      (typeof lsn === 'number' && Number.isSafeInteger(lsn) && lsn >= 0) ||
      (typeof lsn === 'string' && DIGITS.test(lsn))
    )
  ) {
    throw new BadMessageError(table, `bad lsn ${short(lsn)} in ${key}`);
  }
  const id = value.id;
  if (typeof id !== 'string' || id.length === 0) throw new BadMessageError(table, `change without an id: ${key}`);

  // Converted in place, not copied: a first sync parses every row of the scope, and a copy of
  // each would be garbage as large as the response it came in.
  const values = value as RawRow;
  for (const col in value) {
    const c = spec.columns[col];
    if (!c) {
      delete value[col]; // a column this app version does not know yet: ignored, not fatal
      continue;
    }
    const raw = value[col];
    if (raw === null || raw === undefined) {
      if (c.notNull && op !== 'delete') throw new BadMessageError(table, `${table}.${col} is null in ${key}`);
      values[col] = null;
      continue;
    }
    const stored = storedValue(c, raw);
    if (stored === undefined)
      throw new BadMessageError(
        table,
        `${table}.${col} is not a valid ${c.oneOf ? `one of ${c.oneOf.join('|')}` : c.kind}: ${short(raw)} in ${key}`,
      );
    values[col] = stored;
  }
  return {
    table,
    op: op as ServerChange['op'],
    id,
    values,
    txids: txids === undefined ? [] : txids.map(String),
    lsn: lsn === undefined ? 0n : BigInt(lsn as string | number | bigint),
  };
}
