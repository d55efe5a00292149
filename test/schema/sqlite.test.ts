/**
 * The replica's schema on a real SQLite file: what openReplica creates, the constraints it
 * enforces, the FTS and derived-table triggers, the conversion views, and a clean reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReplica } from '../../db/sqlite/open';
import { COMMUNICATION_TYPES, INSURANCE_TYPES, LEAD_STATUSES } from '../../shared/lookups';
import {
  catalogueIndexes,
  CONVERSION_INDEXES,
  convertedLead,
  fx,
  sqliteInsert,
  TABLE_NAMES,
  tempReplica,
  VIEW_NAMES,
  type Replica,
} from './helpers';

const tmp = tempReplica();
let db: Replica;
let team: ReturnType<typeof fx.team>;
let agent: ReturnType<typeof fx.user>;

const names = (type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as Array<{ name: string }>).map((r) => r.name);
const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

beforeAll(() => {
  db = tmp.open();
  team = fx.team();
  agent = fx.user({ team_id: team.id });
  sqliteInsert(db, 'teams', team);
  sqliteInsert(db, 'users', agent);
});

afterAll(() => {
  db?.close();
  tmp.cleanup();
});

describe('a freshly opened replica', () => {
  it('has every catalogue table and both views', () => {
    const tables = names('table');
    for (const t of TABLE_NAMES) expect(tables, t).toContain(t);
    expect(names('view').sort()).toEqual([...VIEW_NAMES].sort());
  });

  it('has every named index of the catalogue, on the right table and columns', () => {
    for (const ix of catalogueIndexes('sqlite')) {
      const row = db.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?").get(ix.name) as
        { tbl_name: string } | undefined;
      expect(row?.tbl_name, ix.name).toBe(ix.table);
      const cols = (
        db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(ix.name) as Array<{ name: string }>
      ).map((r) => r.name);
      expect(cols, ix.name).toEqual(ix.columns);
    }
  });

  it("has the seed's three conversion indexes by name", () => {
    const onLeads = (db.prepare('SELECT name FROM pragma_index_list(?)').all('leads') as Array<{ name: string }>).map(
      (r) => r.name,
    );
    for (const name of CONVERSION_INDEXES) expect(onLeads).toContain(name);
  });

  it('is seeded with the shared lookups', () => {
    const ids = (table: string) =>
      (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids('lead_statuses')).toEqual(LEAD_STATUSES.map((s) => s.id).sort());
    expect(ids('insurance_types')).toEqual(INSURANCE_TYPES.map((s) => s.id).sort());
    expect(ids('communication_types')).toEqual(COMMUNICATION_TYPES.map((s) => s.id).sort());
    const converted = db.prepare("SELECT category, workflow FROM lead_statuses WHERE code = 'converted'").get() as {
      category: string;
      workflow: string;
    };
    expect(converted.category).toBe('won');
    expect(JSON.parse(converted.workflow)).toEqual({ followUpDays: null });
  });

  it('enforces foreign keys and passes the integrity check', () => {
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('constraints (raw SQL)', () => {
  it('rejects a contact tied to both a lead and a client, and one tied to neither', () => {
    const client = fx.client(agent.id);
    const lead = fx.lead(agent.id);
    sqliteInsert(db, 'clients', client);
    sqliteInsert(db, 'leads', lead);
    expect(() =>
      sqliteInsert(db, 'contacts', fx.contact(agent.id, { lead_id: lead.id, client_id: client.id })),
    ).toThrow(/CHECK constraint failed: contacts_lead_xor_client/);
    expect(() => sqliteInsert(db, 'contacts', fx.contact(agent.id))).toThrow(
      /CHECK constraint failed: contacts_lead_xor_client/,
    );
    sqliteInsert(db, 'contacts', fx.contact(agent.id, { lead_id: lead.id }));
    sqliteInsert(db, 'contacts', fx.contact(agent.id, { client_id: client.id }));
    expect(count('SELECT count(*) AS n FROM contacts WHERE lead_id = ? OR client_id = ?', lead.id, client.id)).toBe(2);
  });

  it('enforces foreign keys: a lead with an unknown status is refused', () => {
    expect(() =>
      sqliteInsert(db, 'leads', fx.lead(agent.id, { status_id: '00000000-0000-7000-8000-999999999999' })),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => sqliteInsert(db, 'leads', fx.lead('00000000-0000-7000-8000-000000000000'))).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('rejects invalid JSON text in JSON columns', () => {
    expect(() => sqliteInsert(db, 'leads', { ...fx.lead(agent.id), tags: '[not json' })).toThrow(
      /CHECK constraint failed: leads_tags_json/,
    );
    expect(() =>
      sqliteInsert(db, 'leads', { ...fx.lead(agent.id), auto_data: '{', auto_data_schema_version: 1 }),
    ).toThrow(/leads_auto_data_json/);
    expect(() => sqliteInsert(db, 'clients', { ...fx.client(agent.id), metadata: 'nope' })).toThrow(
      /clients_metadata_json/,
    );
  });

  it('rejects booleans other than 0 and 1', () => {
    expect(() => sqliteInsert(db, 'users', fx.user({ is_active: 2 }))).toThrow(
      /CHECK constraint failed: users_is_active_bool/,
    );
  });

  it('rejects a business client with personal identifiers', () => {
    const business = { client_type: 'business', first_name: null, last_name: null, business_name: 'Acme LLC' };
    sqliteInsert(db, 'clients', fx.client(agent.id, business));
    expect(() => sqliteInsert(db, 'clients', fx.client(agent.id, { ...business, first_name: 'Jane' }))).toThrow(
      /CHECK constraint failed: clients_identifiers_match_type/,
    );
    expect(() => sqliteInsert(db, 'clients', fx.client(agent.id, { business_name: 'Acme LLC' }))).toThrow(
      /clients_identifiers_match_type/,
    );
  });

  it('keeps is_converted and the conversion fields consistent', () => {
    const client = fx.client(agent.id);
    sqliteInsert(db, 'clients', client);
    expect(() => sqliteInsert(db, 'leads', fx.lead(agent.id, { is_converted: true }))).toThrow(
      /leads_is_converted_matches/,
    );
    expect(() =>
      sqliteInsert(
        db,
        'leads',
        fx.lead(agent.id, { converted_to_client_id: client.id, conversion_date: '2025-02-01T00:00:00.000Z' }),
      ),
    ).toThrow(/leads_is_converted_matches/);
    expect(() =>
      sqliteInsert(db, 'leads', fx.lead(agent.id, { is_converted: true, converted_to_client_id: client.id })),
    ).toThrow(/leads_conversion_fields/);
    expect(() => sqliteInsert(db, 'leads', fx.lead(agent.id, { conversion_date: '2025-02-01T00:00:00.000Z' }))).toThrow(
      /leads_conversion_fields/,
    );
  });
});

describe('conversion views', () => {
  it('show a converted lead with its client name and days to convert', () => {
    const client = fx.client(agent.id, { first_name: 'Ada', last_name: 'Byron' });
    const lead = convertedLead(agent.id, client.id, { source: 'referral', metadata: { referredBy: 'Tom' } });
    sqliteInsert(db, 'clients', client);
    sqliteInsert(db, 'leads', lead);
    const summary = db.prepare('SELECT * FROM lead_conversion_summary WHERE lead_id = ?').get(lead.id) as Record<
      string,
      unknown
    >;
    expect(summary).toMatchObject({
      client_id: client.id,
      client_name: 'Ada Byron',
      client_type: 'individual',
      is_converted: 1,
      status_code: 'new',
      insurance_type_code: 'auto',
      days_to_convert: 10,
    });
    const history = db.prepare('SELECT * FROM client_lead_history WHERE client_id = ?').all(client.id) as Array<
      Record<string, unknown>
    >;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      lead_id: lead.id,
      client_name: 'Ada Byron',
      lead_source: 'referral',
      days_to_convert: 10,
    });
    expect(JSON.parse(history[0]!.lead_metadata as string)).toEqual({ referredBy: 'Tom' });
  });

  it('name a business client by its business name and leave unconverted leads without one', () => {
    const client = fx.client(agent.id, {
      client_type: 'business',
      first_name: null,
      last_name: null,
      business_name: 'Acme Freight',
    });
    const lead = convertedLead(agent.id, client.id);
    const open = fx.lead(agent.id);
    sqliteInsert(db, 'clients', client);
    sqliteInsert(db, 'leads', lead);
    sqliteInsert(db, 'leads', open);
    const get = (id: string) =>
      db.prepare('SELECT * FROM lead_conversion_summary WHERE lead_id = ?').get(id) as Record<string, unknown>;
    expect(get(lead.id)).toMatchObject({ client_name: 'Acme Freight', client_type: 'business' });
    expect(get(open.id)).toMatchObject({ is_converted: 0, client_id: null, client_name: null, days_to_convert: null });
    expect(count('SELECT count(*) AS n FROM client_lead_history WHERE lead_id = ?', open.id)).toBe(0);
  });
});

describe('triggers', () => {
  const findNames = (query: string) =>
    (
      db
        .prepare(
          'SELECT m.ref_id FROM search_names JOIN search_map m ON m.rowid = search_names.rowid WHERE search_names MATCH ?',
        )
        .all(query) as Array<{ ref_id: string }>
    ).map((r) => r.ref_id);

  it('index a new lead for search and drop it on soft delete', () => {
    const lead = fx.lead(agent.id, { first_name: 'Wilma', last_name: 'Smith', email: 'wilma@example.test' });
    sqliteInsert(db, 'leads', lead);
    expect(findNames('smith')).toContain(lead.id);
    expect(findNames('wilma')).toContain(lead.id);
    db.prepare('UPDATE leads SET last_name = ? WHERE id = ?').run('Smythe', lead.id);
    expect(findNames('smith')).not.toContain(lead.id);
    expect(findNames('smythe')).toContain(lead.id);
    db.prepare('UPDATE leads SET deleted_at = ? WHERE id = ?').run('2025-03-01T00:00:00.000Z', lead.id);
    expect(findNames('smythe')).not.toContain(lead.id);
    expect(count('SELECT count(*) AS n FROM search_map WHERE ref_id = ?', lead.id)).toBe(0);
  });

  it('fill lead_vehicles from auto_data and follow changes to it', () => {
    const vehicles = (id: string) =>
      db.prepare('SELECT make, model, year FROM lead_vehicles WHERE lead_id = ? ORDER BY make').all(id) as Array<
        Record<string, unknown>
      >;
    const auto = {
      vehicles: [
        { make: 'Toyota', model: 'Camry', year: 2019 },
        { make: 'Honda', model: 'Civic', year: 2021 },
        { vin: 'x' },
      ],
    };
    const lead = fx.lead(agent.id, { auto_data: auto, auto_data_schema_version: 1, tags: ['hot'] });
    sqliteInsert(db, 'leads', lead);
    expect(vehicles(lead.id)).toEqual([
      { make: 'Honda', model: 'Civic', year: 2021 },
      { make: 'Toyota', model: 'Camry', year: 2019 },
    ]);
    expect(count("SELECT count(*) AS n FROM lead_vehicles WHERE make = 'toyota'")).toBeGreaterThanOrEqual(1); // NOCASE
    db.prepare('UPDATE leads SET auto_data = ? WHERE id = ?').run(
      JSON.stringify({ vehicles: [{ make: 'Ford', model: 'F-150' }] }),
      lead.id,
    );
    expect(vehicles(lead.id)).toEqual([{ make: 'Ford', model: 'F-150', year: null }]);
    db.prepare('UPDATE leads SET auto_data = NULL, auto_data_schema_version = NULL WHERE id = ?').run(lead.id);
    expect(vehicles(lead.id)).toEqual([]);
    expect(db.prepare('SELECT tag FROM lead_tags WHERE lead_id = ?').all(lead.id)).toEqual([{ tag: 'hot' }]);
  });
});

describe('reopening an existing replica', () => {
  it('applies nothing new and keeps the data', () => {
    const lead = fx.lead(agent.id, { last_name: 'Persistent' });
    sqliteInsert(db, 'leads', lead);
    const migrations = db.prepare('SELECT tag, applied_at FROM schema_migrations ORDER BY tag').all();
    const statusCount = count('SELECT count(*) AS n FROM lead_statuses');
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    db.close();

    db = tmp.open();
    expect(db.prepare('SELECT tag, applied_at FROM schema_migrations ORDER BY tag').all()).toEqual(migrations);
    expect(migrateReplica(db)).toEqual([]);
    expect(count('SELECT count(*) AS n FROM lead_statuses')).toBe(statusCount);
    expect(db.prepare('SELECT last_name FROM leads WHERE id = ?').get(lead.id)).toEqual({ last_name: 'Persistent' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
