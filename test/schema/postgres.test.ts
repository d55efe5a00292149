/**
 * The server's schema on the real Postgres after migratePostgres: what exists, the constraints
 * it enforces, the conversion views, and that migrating again changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import { MIGRATIONS } from '../../db/pg/migrations.bundle';
import { splitStatements } from '../../db/split-statements';
import { COMMUNICATION_TYPES, INSURANCE_TYPES, LEAD_STATUSES } from '../../shared/lookups';
import {
  catalogueIndexes,
  CONVERSION_INDEXES,
  convertedLead,
  connect,
  fx,
  PG_GIN_INDEXES,
  pgInsert,
  TABLE_NAMES,
  VIEW_NAMES,
  migratedPostgres,
  type MigratedPg,
} from './helpers';
import { pgRelations } from './introspect';

let pg: MigratedPg;
let agent: ReturnType<typeof fx.user>;
const q = <T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  pg.client.query<T>(sql, params).then((r) => r.rows);
const insert = (table: string, row: Record<string, unknown>) => pgInsert(pg.client, table, row);

beforeAll(async () => {
  pg = await migratedPostgres();
  const team = fx.team();
  agent = fx.user({ team_id: team.id });
  await insert('teams', team);
  await insert('users', agent);
});

afterAll(async () => {
  await pg?.close();
});

/** Everything a migration could create or change, to compare before and after a second run. */
const schemaSnapshot = () =>
  q(
    `SELECT c.relkind::text AS kind, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public'
     UNION ALL SELECT 'constraint', conrelid::regclass::text || '.' || conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL SELECT 'policy', tablename || '.' || policyname FROM pg_policies WHERE schemaname = 'public'
     UNION ALL SELECT 'function', proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
     ORDER BY 1, 2`,
  );

describe('after migratePostgres', () => {
  it('applied both migrations', () => {
    expect(pg.applied).toEqual(MIGRATIONS.map((m) => m.tag));
  });

  it('has every catalogue table and both views', async () => {
    const { tables, views } = await pgRelations(pg.client);
    for (const t of TABLE_NAMES) expect(tables, t).toContain(t);
    expect(views).toEqual([...VIEW_NAMES].sort());
    const invoker = await q<{ relname: string; reloptions: string[] }>(
      `SELECT relname, reloptions FROM pg_class WHERE relkind = 'v' AND relname = ANY($1) ORDER BY relname`,
      [[...VIEW_NAMES]],
    );
    for (const v of invoker) expect(v.reloptions, v.relname).toContain('security_invoker=true');
  });

  it('has every named index of the catalogue, the conversion indexes and the GIN indexes', async () => {
    const rows = await q<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const byName = new Map(rows.map((r) => [r.indexname, r]));
    for (const ix of catalogueIndexes('pg')) {
      expect(byName.get(ix.name)?.tablename, ix.name).toBe(ix.table);
      expect(byName.get(ix.name)?.indexdef, ix.name).toContain(`(${ix.columns.join(', ')})`);
    }
    for (const name of CONVERSION_INDEXES) expect(byName.get(name)?.tablename).toBe('leads');
    for (const [table, gins] of Object.entries(PG_GIN_INDEXES)) {
      for (const name of gins) {
        expect(byName.get(name)?.tablename, name).toBe(table);
        expect(byName.get(name)?.indexdef, name).toMatch(/USING gin/);
      }
    }
  });

  it('is seeded with the shared lookups', async () => {
    const ids = async (table: string) =>
      (await q<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
    expect(await ids('lead_statuses')).toEqual(LEAD_STATUSES.map((s) => s.id).sort());
    expect(await ids('insurance_types')).toEqual(INSURANCE_TYPES.map((s) => s.id).sort());
    expect(await ids('communication_types')).toEqual(COMMUNICATION_TYPES.map((s) => s.id).sort());
  });
});

describe('constraints (raw SQL)', () => {
  it('rejects a contact tied to both a lead and a client, and one tied to neither', async () => {
    const client = fx.client(agent.id);
    const lead = fx.lead(agent.id);
    await insert('clients', client);
    await insert('leads', lead);
    await expect(
      insert('contacts', fx.contact(agent.id, { lead_id: lead.id, client_id: client.id })),
    ).rejects.toMatchObject({
      code: '23514',
      constraint: 'contacts_lead_xor_client',
    });
    await expect(insert('contacts', fx.contact(agent.id))).rejects.toMatchObject({
      constraint: 'contacts_lead_xor_client',
    });
    await insert('contacts', fx.contact(agent.id, { lead_id: lead.id }));
    await insert('contacts', fx.contact(agent.id, { client_id: client.id }));
    expect(await q('SELECT id FROM contacts WHERE lead_id = $1 OR client_id = $2', [lead.id, client.id])).toHaveLength(
      2,
    );
  });

  it('enforces foreign keys: a lead with an unknown status is refused', async () => {
    await expect(
      insert('leads', fx.lead(agent.id, { status_id: '00000000-0000-7000-8000-999999999999' })),
    ).rejects.toMatchObject({
      code: '23503',
      constraint: 'leads_status_id_lead_statuses_id_fk',
    });
    await expect(insert('leads', fx.lead('00000000-0000-7000-8000-000000000000'))).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('rejects invalid JSON in jsonb columns', async () => {
    await expect(insert('leads', { ...fx.lead(agent.id), tags: '[not json' })).rejects.toMatchObject({ code: '22P02' });
    await expect(insert('clients', { ...fx.client(agent.id), metadata: '{' })).rejects.toThrow(
      /invalid input syntax for type json/,
    );
  });

  it('rejects a business client with personal identifiers', async () => {
    const business = { client_type: 'business', first_name: null, last_name: null, business_name: 'Acme LLC' };
    await insert('clients', fx.client(agent.id, business));
    await expect(insert('clients', fx.client(agent.id, { ...business, first_name: 'Jane' }))).rejects.toMatchObject({
      constraint: 'clients_identifiers_match_type',
    });
    await expect(insert('clients', fx.client(agent.id, { business_name: 'Acme LLC' }))).rejects.toMatchObject({
      constraint: 'clients_identifiers_match_type',
    });
  });

  it('keeps is_converted and the conversion fields consistent', async () => {
    const client = fx.client(agent.id);
    await insert('clients', client);
    const date = '2025-02-01T00:00:00.000Z';
    await expect(insert('leads', fx.lead(agent.id, { is_converted: true }))).rejects.toMatchObject({
      constraint: 'leads_is_converted_matches',
    });
    await expect(
      insert('leads', fx.lead(agent.id, { converted_to_client_id: client.id, conversion_date: date })),
    ).rejects.toMatchObject({
      constraint: 'leads_is_converted_matches',
    });
    await expect(
      insert('leads', fx.lead(agent.id, { is_converted: true, converted_to_client_id: client.id })),
    ).rejects.toMatchObject({
      constraint: 'leads_conversion_fields',
    });
    await expect(insert('leads', fx.lead(agent.id, { conversion_date: date }))).rejects.toMatchObject({
      constraint: 'leads_conversion_fields',
    });
  });

  it('refuses to delete a client that a lead converted into (on delete restrict)', async () => {
    const client = fx.client(agent.id);
    await insert('clients', client);
    await insert('leads', convertedLead(agent.id, client.id));
    await expect(q('DELETE FROM clients WHERE id = $1', [client.id])).rejects.toMatchObject({
      code: '23001',
      constraint: 'leads_converted_to_client_id_clients_id_fk',
    });
  });
});

describe('conversion views', () => {
  it('show a converted lead with its client name and days to convert', async () => {
    const client = fx.client(agent.id, { first_name: 'Ada', last_name: 'Byron' });
    const lead = convertedLead(agent.id, client.id, { source: 'referral', metadata: { referredBy: 'Tom' } });
    await insert('clients', client);
    await insert('leads', lead);
    const [summary] = await q('SELECT * FROM lead_conversion_summary WHERE lead_id = $1', [lead.id]);
    expect(summary).toMatchObject({
      client_id: client.id,
      client_name: 'Ada Byron',
      client_type: 'individual',
      is_converted: true,
      status_code: 'new',
      insurance_type_code: 'auto',
      days_to_convert: 10,
    });
    const history = await q('SELECT * FROM client_lead_history WHERE client_id = $1', [client.id]);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      lead_id: lead.id,
      client_name: 'Ada Byron',
      lead_source: 'referral',
      lead_metadata: { referredBy: 'Tom' },
      days_to_convert: 10,
      note_count: 0,
      communication_count: 0,
    });
  });

  it('name a business client by its business name and leave unconverted leads without one', async () => {
    const client = fx.client(agent.id, {
      client_type: 'business',
      first_name: null,
      last_name: null,
      business_name: 'Acme Freight',
    });
    const lead = convertedLead(agent.id, client.id);
    const open = fx.lead(agent.id);
    await insert('clients', client);
    await insert('leads', lead);
    await insert('leads', open);
    const get = async (id: string) => (await q('SELECT * FROM lead_conversion_summary WHERE lead_id = $1', [id]))[0];
    expect(await get(lead.id)).toMatchObject({ client_name: 'Acme Freight', client_type: 'business' });
    expect(await get(open.id)).toMatchObject({
      is_converted: false,
      client_id: null,
      client_name: null,
      days_to_convert: null,
    });
    expect(await q('SELECT 1 FROM client_lead_history WHERE lead_id = $1', [open.id])).toEqual([]);
  });
});

describe('migratePostgres run again', () => {
  it('is a no-op', async () => {
    const before = await schemaSnapshot();
    const lookups = await q('SELECT id, updated_at FROM lead_statuses ORDER BY id');
    const migrations = await q('SELECT tag, applied_at FROM schema_migrations ORDER BY tag');
    expect(before.length).toBeGreaterThan(100);

    expect(await migratePostgres(pg.client)).toEqual([]);
    expect(await migratePostgres(pg.client)).toEqual([]);

    expect(await schemaSnapshot()).toEqual(before);
    expect(await q('SELECT id, updated_at FROM lead_statuses ORDER BY id')).toEqual(lookups);
    expect(await q('SELECT tag, applied_at FROM schema_migrations ORDER BY tag')).toEqual(migrations);
  });
});

/**
 * The role is cluster-wide but migrations run per database, so two databases of one cluster can
 * migrate at once (parallel test files; several tenants), and the per-database advisory lock does
 * not serialise them. Replayed deterministically with 0001's own DO block (role renamed): A runs
 * it in an open transaction, B runs it (its NOT EXISTS check passes, its CREATE ROLE waits on A's
 * uncommitted row), A commits.
 */
describe("0001's CREATE ROLE when two databases migrate at once", () => {
  const role = `fieldline_race_${randomBytes(4).toString('hex')}`;
  let outcome: unknown;

  beforeAll(async () => {
    const stmt = splitStatements(MIGRATIONS.find((m) => m.tag === '0001_views_gin_rls')!.sql).find((x) =>
      x.includes('CREATE ROLE'),
    );
    expect(stmt).toContain('CREATE ROLE fieldline_app NOLOGIN');
    const sql = stmt!.replaceAll('fieldline_app', role);
    const [a, b] = [await connect(pg.db.url), await connect(pg.db.url)];
    try {
      await a.query('BEGIN');
      await a.query(sql);
      const bPid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const pending = b.query(sql).then(
        () => 'ok',
        (err: { code?: string; message: string }) => `${err.code}: ${err.message}`,
      );
      const waiting = async () =>
        (await q<{ w: string | null }>('SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1', [bPid]))[0]
          ?.w === 'Lock';
      for (let i = 0; i < 100 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBe(true);
      await a.query('COMMIT');
      outcome = await pending;
    } finally {
      await a.end();
      await b.end();
      await q(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  // Two databases migrating at once both create the cluster-wide role: the second must not fail
  // (it used to get 23505 on pg_authid_rolname_index and roll back all of migration 0001).
  it('lets the second migrator through', () => {
    expect(outcome).toBe('ok');
  });
});
