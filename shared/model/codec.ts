import { normalizeTimestamp } from '../time';
import { tableSpec, type Row, type TableName } from './catalogue';
import type { AnyColumn } from './columns';

/**
 * Values as the app sees them, whatever the store: booleans, numbers, parsed JSON, ISO
 * timestamps. SQLite stores booleans as 0/1 and JSON as text; Postgres (and Electric, which
 * sends Postgres's text forms) prints numeric as text and timestamps in its own format.
 */
export function decodeValue(spec: AnyColumn, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (spec.kind) {
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 't' || raw === 'true') return true;
      if (raw === 'f' || raw === 'false') return false;
      return Number(raw) !== 0;
    case 'int':
    case 'real':
    case 'money':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'json':
      return typeof raw === 'string' ? JSON.parse(raw) : raw;
    case 'timestamp':
      return normalizeTimestamp(String(raw));
    default:
      return String(raw);
  }
}

/**
 * JSON with object keys sorted, at every depth. Postgres's jsonb reorders keys, so the replica
 * stores every document in this one canonical form: a row written locally and the same row
 * echoed back by the server are then byte-identical.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys);
}

/**
 * The replacer: an object whose keys are out of order is copied with its keys sorted; one already
 * in order is kept as it is (most documents are: a copy per object was a bulk load's main JSON
 * cost). Both serialize alike: JSON.stringify walks own enumerable keys in Object.keys order, and
 * an object with integer-like keys out of string order (V8 lists those first) is still copied.
 */
function sortedKeys(_key: string, v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!)
      return Object.fromEntries(keys.sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
  return v;
}

/** A value as SQLite stores it. */
export function encodeSqliteValue(spec: AnyColumn, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  switch (spec.kind) {
    case 'bool':
      return value ? 1 : 0;
    case 'json':
      return canonicalJson(value);
    case 'int':
    case 'real':
    case 'money':
      return Number(value);
    default:
      return String(value);
  }
}

/** A value as node-postgres should send it (JSON as text so arrays are not sent as PG arrays). */
export function encodePgValue(spec: AnyColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return spec.kind === 'json' ? JSON.stringify(value) : value;
}

export function columnSpec(table: TableName, column: string): AnyColumn {
  const spec = tableSpec(table)?.columns[column];
  if (!spec) throw new Error(`unknown column ${table}.${column}`);
  return spec;
}

export function decodeRow<T extends TableName>(table: T, raw: Record<string, unknown>): Row<T> {
  const spec = tableSpec(table)!;
  const out: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(spec.columns)) out[name] = decodeValue(c, raw[name]);
  return out as Row<T>;
}
