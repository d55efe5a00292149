/**
 * Row-level security on the real Postgres, the way the gateway uses it: each request is a
 * transaction running as fieldline_app with app.user_id set for that transaction only.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { CARRIER_SEEDS, INSURANCE_TYPES, LEAD_STATUSES, NEW_STATUS_ID } from '../../shared/lookups';
import { connect, convertedLead, fx, migratedPostgres, pgInsert, type MigratedPg } from './helpers';

let server: MigratedPg;
const AUTO_TYPE_ID = INSURANCE_TYPES[0]!.id;
const team1 = fx.team({ name: 'Team 1' });
const team2 = fx.team({ name: 'Team 2' });
const A1 = fx.user({ role: 'agent', team_id: team1.id, full_name: 'Agent One' });
const A2 = fx.user({ role: 'agent', team_id: team2.id, full_name: 'Agent Two' });
const M1 = fx.user({ role: 'manager', team_id: team1.id });
const S1 = fx.user({ role: 'staff', team_id: team1.id });
const admin = fx.user({ role: 'admin' });
const gone = fx.user({ role: 'admin', team_id: team1.id, is_active: false });
const lead1 = fx.lead(A1.id, { team_id: team1.id, last_name: 'OwnedByA1' });
const lead2 = fx.lead(A2.id, { team_id: team2.id, last_name: 'OwnedByA2' });
const client1 = fx.client(A1.id, { team_id: team1.id, first_name: 'Cara', last_name: 'One' });
const client2 = fx.client(A2.id, { team_id: team2.id, first_name: 'Carl', last_name: 'Two' });
const converted1 = convertedLead(A1.id, client1.id, { team_id: team1.id });
const converted2 = convertedLead(A2.id, client2.id, { team_id: team2.id });

/** Runs fn in a transaction as fieldline_app for `userId` (none: app.user_id never set); always rolls back. */
async function as<T>(userId: string | null, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = server.client;
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL ROLE fieldline_app');
    if (userId !== null) await c.query("SELECT set_config('app.user_id', $1, true)", [userId]);
    return await fn(c);
  } finally {
    await c.query('ROLLBACK');
  }
}

const ids = async (c: pg.Client, sql: string, params: unknown[] = []) =>
  (await c.query<{ id: string }>(sql, params)).rows.map((r) => r.id).sort();
const leadIds = (c: pg.Client) => ids(c, 'SELECT id FROM leads');
const sorted = (...xs: string[]) => [...xs].sort();

beforeAll(async () => {
  server = await migratedPostgres();
  for (const t of [team1, team2]) await pgInsert(server.client, 'teams', t);
  for (const u of [A1, A2, M1, S1, admin, gone]) await pgInsert(server.client, 'users', u);
  for (const l of [lead1, lead2]) await pgInsert(server.client, 'leads', l);
  for (const c of [client1, client2]) await pgInsert(server.client, 'clients', c);
  for (const l of [converted1, converted2]) await pgInsert(server.client, 'leads', l);
});

afterAll(async () => {
  await server?.close();
});

describe('reading leads', () => {
  it('the superuser (no RLS) sees all four leads', async () => {
    expect(await leadIds(server.client)).toEqual(sorted(lead1.id, lead2.id, converted1.id, converted2.id));
  });

  it('an agent sees only their own leads', async () => {
    expect(await as(A1.id, leadIds)).toEqual(sorted(lead1.id, converted1.id));
    expect(await as(A2.id, leadIds)).toEqual(sorted(lead2.id, converted2.id));
  });

  it("a manager and staff see their team's leads, not another team's", async () => {
    expect(await as(M1.id, leadIds)).toEqual(sorted(lead1.id, converted1.id));
    expect(await as(S1.id, leadIds)).toEqual(sorted(lead1.id, converted1.id));
  });

  it('an admin sees every lead', async () => {
    expect(await as(admin.id, leadIds)).toEqual(sorted(lead1.id, lead2.id, converted1.id, converted2.id));
  });

  it('an unknown or absent app.user_id sees nothing', async () => {
    expect(await as(uuidv7(), leadIds)).toEqual([]);
    expect(await as('', leadIds)).toEqual([]);
    const fresh = await connect(server.db.url);
    try {
      await fresh.query('BEGIN');
      await fresh.query('SET LOCAL ROLE fieldline_app');
      expect(await leadIds(fresh)).toEqual([]);
      expect(await ids(fresh, 'SELECT id FROM lead_statuses')).toEqual([]);
      await fresh.query('ROLLBACK');
    } finally {
      await fresh.end();
    }
  });

  it('a deactivated user sees nothing, even an admin', async () => {
    expect(await as(gone.id, leadIds)).toEqual([]);
    expect(await as(gone.id, (c) => ids(c, 'SELECT id FROM lead_statuses'))).toEqual([]);
  });

  it('the setting does not outlive its transaction', async () => {
    await as(A1.id, leadIds);
    expect(await as(null, leadIds)).toEqual([]);
  });
});

describe('writing leads', () => {
  it("an agent cannot update another agent's lead", async () => {
    const updated = await as(A1.id, (c) => c.query("UPDATE leads SET source = 'hijack' WHERE id = $1", [lead2.id]));
    expect(updated.rowCount).toBe(0);
    const own = await as(A1.id, (c) => c.query("UPDATE leads SET source = 'mine' WHERE id = $1", [lead1.id]));
    expect(own.rowCount).toBe(1);
    const byManager = await as(M1.id, (c) => c.query("UPDATE leads SET source = 'x' WHERE id = $1", [lead2.id]));
    expect(byManager.rowCount).toBe(0);
  });

  it('an agent cannot insert a lead owned by someone else, but can insert their own', async () => {
    await expect(as(A1.id, (c) => pgInsert(c, 'leads', fx.lead(A2.id, { team_id: team2.id })))).rejects.toThrow(
      /new row violates row-level security policy for table "leads"/,
    );
    const own = await as(A1.id, (c) => pgInsert(c, 'leads', fx.lead(A1.id, { team_id: team1.id })));
    expect(own.rowCount).toBe(1);
  });

  it('an agent cannot hand their lead over to another agent', async () => {
    await expect(
      as(A1.id, (c) =>
        c.query('UPDATE leads SET owner_id = $1, team_id = $2 WHERE id = $3', [A2.id, team2.id, lead1.id]),
      ),
    ).rejects.toThrow(/new row violates row-level security policy/);
  });
});

describe('lookups', () => {
  const statusIds = (c: pg.Client) => ids(c, 'SELECT id FROM lead_statuses');
  const allStatuses = LEAD_STATUSES.map((s) => s.id).sort();

  it('are readable by every signed-in user', async () => {
    for (const u of [A1, A2, M1, S1, admin]) expect(await as(u.id, statusIds), u.role).toEqual(allStatuses);
    expect(await as(A1.id, (c) => ids(c, 'SELECT id FROM users'))).toHaveLength(6);
  });

  it('are not readable by an unknown user', async () => {
    expect(await as(uuidv7(), statusIds)).toEqual([]);
  });

  it('are writable only by an admin', async () => {
    const status = (userId: string) => ({
      id: uuidv7(),
      code: `custom_${userId.slice(-6)}`,
      name: 'Custom',
      category: 'open',
    });
    for (const u of [A1, M1, S1]) {
      await expect(
        as(u.id, (c) => pgInsert(c, 'lead_statuses', status(u.id))),
        u.role,
      ).rejects.toThrow(/new row violates row-level security policy for table "lead_statuses"/);
      const upd = await as(u.id, (c) =>
        c.query("UPDATE lead_statuses SET color = '#000000' WHERE id = $1", [NEW_STATUS_ID]),
      );
      expect(upd.rowCount, u.role).toBe(0);
      const del = await as(u.id, (c) => c.query('DELETE FROM insurance_types'));
      expect(del.rowCount, u.role).toBe(0);
    }
    expect((await as(admin.id, (c) => pgInsert(c, 'lead_statuses', status(admin.id)))).rowCount).toBe(1);
    const upd = await as(admin.id, (c) =>
      c.query("UPDATE lead_statuses SET color = '#000000' WHERE id = $1", [NEW_STATUS_ID]),
    );
    expect(upd.rowCount).toBe(1);
  });
});

describe('the conversion views', () => {
  const viewIds = (view: string, col: string) => (c: pg.Client) => ids(c, `SELECT ${col} AS id FROM ${view}`);

  it('apply the reader’s row-level security (security_invoker)', async () => {
    const summary = viewIds('lead_conversion_summary', 'lead_id');
    const history = viewIds('client_lead_history', 'client_id');
    expect(await summary(server.client)).toEqual(sorted(lead1.id, lead2.id, converted1.id, converted2.id));
    expect(await as(A1.id, summary)).toEqual(sorted(lead1.id, converted1.id));
    expect(await as(A2.id, summary)).toEqual(sorted(lead2.id, converted2.id));
    expect(await as(A1.id, history)).toEqual([client1.id]);
    expect(await as(M1.id, history)).toEqual([client1.id]);
    expect(await as(admin.id, history)).toEqual(sorted(client1.id, client2.id));
    expect(await as(uuidv7(), summary)).toEqual([]);
  });

  it('still resolve the client name for a reader who may see the client', async () => {
    const rows = await as(A1.id, (c) =>
      c
        .query('SELECT client_name FROM lead_conversion_summary WHERE lead_id = $1', [converted1.id])
        .then((r) => r.rows),
    );
    expect(rows).toEqual([{ client_name: 'Cara One' }]);
  });
});

describe('the book of business', () => {
  const term = (ownerId: string, teamId: string, clientId: string, number: string) => ({
    id: uuidv7(),
    owner_id: ownerId,
    team_id: teamId,
    client_id: clientId,
    carrier_id: CARRIER_SEEDS[0]!.id,
    insurance_type_id: AUTO_TYPE_ID,
    policy_number: number,
    effective_date: '2025-01-01',
    expiration_date: '2099-01-01',
    written_premium: 1000,
  });
  const p1 = term(A1.id, team1.id, client1.id, 'P-ONE');
  const p2 = term(A2.id, team2.id, client2.id, 'P-TWO');

  beforeAll(async () => {
    for (const p of [p1, p2]) await pgInsert(server.client, 'policies', p);
  });

  it("an agent reads only their own policies and in-force rows; a manager their team's; an admin all", async () => {
    expect(await as(A1.id, (c) => ids(c, 'SELECT id FROM policies'))).toEqual([p1.id]);
    expect(await as(A2.id, (c) => ids(c, 'SELECT id FROM policies'))).toEqual([p2.id]);
    expect(await as(M1.id, (c) => ids(c, 'SELECT id FROM policies'))).toEqual([p1.id]);
    expect(await as(admin.id, (c) => ids(c, 'SELECT id FROM policies'))).toEqual(sorted(p1.id, p2.id));
    const inForce = await as(A2.id, (c) =>
      c.query<{ client_id: string }>('SELECT client_id FROM client_policies_in_force WHERE policies_in_force > 0'),
    );
    expect(inForce.rows.map((r) => r.client_id)).toEqual([client2.id]);
  });

  it("an agent cannot renew (update) another team's policy, and every user reads carriers", async () => {
    const updated = await as(A2.id, (c) => c.query(`UPDATE policies SET status = 'renewed' WHERE id = $1`, [p1.id]));
    expect(updated.rowCount).toBe(0);
    expect(await as(A2.id, (c) => c.query('SELECT count(*)::int AS n FROM carriers'))).toMatchObject({
      rows: [{ n: CARRIER_SEEDS.length }],
    });
    await expect(
      as(A1.id, (c) => c.query(`INSERT INTO carriers (id, name) VALUES ($1, 'Rogue Mutual')`, [uuidv7()])),
    ).rejects.toThrow(/row-level security/);
  });
});
