/**
 * Shared helpers for the schema tests: what the catalogue promises (tables, indexes, checks),
 * real databases to check it against (a replica file in a temp dir, an isolated Postgres
 * database) and raw-SQL row builders. Introspection lives in introspect.ts.
 */
import type { ReplicaDb } from '../../db/sqlite/open';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import { openReplica } from '../../db/sqlite/open';
import { uuidv7 } from '../../shared/ids';
import { insuranceTypeByCode, NEW_STATUS_ID } from '../../shared/lookups';
import { TABLE_NAMES, TABLES, VIEW_NAMES, type TableName } from '../../shared/model/catalogue';
import { dialectIndexes } from '../../shared/model/table';
import type { ColumnKind } from '../../shared/model/columns';
import { createTestDatabase, type TestDatabase } from '../support/pg';

export type Replica = Database.Database;
export { TABLE_NAMES, TABLES, VIEW_NAMES };

// ---------------------------------------------------------------- what the catalogue promises

export const CONVERSION_INDEXES = [
  'idx_leads_converted_to_client_id',
  'idx_leads_is_converted',
  'idx_leads_conversion_date',
];

/** Every named index a dialect builds from the catalogue, with its table (see dialectIndexes). */
export const catalogueIndexes = (dialect: 'sqlite' | 'pg') =>
  TABLE_NAMES.flatMap((table) =>
    dialectIndexes(TABLES[table], dialect).map((i) => ({
      table,
      name: i.name,
      columns: [...i.columns],
      unique: i.unique ?? false,
    })),
  );

export const catalogueCheckNames = (table: TableName) => TABLES[table].checks.map((c) => c.name).sort();

/** The checks only SQLite has: booleans are 0/1, JSON text is valid JSON (Postgres types do this). */
export const sqliteOnlyCheckNames = (table: TableName) =>
  Object.entries(TABLES[table].columns)
    .flatMap(([name, c]) =>
      c.kind === 'bool' ? [`${table}_${name}_bool`] : c.kind === 'json' ? [`${table}_${name}_json`] : [],
    )
    .sort();

/** `<table>_<column>_unique`: the columns the catalogue marks unique(). */
export const catalogueUniques = (table: TableName) =>
  Object.entries(TABLES[table].columns)
    .filter(([, c]) => c.isUnique)
    .map(([name]) => ({ name: `${table}_${name}_unique`, columns: [name] }));

/** The JSONB GIN indexes of db/pg/migrations/0001, which only Postgres has. */
export const PG_GIN_INDEXES: Record<string, string[]> = {
  leads: [
    'idx_leads_auto_data_gin',
    'idx_leads_commercial_data_gin',
    'idx_leads_custom_fields_gin',
    'idx_leads_home_data_gin',
    'idx_leads_specialty_data_gin',
    'idx_leads_tags_gin',
  ],
  clients: ['idx_clients_custom_fields_gin', 'idx_clients_tags_gin'],
  lead_communications: ['idx_lead_communications_ai_entities_gin'],
};

export const PG_TYPE: Record<ColumnKind, string> = {
  id: 'uuid',
  ref: 'uuid',
  text: 'text',
  int: 'integer',
  real: 'double precision',
  money: 'numeric',
  bool: 'boolean',
  timestamp: 'timestamp with time zone',
  date: 'date',
  json: 'jsonb',
};

export const SQLITE_TYPE: Record<ColumnKind, string> = {
  id: 'text',
  ref: 'text',
  text: 'text',
  int: 'integer',
  real: 'real',
  money: 'real',
  bool: 'integer',
  timestamp: 'text',
  date: 'text',
  json: 'text',
};

/** Postgres type → the SQLite type that stores the same values. */
export const COMPATIBLE: Record<string, string> = {
  uuid: 'text',
  'timestamp with time zone': 'text',
  date: 'text',
  jsonb: 'text',
  boolean: 'integer',
  numeric: 'real',
  'double precision': 'real',
  integer: 'integer',
  text: 'text',
};

// ---------------------------------------------------------------- real databases

export function tempReplica(): { dir: string; file: string; open: () => ReplicaDb; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-schema-'));
  const file = path.join(dir, 'replica.db');
  return { dir, file, open: () => openReplica(file), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Migrations in other databases of the same cluster may run at the same moment (test files run
 * in parallel), and the 0001 DO block's check-then-CREATE ROLE is not atomic across databases.
 * Creating the cluster-wide role up front keeps those races out of these tests.
 */
async function ensureAppRole(client: pg.Client) {
  try {
    await client.query('CREATE ROLE fieldline_app NOLOGIN');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw err;
  }
}

export interface MigratedPg {
  db: TestDatabase;
  client: pg.Client;
  applied: string[];
  close(): Promise<void>;
}

/** A fresh database on the test server, migrated (and lookups seeded) by migratePostgres. */
export async function migratedPostgres(baseUrl: string = inject('databaseUrl')): Promise<MigratedPg> {
  const db = await createTestDatabase(baseUrl);
  const client = await connect(db.url);
  await ensureAppRole(client);
  const applied = await migratePostgres(client);
  return {
    db,
    client,
    applied,
    close: async () => {
      await client.end();
      await db.drop();
    },
  };
}

// ---------------------------------------------------------------- rows

type RowValues = Record<string, unknown>;

const toSqlite = (v: unknown) =>
  typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
const toPg = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

export function sqliteInsert(db: Replica, table: string, row: RowValues) {
  const keys = Object.keys(row);
  const sql = `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  return db.prepare(sql).run(...keys.map((k) => toSqlite(row[k])));
}

export function pgInsert(client: Pick<pg.Client, 'query'>, table: string, row: RowValues) {
  const keys = Object.keys(row);
  const sql = `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`;
  return client.query(
    sql,
    keys.map((k) => toPg(row[k])),
  );
}

export const AUTO_TYPE_ID = insuranceTypeByCode('auto').id;

/** Minimal valid rows for raw inserts; `over` adds or replaces columns. */
export const fx = {
  team: (over: RowValues = {}) => ({ id: uuidv7(), name: 'Team', ...over }),
  user: (over: RowValues = {}) => {
    const id = uuidv7();
    return { id, email: `${id}@example.test`, full_name: 'Test User', role: 'agent', ...over };
  },
  client: (ownerId: string, over: RowValues = {}) => ({
    id: uuidv7(),
    owner_id: ownerId,
    client_type: 'individual',
    first_name: 'Jane',
    last_name: 'Smith',
    ...over,
  }),
  lead: (ownerId: string, over: RowValues = {}) => ({
    id: uuidv7(),
    owner_id: ownerId,
    status_id: NEW_STATUS_ID,
    insurance_type_id: AUTO_TYPE_ID,
    first_name: 'John',
    last_name: 'Doe',
    ...over,
  }),
  contact: (ownerId: string, over: RowValues = {}) => ({
    id: uuidv7(),
    owner_id: ownerId,
    first_name: 'Pat',
    last_name: 'Lee',
    ...over,
  }),
};

/** A lead created 2025-01-01 and converted ten days later into `clientId`. */
export const convertedLead = (ownerId: string, clientId: string, over: RowValues = {}) =>
  fx.lead(ownerId, {
    created_at: '2025-01-01T00:00:00.000Z',
    is_converted: true,
    converted_to_client_id: clientId,
    conversion_date: '2025-01-11T00:00:00.000Z',
    ...over,
  });
