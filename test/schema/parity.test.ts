/**
 * The replica and the server must describe the same data model: both real databases are
 * introspected and compared table by table (and against the catalogue they are derived from).
 * Also checks the committed migration bundles are what db/bundle-migrations.ts makes now.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSource } from '../../db/bundle-migrations';
import { tableSpec } from '../../shared/model/catalogue';
import { dialectIndexes, type TableSpec } from '../../shared/model/table';
import {
  catalogueCheckNames,
  catalogueUniques,
  COMPATIBLE,
  migratedPostgres,
  PG_GIN_INDEXES,
  PG_TYPE,
  SQLITE_TYPE,
  sqliteOnlyCheckNames,
  TABLE_NAMES,
  TABLES,
  tempReplica,
  VIEW_NAMES,
  type MigratedPg,
  type Replica,
} from './helpers';
import { pgColumnNames, pgTableInfo, sqliteColumnNames, sqliteTableInfo, type TableInfo } from './introspect';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = tempReplica();
let replica: Replica;
let server: MigratedPg;
const lite = {} as Record<string, TableInfo>;
const pgi = {} as Record<string, TableInfo>;

beforeAll(async () => {
  replica = tmp.open();
  server = await migratedPostgres();
  for (const t of TABLE_NAMES) {
    lite[t] = sqliteTableInfo(replica, t);
    pgi[t] = await pgTableInfo(server.client, t);
  }
});

afterAll(async () => {
  replica?.close();
  tmp.cleanup();
  await server?.close();
});

describe.each(TABLE_NAMES)('%s', (table) => {
  const spec: TableSpec = TABLES[table];

  it('has the catalogue columns in the same order in both dialects', () => {
    const expected = Object.keys(spec.columns);
    expect(lite[table]!.columns.map((c) => c.name)).toEqual(expected);
    expect(pgi[table]!.columns.map((c) => c.name)).toEqual(expected);
  });

  it('has compatible types', () => {
    const pgCols = pgi[table]!.columns;
    lite[table]!.columns.forEach((c, i) => {
      const kind = spec.columns[c.name]!.kind;
      expect(c.type, `${table}.${c.name} (sqlite)`).toBe(SQLITE_TYPE[kind]);
      expect(pgCols[i]!.type, `${table}.${c.name} (pg)`).toBe(PG_TYPE[kind]);
      expect(COMPATIBLE[pgCols[i]!.type], `${table}.${c.name}`).toBe(c.type);
    });
  });

  it('has the same NOT NULL columns and primary key', () => {
    const notNull = (info: TableInfo) => info.columns.filter((c) => c.notNull).map((c) => c.name);
    const expected = Object.entries(spec.columns)
      .filter(([, c]) => c.notNull)
      .map(([name]) => name);
    expect(notNull(lite[table]!)).toEqual(expected);
    expect(notNull(pgi[table]!)).toEqual(expected);
    expect(lite[table]!.primaryKey).toEqual(['id']);
    expect(pgi[table]!.primaryKey).toEqual(['id']);
  });

  it('has the same column defaults', () => {
    // Printed forms differ ('US' / 'US'::text, 0 / false, strftime(...) / now()); the values must not.
    const value = (raw: string | null): unknown => {
      if (raw === null) return null;
      if (raw === 'now()' || raw.startsWith("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")) return 'now';
      const quoted = /^'(.*)'(::[\w ]+)?$/.exec(raw);
      if (quoted) return quoted[1];
      return raw === 'true' || raw === 'false' ? raw === 'true' : Number(raw);
    };
    const expected = Object.values(spec.columns).map((c) => {
      const d = c.defaultValue;
      if (d === undefined) return null;
      if (typeof d === 'object') return 'sql' in d ? 'now' : JSON.stringify(d.json);
      return d;
    });
    const bools = Object.values(spec.columns).map((c) => c.kind === 'bool');
    expect(pgi[table]!.columns.map((c) => value(c.default))).toEqual(expected);
    expect(
      lite[table]!.columns.map((c, i) => (bools[i] && c.default !== null ? value(c.default) === 1 : value(c.default))),
    ).toEqual(expected);
  });

  it('has the same foreign keys', () => {
    const expected = Object.entries(spec.columns)
      .filter(([, c]) => c.references)
      .map(([name, c]) => ({ column: name, table: c.references!.table, to: 'id', onDelete: c.references!.onDelete }))
      .sort((a, b) => a.column.localeCompare(b.column));
    expect(lite[table]!.foreignKeys).toEqual(expected);
    expect(pgi[table]!.foreignKeys).toEqual(expected);
  });

  it('has the same CHECK constraints (plus SQLite-only _bool and _json checks)', () => {
    const shared = catalogueCheckNames(table);
    const sqliteOnly = sqliteOnlyCheckNames(table);
    expect(pgi[table]!.checks).toEqual(shared);
    expect(lite[table]!.checks).toEqual([...shared, ...sqliteOnly].sort());
    // The extras are exactly one per boolean and JSON column, and only in SQLite.
    for (const name of sqliteOnly) expect(name).toMatch(/_(bool|json)$/);
    expect(pgi[table]!.checks.filter((n) => sqliteOnly.includes(n))).toEqual([]);
  });

  it('has the named indexes each dialect builds (plus the Postgres-only GIN indexes)', () => {
    const expected = (dialect: 'sqlite' | 'pg') =>
      dialectIndexes(spec, dialect)
        .map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique ?? false, method: 'btree' }))
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(lite[table]!.indexes).toEqual(expected('sqlite'));
    const gins = PG_GIN_INDEXES[table] ?? [];
    expect(pgi[table]!.indexes.filter((i) => i.method === 'btree')).toEqual(expected('pg'));
    // The replica's copy of an index starts with the server's key; only server-only ones are missing.
    const server = new Map(expected('pg').map((i) => [i.name, i.columns]));
    for (const i of expected('sqlite'))
      expect(i.columns.slice(0, server.get(i.name)?.length)).toEqual(server.get(i.name));
    const missing = spec.indexes.filter((i) => !expected('sqlite').some((l) => l.name === i.name));
    expect(missing.every((i) => i.only === 'server')).toBe(true);
    expect(pgi[table]!.indexes.filter((i) => i.method !== 'btree').map((i) => `${i.name}:${i.method}`)).toEqual(
      gins.map((n) => `${n}:gin`),
    );
  });

  it('has the same unique constraints', () => {
    const expected = catalogueUniques(table).sort((a, b) => a.name.localeCompare(b.name));
    expect(lite[table]!.uniques).toEqual(expected);
    expect(pgi[table]!.uniques).toEqual(expected);
  });
});

describe('the conversion views', () => {
  it.each([...VIEW_NAMES])('%s has the same columns in both dialects', async (view) => {
    const names = sqliteColumnNames(replica, view);
    expect(names.length).toBeGreaterThan(10);
    expect(await pgColumnNames(server.client, view)).toEqual(names);
  });
});

describe('the Postgres-only GIN indexes', () => {
  it('are exactly the ones listed, on jsonb columns', async () => {
    const { rows } = await server.client.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% USING gin %' ORDER BY indexname`,
    );
    const listed = Object.entries(PG_GIN_INDEXES).flatMap(([t, names]) => names.map((n) => ({ table: t, name: n })));
    expect(rows.map((r) => ({ table: r.tablename, name: r.indexname }))).toEqual(
      listed.sort((a, b) => a.name.localeCompare(b.name)),
    );
    for (const r of rows) {
      const column = /\((\w+)/.exec(r.indexdef.split('USING gin')[1]!)![1]!;
      expect(tableSpec(r.tablename)?.columns[column]?.kind, r.indexname).toBe('json');
    }
  });
});

describe('migration bundles', () => {
  it.each(['sqlite', 'pg'])(
    'db/%s/migrations.bundle.ts matches the migrations folder (run `npm run db:generate`)',
    (dialect) => {
      const committed = readFileSync(path.join(root, 'db', dialect, 'migrations.bundle.ts'), 'utf8');
      expect(committed).toBe(bundleSource(root, dialect));
    },
  );
});
