/**
 * The development shape server is safe to leave running on a shared machine: it answers only
 * with its secret, only on loopback, with no CORS, and streams only the catalogue's tables and
 * columns — never credentials or sessions, even when a request names them with the secret.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { upsertUser } from '../../server/admin';
import { startDevElectric } from '../../server/dev-shape-server/server';
import { getShape, type Harness, type RawMessage, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(inject('databaseUrl'));
  await upsertUser(h.sql, { email: 'ann@agency.test', password: 'correct horse battery', role: 'agent', team: null });
  await h.sql.query(`INSERT INTO sessions (token_hash, user_id, expires_at)
    SELECT 'hash-of-a-token', id, now() + interval '1 day' FROM users WHERE email = 'ann@agency.test'`);
  // A column Postgres has but the catalogue does not: it must not be streamed or filtered on.
  await h.sql.query(`ALTER TABLE users ADD COLUMN private_note text DEFAULT 'not for replicas'`);
});

afterAll(async () => {
  await h?.close();
});

const shapeWithoutSecret = () => `${h.electric.url}/v1/shape`;

describe('development shape server safety', () => {
  it('makes a random secret when none is given and refuses every request without it', async () => {
    expect(h.electric.secret.length).toBeGreaterThanOrEqual(32);
    const attempts: Array<Record<string, string>> = [{}, { secret: '' }, { secret: 'guess' }, { api_secret: 'guess' }];
    for (const query of attempts) {
      const res = await getShape({ shapeUrl: shapeWithoutSecret() }, { table: 'teams', offset: '-1', ...query });
      expect(res.status, JSON.stringify(query)).toBe(401);
    }
    expect((await getShape(h, { table: 'teams', offset: '-1' })).status).toBe(200);
  });

  it('sends no CORS headers and answers no preflight', async () => {
    const res = await fetch(`${h.shapeUrl}&table=teams&offset=-1`, { headers: { origin: 'http://evil.test' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(h.shapeUrl, { method: 'OPTIONS', headers: { origin: 'http://evil.test' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).not.toBe(204);
  });

  it.each(['user_credentials', 'sessions', 'applied_mutations', 'field_versions', 'schema_migrations'])(
    'never serves the server-only table %s, even with the secret',
    async (table) => {
      for (const name of [table, `public.${table}`, `"${table}"`]) {
        const res = await getShape(h, { table: name, offset: '-1' });
        expect(res.status, name).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/not a synced table/);
      }
    },
  );

  it('streams only the catalogue columns of users, even when others are asked for', async () => {
    const all = await getShape(h, { table: 'users', offset: '-1' });
    expect(all.status).toBe(200);
    const rows = (all.body as RawMessage[]).filter((m) => m.value);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row.value!)).not.toContain('private_note');
    expect(JSON.stringify(all.body)).not.toMatch(/not for replicas|scrypt|\$argon|hash/);

    const asked = await getShape(h, { table: 'users', offset: '-1', columns: 'id,private_note' });
    expect(asked.status).toBe(400);
    const probed = await getShape(h, {
      table: 'users',
      offset: '-1',
      where: 'private_note = $1',
      'params[1]': 'not for replicas',
    });
    expect(probed.status).toBe(400);
  });

  it('listens on loopback only', async () => {
    expect(new URL(h.electric.url).hostname).toBe('127.0.0.1');
    await expect(
      startDevElectric({ databaseUrl: h.db.url, host: '0.0.0.0' as '127.0.0.1' }), // as configuration could pass it
    ).rejects.toThrow(/loopback only/);
  });
});
