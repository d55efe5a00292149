/**
 * One interface over both stores the named mutations run on, so a test can be written once and
 * run against the replica's SQLite and the gateway's Postgres:
 *
 *   const store = await createStore('postgres');
 *   const people = await seedPeople(store);
 *   await store.run('createLead', { ... }, people.agent);
 *
 * `run` executes one mutation in ONE transaction (SQLite: BEGIN IMMEDIATE on a temp-file replica;
 * Postgres: BEGIN on a pooled client of a fresh, migrated test database) and commits it, or rolls
 * it back and rethrows the mutation's error unchanged. On Postgres the mutation runs as the
 * row-level-security role (`fieldline_app`, app.user_id = the actor), so RLS is exercised too.
 *
 * `get`/`find`/`sql`/`insert`/dumps look at the database directly (as its owner, outside RLS):
 * they are the test's view of what was stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import { PgTx } from '../../db/pg/tx';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { SqliteTx } from '../../db/sqlite/tx';
import { TABLE_NAMES, type Row, type TableName } from '../../shared/model/catalogue';
import { newRow } from '../../shared/model/new-row';
import type { Actor } from '../../shared/mutations/define';
import { executeMutation } from '../../shared/mutations/execute';
import type { MutationName, MutationResult } from '../../shared/mutations/registry';
import type { Tx, Where } from '../../shared/mutations/tx';
import { createTestDatabase } from './pg';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export interface RunOptions {
  /** Wraps the store's Tx, e.g. in a proxy that fails on the Nth write. */
  wrapTx?: (tx: Tx) => Tx;
  /** Postgres only: run as the table owner instead of the RLS role (default true). */
  rls?: boolean;
}

export interface Store {
  readonly kind: StoreKind;
  /** Names of the mutations that committed at least once on this store. */
  readonly succeeded: Set<MutationName>;
  /** Runs a named mutation in one transaction. `now` defaults to the store's clock (+1 s a call). */
  run<N extends MutationName>(
    name: N,
    input: unknown,
    actor: Actor,
    now?: string,
    options?: RunOptions,
  ): Promise<MutationResult<N>>;
  get<T extends TableName>(table: T, id: string): Promise<Row<T> | undefined>;
  find<T extends TableName>(table: T, where?: Where<T>): Promise<Row<T>[]>;
  /** A fixture row written directly (no mutation, no RLS). */
  insert<T extends TableName>(table: T, row: Row<T>): Promise<void>;
  /** Raw SQL with `?` placeholders on both stores (turned into $1, $2… on Postgres). */
  sql<R = Record<string, unknown>>(query: string, params?: unknown[]): Promise<R[]>;
  /** Row counts of every catalogue table (and the replica's outbox on SQLite). */
  counts(): Promise<Record<string, number>>;
  /** Every catalogue table's rows, decoded (the app's view of values), ordered by id. */
  dumpModel(): Promise<Record<string, unknown[]>>;
  /** Every physical table of the database (derived, search and bookkeeping tables too), raw. */
  dumpAll(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

const CLOCK_START = Date.parse('2025-03-01T09:00:00.000Z');

function sortRows(rows: unknown[]): unknown[] {
  return rows
    .map((r) => [JSON.stringify(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r);
}

abstract class BaseStore implements Store {
  abstract readonly kind: StoreKind;
  readonly succeeded = new Set<MutationName>();
  private tick = 0;

  protected abstract transaction<R>(actor: Actor, options: RunOptions, fn: (tx: Tx) => Promise<R>): Promise<R>;
  protected abstract reader(): Tx;
  abstract sql<R = Record<string, unknown>>(query: string, params?: unknown[]): Promise<R[]>;
  abstract dumpAll(): Promise<Record<string, unknown[]>>;
  abstract close(): Promise<void>;

  async run<N extends MutationName>(name: N, input: unknown, actor: Actor, now?: string, options: RunOptions = {}) {
    const at = now ?? new Date(CLOCK_START + 1000 * this.tick++).toISOString();
    const side = this.kind === 'sqlite' ? 'replica' : 'server';
    const result = await this.transaction(actor, options, async (raw) => {
      const tx = options.wrapTx ? options.wrapTx(raw) : raw;
      return (await executeMutation(tx, name, input, { actor, now: at, side })).result;
    });
    this.succeeded.add(name);
    return result as MutationResult<N>;
  }

  get<T extends TableName>(table: T, id: string) {
    return this.reader().get(table, id);
  }

  find<T extends TableName>(table: T, where: Where<T> = {}) {
    return this.reader().find(table, where);
  }

  insert<T extends TableName>(table: T, row: Row<T>) {
    return this.reader().insert(table, row);
  }

  async counts() {
    const out: Record<string, number> = {};
    for (const t of this.countedTables()) {
      const [row] = await this.sql<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`);
      out[t] = Number(row!.n);
    }
    return out;
  }

  protected countedTables(): string[] {
    return [...TABLE_NAMES];
  }

  async dumpModel() {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLE_NAMES) out[t] = await this.find(t);
    return out;
  }
}

class SqliteStore extends BaseStore {
  readonly kind = 'sqlite' as const;
  constructor(
    readonly db: ReplicaDb,
    private readonly dir: string,
  ) {
    super();
  }

  protected reader(): Tx {
    return new SqliteTx(this.db);
  }

  protected override countedTables() {
    return [...TABLE_NAMES, 'outbox'];
  }

  protected async transaction<R>(_actor: Actor, _options: RunOptions, fn: (tx: Tx) => Promise<R>): Promise<R> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(new SqliteTx(this.db));
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  async sql<R = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<R[]> {
    const stmt = this.db.prepare(query);
    if (stmt.reader) return stmt.all(...params) as R[];
    stmt.run(...params);
    return [];
  }

  async dumpAll() {
    const tables = this.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
      )
      .all() as Array<{ name: string }>;
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) out[name] = sortRows(this.db.prepare(`SELECT * FROM "${name}"`).all());
    return out;
  }

  async close() {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

class PgStore extends BaseStore {
  readonly kind = 'postgres' as const;
  constructor(
    readonly pool: pg.Pool,
    private readonly drop: () => Promise<void>,
  ) {
    super();
  }

  protected reader(): Tx {
    // PgTx only calls query(); the pool hands each statement to an idle client, outside RLS.
    return new PgTx(this.pool as unknown as pg.PoolClient);
  }

  protected async transaction<R>(actor: Actor, options: RunOptions, fn: (tx: Tx) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (options.rls !== false) {
        await client.query('SET LOCAL ROLE fieldline_app');
        await client.query(`SELECT set_config('app.user_id', $1, true)`, [actor.userId]);
      }
      const result = await fn(new PgTx(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async sql<R = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<R[]> {
    let n = 0;
    const text = query.replace(/\?/g, () => `$${++n}`);
    return (await this.pool.query(text, params)).rows as R[];
  }

  async dumpAll() {
    const { rows } = await this.pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const out: Record<string, unknown[]> = {};
    for (const { t } of rows) out[t] = sortRows((await this.pool.query(`SELECT * FROM "${t}"`)).rows);
    return out;
  }

  async close() {
    await this.pool.end();
    await this.drop();
  }
}

/** The replica database under a SQLite store, e.g. to drive it with the app's ReplicaWriter. */
export function replicaOf(store: Store): ReplicaDb {
  if (!(store instanceof SqliteStore)) throw new Error('replicaOf: not a SQLite store');
  return store.db;
}

/**
 * The RLS role is cluster-wide; test databases migrate in parallel and the migration's
 * "create if missing" can race. Creating it up front (tolerating a concurrent creator) avoids that.
 */
let roleReady: Promise<void> | undefined;
function ensureAppRole(baseUrl: string) {
  roleReady ??= (async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fieldline_app') THEN CREATE ROLE fieldline_app NOLOGIN; END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    } finally {
      await client.end();
    }
  })();
  return roleReady;
}

export async function createStore(kind: StoreKind): Promise<Store> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-store-'));
    return new SqliteStore(openReplica(join(dir, 'replica.db')), dir);
  }
  const baseUrl = inject('databaseUrl');
  await ensureAppRole(baseUrl);
  const db = await createTestDatabase(baseUrl);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    await db.drop();
    throw err;
  }
  return new PgStore(pool, db.drop);
}

/** Fixed ids, so scripted runs on both stores produce identical rows. */
export const TEAM_IDS = {
  north: '0190aaaa-0000-7000-8000-00000000a001',
  south: '0190aaaa-0000-7000-8000-00000000a002',
} as const;
export const USER_IDS = {
  admin: '0190aaaa-0000-7000-8000-00000000b001',
  manager: '0190aaaa-0000-7000-8000-00000000b002',
  agent: '0190aaaa-0000-7000-8000-00000000b003',
  otherAgent: '0190aaaa-0000-7000-8000-00000000b004',
  staff: '0190aaaa-0000-7000-8000-00000000b005',
} as const;

export type People = Record<keyof typeof USER_IDS, Actor>;

const SEEDED_AT = '2025-02-01T08:00:00.000Z';

/**
 * Two teams and five active users, written directly: an admin (no team), a manager and an agent
 * on "north", another agent and a staff member on "south". Active, undeleted users are readable
 * under RLS by every signed-in user, which the mutations need (owner lookups, assignees).
 */
export async function seedPeople(store: Store): Promise<People> {
  const { north, south } = TEAM_IDS;
  await store.insert(
    'teams',
    newRow('teams', { id: north, name: 'North', created_at: SEEDED_AT, updated_at: SEEDED_AT }, SEEDED_AT),
  );
  await store.insert(
    'teams',
    newRow('teams', { id: south, name: 'South', created_at: SEEDED_AT, updated_at: SEEDED_AT }, SEEDED_AT),
  );
  const people: Array<[keyof typeof USER_IDS, Actor['role'], string | null, string]> = [
    ['admin', 'admin', null, 'Ada Admin'],
    ['manager', 'manager', north, 'Max Manager'],
    ['agent', 'agent', north, 'Alex Agent'],
    ['otherAgent', 'agent', south, 'Olive Agent'],
    ['staff', 'staff', south, 'Sam Staff'],
  ];
  const out = {} as People;
  for (const [key, role, teamId, fullName] of people) {
    const id = USER_IDS[key];
    await store.insert(
      'users',
      newRow(
        'users',
        {
          id,
          email: `${key.toLowerCase()}@fieldline.test`,
          full_name: fullName,
          role,
          team_id: teamId,
          is_active: true,
          created_at: SEEDED_AT,
          updated_at: SEEDED_AT,
        },
        SEEDED_AT,
      ),
    );
    out[key] = { userId: id, teamId, role };
  }
  return out;
}

/** A Tx proxy that throws on its Nth write (insert or update), counting every write it sees. */
export function failOnWrite(n: number) {
  const state = { writes: 0, failed: false };
  const wrap = (tx: Tx): Tx =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if ((prop === 'insert' || prop === 'update') && typeof value === 'function') {
          return (...args: unknown[]) => {
            state.writes++;
            if (state.writes === n) {
              state.failed = true;
              return Promise.reject(new Error(`injected failure on write ${n}`));
            }
            return value.apply(target, args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return { wrap, state };
}
