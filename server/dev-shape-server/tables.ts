/**
 * Table metadata for shapes: columns with their Postgres type names (for the
 * `electric-schema` header and the where-clause evaluator), the primary key,
 * and REPLICA IDENTITY FULL so updates and deletes carry whole old rows.
 */
import type pg from 'pg';
import type { Row, TableName } from './decoding';

export interface ColumnMeta {
  name: string;
  /** `pg_type.typname` of the column, or of the element type for arrays (e.g. `int4`, `timestamptz`). */
  type: string;
  /** Array dimensions; 0 for scalars. */
  dims: number;
  notNull: boolean;
  typmod: number;
  /** `pg_type.typtype` (`b` base, `e` enum, `d` domain, …). */
  typtype: string;
}

export interface TableMeta extends TableName {
  columns: ColumnMeta[];
  byName: Map<string, ColumnMeta>;
  /** Primary-key column names in key order. */
  pk: string[];
  replicaIdentityFull: boolean;
}

export type SchemaHeader = Record<string, Record<string, string | number | boolean>>;

/** `leads`, `public.leads`, `"Odd Name"`: unquoted parts fold to lower case as in SQL. */
export function parseTableParam(text: string): TableName | null {
  const part = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))`;
  const match = new RegExp(`^${part}(?:\\.${part})?$`).exec(text.trim());
  if (!match) return null;
  const read = (quoted: string | undefined, bare: string | undefined) =>
    quoted !== undefined ? quoted.replaceAll('""', '"') : bare!.toLowerCase();
  const first = read(match[1], match[2]);
  if (match[3] === undefined && match[4] === undefined) return { schema: 'public', name: first };
  return { schema: first, name: read(match[3], match[4]) };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified(table: TableName): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export function tableKey(table: TableName): string {
  return `${table.schema}.${table.name}`;
}

export async function loadTableMeta(db: Pick<pg.Pool, 'query'>, table: TableName): Promise<TableMeta | null> {
  const { rows } = await db.query<{
    name: string;
    type: string;
    elem: string | null;
    ndims: number;
    not_null: boolean;
    typmod: number;
    typtype: string;
    replident: string;
  }>(
    `SELECT a.attname AS name, t.typname AS type, et.typname AS elem, a.attndims AS ndims,
            a.attnotnull AS not_null, a.atttypmod AS typmod, t.typtype::text AS typtype,
            c.relreplident::text AS replident
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'r'
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table.schema, table.name],
  );
  if (rows.length === 0) return null;
  const pk = await db.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = to_regclass($1) AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [qualified(table)],
  );
  const columns: ColumnMeta[] = rows.map((r) => ({
    name: r.name,
    type: r.elem ?? r.type,
    dims: r.elem ? Math.max(1, r.ndims) : 0,
    notNull: r.not_null,
    typmod: r.typmod,
    typtype: r.typtype,
  }));
  return {
    ...table,
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    pk: pk.rows.map((r) => r.name),
    replicaIdentityFull: rows[0]!.replident === 'f',
  };
}

/** Electric sets REPLICA IDENTITY FULL on the tables it serves; so do we, once. */
export async function ensureReplicaIdentityFull(db: Pick<pg.Pool, 'query'>, meta: TableMeta): Promise<void> {
  if (meta.replicaIdentityFull) return;
  await db.query(`ALTER TABLE ${qualified(meta)} REPLICA IDENTITY FULL`);
  meta.replicaIdentityFull = true;
}

/** The `electric-schema` header value, with the modifiers Electric adds (Electric.Schema). */
export function schemaHeader(meta: TableMeta, columns: readonly string[]): SchemaHeader {
  const out: SchemaHeader = {};
  for (const name of columns) {
    const col = meta.byName.get(name)!;
    const info: Record<string, string | number | boolean> = { type: col.type };
    if (col.dims > 0) info.dims = col.dims;
    if (col.notNull) info.not_null = true;
    const { type, typmod } = col;
    if (type === 'varchar' && typmod > 0) info.max_length = typmod - 4;
    else if (type === 'bpchar' && typmod > 0) info.length = typmod - 4;
    else if ((type === 'bit' || type === 'varbit') && typmod > 0) info.length = typmod;
    else if (['time', 'timetz', 'timestamp', 'timestamptz'].includes(type) && typmod > 0) info.precision = typmod;
    else if (type === 'numeric' && typmod > -1) {
      info.precision = ((typmod - 4) >> 16) & 0xffff;
      info.scale = (typmod - 4) & 0xffff;
    }
    out[name] = info;
  }
  return out;
}

/** Electric's row key: `"schema"."table"/"pk1"/"pk2"`, `/` doubled inside values, `_` for NULL. */
export function rowKey(meta: TableMeta, row: Row): string {
  const rel = (s: string) => s.replaceAll('/', '//').replaceAll('.', '..');
  let key = `"${rel(meta.schema)}"."${rel(meta.name)}"`;
  for (const col of meta.pk) {
    const v = row[col];
    key += v == null ? '/_' : `/"${v.replaceAll('/', '//')}"`;
  }
  return key;
}
