/**
 * Imports of real, messy files into a real replica: exact counts and an exact report, dry runs
 * that store nothing, undo of exactly what an import created, duplicates within the file and
 * against the replica, and the batches replayed on Postgres (as the gateway does) store the same.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaDb } from '../../db/sqlite/open';
import { runImport, type ImportDeps } from '../../electron/main/import/job';
import { importIssues, undoImport, writeReport } from '../../electron/main/import/undo';
import { TABLE_NAMES } from '../../shared/model/catalogue';
import type { MutationName } from '../../shared/mutations/registry';
import { createStore, replicaOf, seedPeople, type People, type Store } from '../support/stores';

const dir = mkdtempSync(join(tmpdir(), 'fieldline-import-'));
let stores: Store[] = [];
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
});

async function replica() {
  const store = await createStore('sqlite');
  stores.push(store);
  const people = await seedPeople(store);
  const db = replicaOf(store);
  const deps: ImportDeps = { db, actor: () => people.agent, batchRows: 2 };
  return { store, people, db, deps };
}

function file(name: string, bytes: Buffer | string) {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Windows-1252, semicolons, CRLF, a quoted newline, a ragged row, bad cells, duplicates. */
const MESSY =
  'Client #;Insured Name;E-Mail;Phone;DOB;Street;City;State;Zip\r\n' +
  'C-1;Álvarez, José;JOSE@EXAMPLE.COM;(217) 555-0101;03/14/1985;1 Main St;Springfield;IL;62701\r\n' +
  'C-2;Müller, Zoë;zoe@example;217-555-0102;02/30/1990;;;;\r\n' +
  'C-3;"Lee, Pat";pat@example.com;;12/01/1970;"2 Oak Ave\nApt 3";Peoria;Illinois;61602\r\n' +
  'C-4;Kim, Dae;jose@example.com;;;;;;\r\n' +
  'C-5;Short\r\n' +
  'C-6;Nguyen, An;an@example.com;+1 312 555 0199;;;;;\r\n' +
  'C-7;Ørsted, Åse;old@example.com;;;;;;\r\n' +
  'C-8;Smith;smith@example.com;;;;;;\r\n';

const EXPECTED_REPORT = [
  'row,column,value,reason',
  '3,E-Mail,zoe@example,is not a valid email address',
  '3,DOB,02/30/1990,is not a real date',
  '6,,"C-5,Short","has 2 cells; the header has 9"',
  '9,Insured Name,Smith,is required for an individual',
  '',
].join('\r\n');

async function fingerprint(db: ReplicaDb) {
  const out: Record<string, unknown> = {};
  for (const t of [...TABLE_NAMES, 'outbox', 'sync_shadows', 'import_jobs', 'import_rows', 'import_issues'])
    out[t] = db.prepare(`SELECT count(*) AS n FROM "${t}"`).get();
  return out;
}

describe('importing a messy CSV', () => {
  it('imports with exact counts and an exact report, one importBatch mutation per batch', async () => {
    const { db, deps, store, people } = await replica();
    // Already in the book: matched by email (case differs) and skipped.
    await store.run(
      'createClient',
      { client_type: 'individual', first_name: 'Åse', last_name: 'Ørsted', email: 'Old@Example.com' },
      people.agent,
    );
    const before = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const path = file('messy.csv', iconv.encode(MESSY, 'windows-1252'));
    const result = await runImport(deps, { kind: 'clients', file: path, onDuplicate: 'skip' });
    expect(result).toMatchObject({ rows: 8, created: 3, updated: 0, skipped: 2, invalid: 3, status: 'done' });
    const report = join(dir, 'report.csv');
    await writeReport(report, importIssues(deps, result.import_id));
    expect(readFileSync(report, 'utf8')).toBe(EXPECTED_REPORT);

    const clients = db
      .prepare(
        `SELECT c.first_name, c.last_name, c.email, c.phone, c.date_of_birth, json_extract(c.custom_fields, '$.external_id') AS ext,
                a.line1, a.state, a.postal_code
           FROM clients c LEFT JOIN addresses a ON a.id = c.address_id ORDER BY ext`,
      )
      .all();
    expect(clients).toEqual([
      {
        first_name: 'Åse',
        last_name: 'Ørsted',
        email: 'Old@Example.com',
        phone: null,
        date_of_birth: null,
        ext: null,
        line1: null,
        state: null,
        postal_code: null,
      },
      {
        first_name: 'José',
        last_name: 'Álvarez',
        email: 'jose@example.com',
        phone: '+12175550101',
        date_of_birth: '1985-03-14',
        ext: 'C-1',
        line1: '1 Main St',
        state: 'IL',
        postal_code: '62701',
      },
      {
        first_name: 'Pat',
        last_name: 'Lee',
        email: 'pat@example.com',
        phone: null,
        date_of_birth: '1970-12-01',
        ext: 'C-3',
        line1: '2 Oak Ave Apt 3',
        state: 'IL',
        postal_code: '61602',
      },
      {
        first_name: 'An',
        last_name: 'Nguyen',
        email: 'an@example.com',
        phone: '+13125550199',
        date_of_birth: null,
        ext: 'C-6',
        line1: null,
        state: null,
        postal_code: null,
      },
    ]);
    const skipped = db.prepare(`SELECT row, match_key FROM import_rows WHERE outcome = 'skipped' ORDER BY row`).all();
    expect(skipped).toEqual([
      { row: 5, match_key: 'email:jose@example.com' },
      { row: 8, match_key: 'email:old@example.com' },
    ]);
    // batchRows 2: rows 2-4 and 7 make two batches with records; the rest are recorded alongside.
    const outbox = db.prepare(`SELECT name FROM outbox ORDER BY seq`).all() as { name: string }[];
    expect(outbox.slice(before).map((o) => o.name)).toEqual(['importBatch', 'importBatch']);
  });

  it('updates the match when asked, and creates duplicates when asked', async () => {
    const { db, deps } = await replica();
    const path = file('messy-update.csv', iconv.encode(MESSY, 'windows-1252'));
    const upd = await runImport(deps, { kind: 'clients', file: path, onDuplicate: 'update' });
    expect(upd).toMatchObject({ created: 4, updated: 1, skipped: 0, invalid: 3 });
    // Row 5 matched row 1 by email within the file and updated it.
    expect(db.prepare(`SELECT first_name, last_name FROM clients WHERE email = 'jose@example.com'`).all()).toEqual([
      { first_name: 'Dae', last_name: 'Kim' },
    ]);
    const again = await runImport(deps, { kind: 'clients', file: path, onDuplicate: 'create' });
    expect(again).toMatchObject({ created: 5, updated: 0, skipped: 0, invalid: 3 });
  });

  it('a dry run stores nothing and reports the same as the real run', async () => {
    const { db, deps } = await replica();
    const path = file('messy-dry.csv', iconv.encode(MESSY, 'windows-1252'));
    const pristine = await fingerprint(db);
    const dry = await runImport(deps, { kind: 'clients', file: path, dryRun: true });
    expect(await fingerprint(db)).toEqual(pristine);
    expect(dry).toMatchObject({ rows: 8, created: 4, updated: 0, skipped: 1, invalid: 3, dry_run: true });
    const report = join(dir, 'dry-report.csv');
    await writeReport(report, (dry as typeof dry & { issues: [] }).issues);
    expect(readFileSync(report, 'utf8')).toBe(EXPECTED_REPORT);
    const real = await runImport(deps, { kind: 'clients', file: path });
    expect({ ...real, import_id: '', dry_run: true }).toEqual({
      ...dry,
      import_id: '',
      issues: undefined,
      dry_run: true,
      status: 'done',
    });
  });

  it('undo removes exactly what the import created, and syncs as mutations', async () => {
    const { db, deps, store, people } = await replica();
    const kept = await store.run(
      'createClient',
      { client_type: 'individual', first_name: 'Keep', last_name: 'Me', email: 'old@example.com' },
      people.agent,
    );
    const path = file('messy-undo.csv', iconv.encode(MESSY, 'windows-1252'));
    const result = await runImport(deps, { kind: 'clients', file: path, onDuplicate: 'update' });
    expect(result).toMatchObject({ created: 3, updated: 2 });
    const undo = await undoImport(deps, result.import_id);
    expect(undo).toEqual({ import_id: result.import_id, records: 5, deleted: 5 }); // 3 clients, 2 addresses
    const live = db.prepare(`SELECT id, first_name FROM clients WHERE deleted_at IS NULL`).all();
    expect(live).toEqual([{ id: kept.id, first_name: 'Åse' }]); // updated by row 8, not created: kept
    expect(db.prepare(`SELECT count(*) AS n FROM addresses WHERE deleted_at IS NULL`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT name FROM outbox ORDER BY seq DESC LIMIT 1`).get()).toEqual({ name: 'undoImportBatch' });
    expect(db.prepare(`SELECT status FROM import_jobs WHERE id = ?`).get(result.import_id)).toEqual({
      status: 'undone',
    });
  });

  it('reads UTF-8 with a BOM and links contacts and notes to clients by external id', async () => {
    const { db, deps } = await replica();
    await runImport(deps, {
      kind: 'clients',
      file: file('clients.csv', '\ufeffAccount Number,First Name,Last Name\nA1,Ana,Silva\nA2,Bo,Berg\n'),
    });
    const contacts = await runImport(deps, {
      kind: 'contacts',
      file: file(
        'contacts.csv',
        '\ufeffAccount Number,First,Last,Cell\nA1,Rui,Silva,217 555 0111\nA9,No,Body,\nA2,Eva,Berg,\nA1,Rui,Silva,\n',
      ),
    });
    expect(contacts).toMatchObject({ rows: 4, created: 2, skipped: 1, invalid: 1 });
    expect([...importIssues(deps, contacts.import_id)]).toEqual([
      { row: 3, column: 'Account Number', value: 'A9', reason: 'matches no client or lead in this file or the book' },
    ]);
    const notes = await runImport(deps, {
      kind: 'notes',
      file: file('notes.csv', 'Client,Comment\nA1,"Called; wants\na bundle"\nA2,=HYPERLINK("x")\n'),
    });
    expect(notes).toMatchObject({ created: 2, invalid: 0 });
    const stored = db
      .prepare(
        `SELECT c.first_name, n.body FROM lead_notes n JOIN clients c ON c.id = n.client_id ORDER BY c.first_name`,
      )
      .all();
    expect(stored).toEqual([
      { first_name: 'Ana', body: 'Called; wants\na bundle' },
      { first_name: 'Bo', body: '=HYPERLINK("x")' },
    ]);
  });

  it('imports leads with their line of business, money and X-date', async () => {
    const { db, deps } = await replica();
    const r = await runImport(deps, {
      kind: 'leads',
      file: file(
        'leads.csv',
        'Name,LOB,Premium,X-Date,Email\n"Silva, Ana",home,"$1,234.50",6/30/2026,ana@x.com\nBo Berg,yacht,10,,\n',
      ),
    });
    expect(r).toMatchObject({ created: 1, invalid: 1 });
    expect([...importIssues(deps, r.import_id)][0]).toMatchObject({ row: 3, column: 'LOB', value: 'yacht' });
    expect(
      db.prepare(`SELECT first_name, last_name, current_premium, policy_expiration_date, source FROM leads`).all(),
    ).toEqual([
      {
        first_name: 'Ana',
        last_name: 'Silva',
        current_premium: 1234.5,
        policy_expiration_date: '2026-06-30',
        source: 'import',
      },
    ]);
  });
});

describe('import batches on the gateway', () => {
  it('replayed on Postgres under row-level security, store the same records', async () => {
    const { db, deps } = await replica();
    const path = file('messy-pg.csv', iconv.encode(MESSY, 'windows-1252'));
    await runImport(deps, { kind: 'clients', file: path });
    const pgStore = await createStore('postgres');
    stores.push(pgStore);
    const people: People = await seedPeople(pgStore);
    const outbox = db.prepare(`SELECT name, args, created_at FROM outbox ORDER BY seq`).all() as Array<{
      name: MutationName;
      args: string;
      created_at: string;
    }>;
    for (const m of outbox) await pgStore.run(m.name, JSON.parse(m.args), people.agent, m.created_at);
    const pick = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) => ({
        id: r.id,
        first_name: r.first_name,
        email: r.email,
        address_id: r.address_id,
        created_at: r.created_at,
      }));
    const local = db
      .prepare(`SELECT id, first_name, email, address_id, created_at FROM clients ORDER BY id`)
      .all() as Array<Record<string, unknown>>;
    const server = (await pgStore.find('clients')).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(pick(server as never)).toEqual(pick(local));
    expect(server).toHaveLength(4);
  });
});
