import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommand } from '../../cli/commands/seed';
import { derivedSuspended, restoreIndexesFor, suspendDerived } from '../../db/sqlite/derived';
import { tuneForBulk } from '../../db/sqlite/batch-writer';
import { bulkLoadDirect, seedViaMutations } from '../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { generateAgency } from '../../shared/synthetic';

const NOW = '2025-06-15T00:00:00.000Z';
let dir: string;
const open: ReplicaDb[] = [];

function replica(name: string): ReplicaDb {
  const db = openReplica(path.join(dir, `${name}.db`));
  open.push(db);
  return db;
}

const count = (db: ReplicaDb, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const rows = (db: ReplicaDb, table: string) => db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all();
const SYNCED = [
  'teams',
  'users',
  'addresses',
  'clients',
  'leads',
  'contacts',
  'lead_communications',
  'lead_notes',
  'opportunities',
  'timeline_events',
];

/** Every index, each table's in the order the planner sees them (sqlite_master's). */
const indexes = (db: ReplicaDb) =>
  db.prepare("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, rowid").all();

function expectSound(db: ReplicaDb) {
  expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-synthetic-'));
});

afterAll(() => {
  for (const db of open) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('seedViaMutations', () => {
  const steps = [...generateAgency({ leads: 30, seed: 9, now: NOW })];
  const stepCount = (name: string) => steps.filter((s) => s.name === name).length;
  let db: ReplicaDb;

  beforeAll(async () => {
    db = replica('via-mutations');
    await seedViaMutations(db, { leads: 30, seed: 9, now: NOW, batchSize: 500 });
  });

  it('writes every step as a mutation with its outbox entry, in order', () => {
    const outbox = db.prepare('SELECT id, name, created_at, status FROM outbox ORDER BY seq').all() as Array<
      Record<string, string>
    >;
    expect(outbox).toHaveLength(steps.length);
    expect(outbox.map((o) => o.id)).toEqual(steps.map((s) => s.id));
    expect(outbox.map((o) => o.name)).toEqual(steps.map((s) => s.name));
    expect(outbox.map((o) => o.created_at)).toEqual(steps.map((s) => s.createdAt));
    expect(new Set(outbox.map((o) => o.status))).toEqual(new Set(['pending']));
  });

  it('creates the rows the steps describe', () => {
    expect(count(db, 'SELECT count(*) n FROM leads')).toBe(30);
    expect(count(db, 'SELECT count(*) n FROM addresses')).toBe(30);
    expect(count(db, 'SELECT count(*) n FROM lead_notes')).toBe(stepCount('addNote'));
    expect(count(db, 'SELECT count(*) n FROM lead_communications')).toBe(stepCount('logCommunication'));
    expect(count(db, 'SELECT count(*) n FROM contacts')).toBe(stepCount('addContact'));
    expect(count(db, 'SELECT count(*) n FROM opportunities')).toBe(stepCount('createOpportunity'));
    expect(count(db, 'SELECT count(*) n FROM clients')).toBe(stepCount('convertLead'));
    expect(count(db, 'SELECT count(*) n FROM leads WHERE is_converted = 1')).toBe(stepCount('convertLead'));
    expect(count(db, 'SELECT count(*) n FROM leads WHERE address_id IS NULL')).toBe(0);
    expectSound(db);
  });

  it('acts as each lead’s owner agent, in the agent’s team', () => {
    expect(
      count(
        db,
        "SELECT count(*) n FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.role <> 'agent' OR l.team_id IS NOT u.team_id",
      ),
    ).toBe(0);
    expect(
      count(
        db,
        'SELECT count(*) n FROM lead_notes n JOIN leads l ON l.id = n.lead_id WHERE n.owner_id <> l.owner_id OR n.created_by <> l.owner_id',
      ),
    ).toBe(0);
  });

  it('stores the same rows as bulkLoadDirect (whose row cache must not change a thing)', async () => {
    const direct = replica('direct-30');
    const loaded = await bulkLoadDirect(direct, { leads: 30, seed: 9, now: NOW, threads: 2 });
    expect(loaded.threads).toBe(2); // steps generated and parsed on a worker thread
    expect(count(direct, 'SELECT count(*) n FROM outbox')).toBe(0);
    for (const table of SYNCED) expect(rows(direct, table), table).toEqual(rows(db, table));
    // On one thread, and with the journal in memory (a file thrown away if the load fails): the
    // same rows, and the file is in WAL again afterwards.
    const single = replica('direct-30-one-thread');
    const disposable = { leads: 30, seed: 9, now: NOW, threads: 1, disposable: true } as const;
    expect((await bulkLoadDirect(single, disposable)).threads).toBe(1);
    for (const table of SYNCED) expect(rows(single, table), table).toEqual(rows(db, table));
    expect(single.pragma('journal_mode', { simple: true })).toBe('wal');
    // …and the journal is in memory while such a load runs.
    const restore = tuneForBulk(single, { journalInMemory: true });
    expect(single.pragma('journal_mode', { simple: true })).toBe('memory');
    restore();
    expect(single.pragma('journal_mode', { simple: true })).toBe('wal');
    // The derived state, built at the end of the direct load, matches the one the triggers built.
    const indexed = (d: ReplicaDb) => d.prepare('SELECT kind, ref_id FROM search_map ORDER BY ref_id').all();
    expect(indexed(direct)).toEqual(indexed(db));
    for (const sql of [
      'SELECT lead_id, make, model, year FROM lead_vehicles ORDER BY 1, 2, 3, 4',
      'SELECT lead_id, tag FROM lead_tags ORDER BY 1, 2',
      'SELECT lead_id, item FROM lead_list_items ORDER BY 1',
    ]) {
      expect(direct.prepare(sql).all().length, sql).toBeGreaterThan(0);
      expect(direct.prepare(sql).all(), sql).toEqual(db.prepare(sql).all());
    }
    const hits = (d: ReplicaDb, fts: string, q: string) =>
      d
        .prepare(
          `SELECT m.ref_id FROM ${fts} s JOIN search_map m ON m.rowid = s.rowid WHERE ${fts} MATCH ? ORDER BY m.ref_id`,
        )
        .all(q);
    for (const [fts, q] of [
      ['search_text', 'quote'],
      ['search_text', 'deduct*'],
      ['search_text_match', 'quote'],
      ['search_text_match', 'deduct*'],
      ['search_names', 'a*'],
      ['search_names', 'gmail'],
    ]) {
      expect(hits(direct, fts!, q!).length, q).toBeGreaterThan(0);
      expect(hits(direct, fts!, q!), q).toEqual(hits(db, fts!, q!));
    }
    const triggers = (d: ReplicaDb) =>
      d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers(direct)).toEqual(triggers(db));
    // The indexes set aside during the load are back, each table's in their first order.
    expect(indexes(direct)).toEqual(indexes(db));
    expect(derivedSuspended(direct)).toBe(false);
  });

  it('writes the same outbox one mutation at a time through ReplicaWriter', async () => {
    const one = replica('one-by-one');
    const batched = replica('batched-8');
    await seedViaMutations(one, { leads: 8, seed: 4, now: NOW, batchSize: 1 });
    await seedViaMutations(batched, { leads: 8, seed: 4, now: NOW });
    const outbox = (d: ReplicaDb) => d.prepare('SELECT id, name, args, created_at FROM outbox ORDER BY seq').all();
    expect(outbox(one)).toEqual(outbox(batched));
    for (const table of SYNCED) expect(rows(one, table), table).toEqual(rows(batched, table));
  });
});

describe('bulkLoadDirect', () => {
  let db: ReplicaDb;
  let result: Awaited<ReturnType<typeof bulkLoadDirect>>;

  beforeAll(async () => {
    db = replica('direct-200');
    result = await bulkLoadDirect(db, { leads: 200, seed: 5, now: NOW, leadsPerTransaction: 50 });
  });

  it('loads 200 leads that pass the foreign-key and integrity checks', () => {
    expect(result.leads).toBe(200);
    expect(count(db, 'SELECT count(*) n FROM leads')).toBe(200);
    expect(count(db, 'SELECT count(*) n FROM lead_notes')).toBeGreaterThan(1500);
    expect(count(db, 'SELECT count(*) n FROM lead_communications')).toBeGreaterThan(700);
    expect(count(db, 'SELECT count(*) n FROM outbox')).toBe(0);
    expectSound(db);
  });

  it('gives every client a book: 1–3 policies, chains of terms up to today with their premium changes', () => {
    const clients = count(db, 'SELECT count(*) n FROM clients');
    const perClient = db
      .prepare(
        'SELECT c.id, (SELECT count(*) FROM policies p WHERE p.client_id = c.id AND p.renews_policy_id IS NULL) AS n FROM clients c',
      )
      .all() as Array<{ n: number }>;
    expect(perClient).toHaveLength(clients);
    expect(perClient.every((c) => c.n >= 1 && c.n <= 3)).toBe(true);
    expect(perClient.some((c) => c.n > 1)).toBe(true);
    // every renewal term starts where the term it renews ends, and keeps the change in percent
    const broken = count(
      db,
      `SELECT count(*) n FROM policies p JOIN policies o ON o.id = p.renews_policy_id
       WHERE o.status <> 'renewed' OR p.effective_date <> o.expiration_date
          OR abs(p.premium_change_pct - round((p.written_premium - o.written_premium) * 100.0 / o.written_premium, 2)) > 0.011`,
    );
    expect(broken).toBe(0);
    expect(count(db, "SELECT count(*) n FROM policies WHERE status = 'renewed'")).toBeGreaterThan(clients);
    expect(count(db, 'SELECT count(*) n FROM policies WHERE premium_change_pct >= 10')).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) n FROM policies WHERE status IN ('cancelled', 'non_renewed')")).toBeGreaterThan(
      0,
    );
    expect(count(db, 'SELECT count(*) n FROM households')).toBeGreaterThan(0);
    // households hold 2–4 members who share its owner; a family shares a last name and an address
    const sizes = db
      .prepare(
        `SELECT h.household_type AS type, count(c.id) AS n, count(DISTINCT c.owner_id) AS owners,
           count(DISTINCT c.last_name) AS names, count(DISTINCT a.line1 || a.postal_code) AS addresses
         FROM households h JOIN clients c ON c.household_id = h.id LEFT JOIN addresses a ON a.id = c.address_id GROUP BY h.id`,
      )
      .all() as Array<{ type: string; n: number; owners: number; names: number; addresses: number }>;
    expect(sizes.every((h) => h.n <= 4 && h.owners === 1)).toBe(true);
    expect(sizes.some((h) => h.n >= 2)).toBe(true);
    expect(sizes.filter((h) => h.type === 'family').every((h) => h.names === 1 && h.addresses <= 1)).toBe(true);
    expect(count(db, 'SELECT count(*) n FROM leads WHERE policy_expiration_date IS NOT NULL')).toBe(200);
  });

  it('shows converted leads in lead_conversion_summary and client_lead_history', () => {
    const converted = count(db, 'SELECT count(*) n FROM leads WHERE is_converted = 1');
    expect(converted).toBeGreaterThan(20);
    const summary = db
      .prepare("SELECT * FROM lead_conversion_summary WHERE is_converted = 1 AND status_code = 'converted'")
      .all() as Array<{ client_id: string | null; client_name: string | null; days_to_convert: number }>;
    expect(summary).toHaveLength(converted);
    for (const r of summary) {
      expect(r.client_id).not.toBeNull();
      expect(r.client_name).toBeTruthy();
      expect(r.days_to_convert).toBeGreaterThan(0);
    }
    expect(count(db, 'SELECT count(*) n FROM client_lead_history WHERE note_count > 0')).toBe(converted);
    expect(count(db, "SELECT count(*) n FROM opportunities WHERE stage = 'won' AND client_id IS NOT NULL")).toBe(
      converted,
    );
  });

  it('keeps open leads’ follow-ups and the search index working', () => {
    expect(
      count(
        db,
        "SELECT count(*) n FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE s.category = 'open' AND l.next_follow_up_at IS NULL",
      ),
    ).toBe(0);
    expect(count(db, "SELECT count(*) n FROM search_text WHERE search_text MATCH 'quote'")).toBeGreaterThan(100);
    expect(count(db, 'SELECT count(*) n FROM lead_vehicles')).toBeGreaterThan(10);
    const hashsize = db.prepare("SELECT v FROM search_text_config WHERE k = 'hashsize'").get() as
      { v: number } | undefined;
    expect(hashsize?.v ?? 1024 * 1024).toBe(1024 * 1024);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY again, as openReplica sets it
  });
});

describe('derived state set aside by a load that died', () => {
  it('is rebuilt, and its triggers put back, when the replica is next opened', async () => {
    const db = replica('crashed');
    const triggersBefore = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const indexesBefore = indexes(db);
    // what bulkLoadDirect does first (it sets aside the indexes of the tables it fills as well)...
    suspendDerived(db, { deferIndexesOf: ['leads', 'contacts', 'policies'] });
    expect(count(db, "SELECT count(*) n FROM sqlite_master WHERE type = 'index' AND name = 'idx_leads_owner_id'")).toBe(
      0,
    );
    expect(restoreIndexesFor(db, 'contacts', ['lead_id'])).toBe(1); // a lookup by lead brings its index back
    await seedViaMutations(db, { leads: 5, seed: 2, now: NOW }); // ...then the process "dies" mid-load
    expect(
      count(db, "SELECT count(*) n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search_insert'"),
    ).toBe(0);
    expect(count(db, 'SELECT count(*) n FROM search_map')).toBe(0);
    expect(count(db, 'SELECT count(*) n FROM lead_list_items')).toBe(0);
    const file = db.name;
    db.close();
    const reopened = openReplica(file);
    try {
      expect(
        reopened.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all(),
      ).toEqual(triggersBefore);
      expect(indexes(reopened)).toEqual(indexesBefore);
      const indexable = count(
        reopened,
        'SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM clients) + (SELECT count(*) FROM lead_notes) + (SELECT count(*) FROM lead_communications) AS n',
      );
      expect(count(reopened, 'SELECT count(*) n FROM search_map')).toBe(indexable);
      expect(count(reopened, 'SELECT count(*) n FROM lead_list_items')).toBe(
        count(reopened, 'SELECT count(*) n FROM leads'),
      );
      expectSound(reopened);
    } finally {
      reopened.close();
    }
  });
});

describe('seedCommand', () => {
  it('seeds a replica file and summarises it', async () => {
    const file = path.join(dir, 'cli.db');
    const summary = (await seedCommand({ db: file, leads: 12, seed: 3, direct: false })) as Record<string, number>;
    expect(summary).toMatchObject({ leads: 12 });
    for (const key of ['notes', 'communications', 'contacts', 'opportunities', 'clients', 'outbox', 'ms'])
      expect(typeof summary[key]).toBe('number');
    expect(summary.outbox).toBeGreaterThan(12 * 10);
    const direct = (await seedCommand({
      db: path.join(dir, 'cli-direct.db'),
      leads: 12,
      seed: 3,
      direct: true,
    })) as Record<string, number>;
    expect(direct).toMatchObject({
      leads: 12,
      outbox: 0,
      notes: summary.notes,
      communications: summary.communications,
    });
  });
});
