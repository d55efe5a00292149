/**
 * Introspection of both dialects into one shape, so the parity test can compare a replica
 * file and a Postgres database table by table.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  /** The default expression as the database prints it, or null. */
  default: string | null;
}
export interface ForeignKeyInfo {
  column: string;
  table: string;
  to: string;
  onDelete: string;
}
export interface IndexInfo {
  name: string;
  columns: string[];
  unique: boolean;
  method: string;
}
export interface TableInfo {
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
  checks: string[];
  /** Indexes made by CREATE INDEX (not those behind a primary key or a unique constraint). */
  indexes: IndexInfo[];
  /** Unique constraints: a UNIQUE constraint in Postgres, a named unique index in SQLite. */
  uniques: Array<{ name: string; columns: string[] }>;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const byColumn = (a: ForeignKeyInfo, b: ForeignKeyInfo) => a.column.localeCompare(b.column);

export function sqliteTableInfo(db: Database.Database, table: string): TableInfo {
  const cols = db
    .prepare('SELECT name, type, "notnull", pk, dflt_value FROM pragma_table_info(?) ORDER BY cid')
    .all(table) as Array<{
    name: string;
    type: string;
    notnull: number;
    pk: number;
    dflt_value: string | null;
  }>;
  const fks = db
    .prepare('SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(?)')
    .all(table) as Array<{
    from: string;
    table: string;
    to: string;
    on_delete: string;
  }>;
  const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as {
    sql: string;
  };
  const checks = [...sql.matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK\s*\(/gi)].map((m) => m[1]!).sort();
  const list = db.prepare('SELECT name, "unique", origin FROM pragma_index_list(?)').all(table) as Array<{
    name: string;
    unique: number;
    origin: string;
  }>;
  const columnsOf = (index: string) =>
    (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as Array<{ name: string }>).map(
      (r) => r.name,
    );
  const named = list.filter((i) => i.origin === 'c');
  const isUniqueConstraint = (i: { name: string; unique: number }) => i.unique === 1 && i.name.endsWith('_unique');
  return {
    columns: cols.map((c) => ({
      name: c.name,
      type: c.type.toLowerCase(),
      notNull: c.notnull === 1,
      default: c.dflt_value,
    })),
    primaryKey: cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    foreignKeys: fks
      .map((f) => ({ column: f.from, table: f.table, to: f.to, onDelete: f.on_delete.toLowerCase() }))
      .sort(byColumn),
    checks,
    indexes: named
      .filter((i) => !isUniqueConstraint(i))
      .map((i) => ({ name: i.name, columns: columnsOf(i.name), unique: i.unique === 1, method: 'btree' }))
      .sort(byName),
    uniques: named
      .filter(isUniqueConstraint)
      .map((i) => ({ name: i.name, columns: columnsOf(i.name) }))
      .sort(byName),
  };
}

const PG_ON_DELETE: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** Column names of an int2vector/attnum array, in order. */
const attnames = (rel: string, nums: string) =>
  `ARRAY(SELECT a.attname::text FROM unnest(${nums}) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ORDER BY k.o)`;

export async function pgTableInfo(client: Pick<pg.Client, 'query'>, table: string): Promise<TableInfo> {
  const cols = await client.query<{
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const cons = await client.query<{
    conname: string;
    contype: string;
    confdeltype: string;
    ref: string | null;
    cols: string[];
    refcols: string[];
  }>(
    `SELECT c.conname, c.contype, c.confdeltype, CASE WHEN c.confrelid <> 0 THEN c.confrelid::regclass::text END AS ref,
            ${attnames('c.conrelid', 'c.conkey')} AS cols, ${attnames('c.confrelid', 'c.confkey')} AS refcols
     FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'f', 'c', 'u')`,
    [`public.${table}`],
  );
  const idx = await client.query<{ name: string; unique: boolean; method: string; cols: string[]; backed: boolean }>(
    `SELECT i.relname AS name, x.indisunique AS unique, am.amname AS method, ${attnames('x.indrelid', 'x.indkey::int2[]')} AS cols,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid) AS backed
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
     WHERE x.indrelid = $1::regclass`,
    [`public.${table}`],
  );
  const of = (type: string) => cons.rows.filter((c) => c.contype === type);
  return {
    columns: cols.rows.map((c) => ({
      name: c.column_name,
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
      default: c.column_default,
    })),
    primaryKey: of('p')[0]?.cols ?? [],
    foreignKeys: of('f')
      .map((f) => ({ column: f.cols[0]!, table: f.ref!, to: f.refcols[0]!, onDelete: PG_ON_DELETE[f.confdeltype]! }))
      .sort(byColumn),
    checks: of('c')
      .map((c) => c.conname)
      .sort(),
    indexes: idx.rows
      .filter((i) => !i.backed)
      .map((i) => ({ name: i.name, columns: i.cols, unique: i.unique, method: i.method }))
      .sort(byName),
    uniques: of('u')
      .map((u) => ({ name: u.conname, columns: u.cols }))
      .sort(byName),
  };
}

/** Names of the user tables and views of a Postgres database's public schema. */
export async function pgRelations(client: Pick<pg.Client, 'query'>) {
  const { rows } = await client.query<{ relname: string; relkind: string }>(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') ORDER BY c.relname`,
  );
  return {
    tables: rows.filter((r) => r.relkind === 'r').map((r) => r.relname),
    views: rows.filter((r) => r.relkind === 'v').map((r) => r.relname),
  };
}

/** Column names of a view (or table), in order. */
export const sqliteColumnNames = (db: Database.Database, relation: string) =>
  (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(relation) as Array<{ name: string }>).map(
    (r) => r.name,
  );

export async function pgColumnNames(client: Pick<pg.Client, 'query'>, relation: string) {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [relation],
  );
  return rows.map((r) => r.column_name);
}
