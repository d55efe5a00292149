/** The server:* CLI commands, and migration 0002 (field_versions) applied to a database with data in it. */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverMigrate, serverPassword, serverUser } from '../../cli/commands/server';
import { migratePostgres } from '../../db/pg/migrate';
import { MIGRATIONS } from '../../db/pg/migrations.bundle';
import { splitStatements } from '../../db/split-statements';
import { hashToken, verifyPassword } from '../../server/passwords';
import { fx, pgInsert } from '../schema/helpers';
import { createTestDatabase, type TestDatabase } from '../support/pg';

let db: TestDatabase;
let client: pg.Client;
const saved = process.env.DATABASE_URL;

async function ensureAppRole(c: pg.Client) {
  await c.query('CREATE ROLE fieldline_app NOLOGIN').catch((err: { code?: string }) => {
    if (err.code !== '42710' && err.code !== '23505') throw err;
  });
}

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await ensureAppRole(client);
});
afterEach(() => {
  process.env.DATABASE_URL = saved;
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('migration 0002_field_versions', () => {
  it('applies on top of 0001 with data in place, and keeps that data', async () => {
    await client.query(
      'CREATE TABLE schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of MIGRATIONS.slice(0, 2)) {
      for (const stmt of splitStatements(m.sql)) await client.query(stmt);
      await client.query('INSERT INTO schema_migrations (tag) VALUES ($1)', [m.tag]);
    }
    const team = fx.team();
    const user = fx.user({ team_id: team.id });
    await pgInsert(client, 'teams', team);
    await pgInsert(client, 'users', user);
    await client.query(
      `INSERT INTO applied_mutations (id, user_id, client_id, name, outcome, result, txid) VALUES ($1, $2, 'c', 'createLead', 'ok', '{}', '7')`,
      [user.id, user.id],
    );

    // 0002 and every later migration apply on top of 0001's data.
    expect(await migratePostgres(client)).toEqual(MIGRATIONS.slice(2).map((m) => m.tag));
    expect(MIGRATIONS[2]!.tag).toBe('0002_field_versions');
    expect((await client.query('SELECT id FROM users')).rows).toEqual([{ id: user.id }]);
    expect((await client.query('SELECT count(*)::int AS n FROM applied_mutations')).rows).toEqual([{ n: 1 }]);
    const pk = await client.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'field_versions'::regclass AND contype = 'p'`,
    );
    expect(pk.rows).toEqual([{ def: 'PRIMARY KEY (table_name, row_id, field)' }]);
  });
});

/** The password the command would have read from its prompt or standard input. */
const pw = (value: string) => async () => value;

describe('server:migrate, server:user, server:password', () => {
  it('say plainly when DATABASE_URL is not set', async () => {
    delete process.env.DATABASE_URL;
    await expect(serverMigrate([])).rejects.toThrow(/DATABASE_URL is not set/);
    await expect(
      serverUser(['--email', 'a@b.test', '--role', 'agent', '--team', 'T'], pw('longenough')),
    ).rejects.toThrow(/DATABASE_URL is not set/);
  });

  it('server:migrate is a no-op on an up-to-date database', async () => {
    process.env.DATABASE_URL = db.url;
    expect(await serverMigrate([])).toEqual({ applied: [] });
  });

  it('server:user creates the team and the user with a scrypt hash, then updates them', async () => {
    process.env.DATABASE_URL = db.url;
    const created = await serverUser(
      ['--email', 'Lee@Agency.test', '--role', 'staff', '--team', 'West', '--name', 'Lee Park'],
      pw('first-password'),
    );
    expect(created).toMatchObject({
      created: true,
      team_created: true,
      user: { email: 'Lee@Agency.test', full_name: 'Lee Park', role: 'staff' },
    });
    const [cred] = (
      await client.query('SELECT password_hash FROM user_credentials WHERE user_id = $1', [created.user.id])
    ).rows as Array<{ password_hash: string }>;
    expect(await verifyPassword('first-password', cred!.password_hash)).toBe(true);

    await client.query('UPDATE users SET is_active = false WHERE id = $1', [created.user.id]);
    const updated = await serverUser(
      ['--email', 'lee@agency.test', '--role', 'manager', '--team', 'west'],
      pw('second-password'),
    );
    expect(updated).toMatchObject({
      created: false,
      team_created: false,
      user: { id: created.user.id, role: 'manager', full_name: 'Lee Park', team_id: created.user.team_id },
    });
    expect((await client.query('SELECT is_active FROM users WHERE id = $1', [created.user.id])).rows).toEqual([
      { is_active: true },
    ]);
    expect((await client.query(`SELECT count(*)::int AS n FROM teams WHERE lower(name) = 'west'`)).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('server:user refuses bad options with a clear message', async () => {
    process.env.DATABASE_URL = db.url;
    await expect(serverUser(['--email', 'x@y.test', '--role', 'agent', '--team', 'T'], pw('short'))).rejects.toThrow(
      /too short/,
    );
    await expect(
      serverUser(['--email', 'x@y.test', '--role', 'boss', '--team', 'T'], pw('longenough')),
    ).rejects.toThrow(/role: --role must be one of agent, staff, manager, admin/);
    await expect(serverUser(['--email', 'x@y.test', '--role', 'agent'], pw('longenough'))).rejects.toThrow(
      /--team T is required/,
    );
    await expect(serverUser(['--email', 'nope', '--role', 'agent', '--team', 'T'], pw('longenough'))).rejects.toThrow(
      /email: is not a valid email/,
    );
  });

  it('server:password sets a new password and ends the sessions', async () => {
    process.env.DATABASE_URL = db.url;
    const { user } = await serverUser(
      ['--email', 'kim@agency.test', '--role', 'agent', '--team', 'West'],
      pw('old-password-2024'),
    );
    await client.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [hashToken('t'), user.id],
    );
    expect(await serverPassword(['--email', 'KIM@agency.test'], pw('new-password-2025'))).toEqual({
      user_id: user.id,
      email: 'kim@agency.test',
      sessions_ended: 1,
    });
    const [cred] = (await client.query('SELECT password_hash FROM user_credentials WHERE user_id = $1', [user.id]))
      .rows as Array<{ password_hash: string }>;
    expect(await verifyPassword('new-password-2025', cred!.password_hash)).toBe(true);
    expect(await verifyPassword('old-password-2024', cred!.password_hash)).toBe(false);
    await expect(serverPassword(['--email', 'ghost@agency.test'], pw('whatever-password-1'))).rejects.toThrow(
      /no user has the email/,
    );
  });
});
