import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/pg';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('test postgres (global setup)', () => {
  const databaseUrl = inject('databaseUrl');

  it('provides a database URL and exports it to child processes', () => {
    expect(databaseUrl).toMatch(/^postgres(ql)?:\/\//);
    expect(process.env.DATABASE_URL).toBe(databaseUrl);
  });

  it('runs with wal_level=logical (needed by Electric)', async () => {
    const [row] = await query<{ wal_level: string }>(databaseUrl, 'SHOW wal_level');
    expect(row?.wal_level).toBe('logical');
  });
});

describe('createTestDatabase', () => {
  const databaseUrl = inject('databaseUrl');
  const created: TestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });

  it('gives each caller its own isolated, droppable database', async () => {
    const a = await createTestDatabase(databaseUrl);
    const b = await createTestDatabase(databaseUrl);
    created.push(a, b);

    expect(a.url).not.toBe(b.url);
    const [nameA] = await query<{ name: string }>(a.url, 'SELECT current_database() AS name');
    const [nameB] = await query<{ name: string }>(b.url, 'SELECT current_database() AS name');
    expect(nameA?.name).toBe(a.name);
    expect(nameB?.name).toBe(b.name);

    await query(a.url, 'CREATE TABLE isolation_probe (id int PRIMARY KEY)');
    await query(a.url, 'INSERT INTO isolation_probe VALUES (1)');
    const inA = await query<{ t: string | null }>(a.url, `SELECT to_regclass('isolation_probe')::text AS t`);
    const inB = await query<{ t: string | null }>(b.url, `SELECT to_regclass('isolation_probe')::text AS t`);
    expect(inA[0]?.t).toBe('isolation_probe');
    expect(inB[0]?.t).toBeNull();

    // drop() works even with an open connection and a logical replication slot.
    const holder = new pg.Client({ connectionString: a.url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query(`SELECT pg_create_logical_replication_slot('probe_slot_' || $1::text, 'pgoutput')`, [
      String(process.pid),
    ]);
    await a.drop();
    await holder.end().catch(() => {});

    const remaining = await query<{ datname: string }>(
      databaseUrl,
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [[a.name, b.name]],
    );
    expect(remaining.map((r) => r.datname)).toEqual([b.name]);
  });
});
