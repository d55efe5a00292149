/**
 * Export: lists streamed to CSV and XLSX, formula-looking cells escaped (CSV) or kept as text
 * (XLSX), the whole book as one workbook, and the round trip: an export imported into an empty
 * replica gives the same records.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBook, exportList } from '../../electron/main/export/export';
import { runImport } from '../../electron/main/import/job';
import { importIssues } from '../../electron/main/import/undo';
import { escapeFormula, unescapeFormula } from '../../shared/export/cells';
import { INSURANCE_TYPES } from '../../shared/lookups';
import { createStore, replicaOf, seedPeople, type Store } from '../support/stores';

const dir = mkdtempSync(join(tmpdir(), 'fieldline-export-'));
let stores: Store[] = [];
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
});

async function replica() {
  const store = await createStore('sqlite');
  stores.push(store);
  const people = await seedPeople(store);
  return { store, people, db: replicaOf(store) };
}

const auto = INSURANCE_TYPES.find((t) => t.code === 'auto')!.id;

async function book() {
  const r = await replica();
  const { store, people } = r;
  const a = await store.run(
    'createClient',
    {
      client_type: 'individual',
      first_name: '=cmd|calc',
      last_name: 'Álvarez',
      email: 'a@x.com',
      phone: '+12175550101',
      date_of_birth: '1980-01-02',
    },
    people.agent,
  );
  await store.run(
    'upsertAddress',
    { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', link: { client_id: a.id } },
    people.agent,
  );
  const b = await store.run(
    'createClient',
    { client_type: 'business', business_name: '@SUM(1+1)', email: 'b@x.com', fein: '12-3456789' },
    people.agent,
  );
  await store.run(
    'addContact',
    { client_id: b.id, first_name: 'Pat', last_name: '-Lee', job_title: 'CFO' },
    people.agent,
  );
  await store.run('addNote', { client_id: a.id, body: '+1 line\nsecond; "quoted"' }, people.agent);
  await store.run(
    'createLead',
    {
      first_name: 'Lu',
      last_name: 'Zhang',
      insurance_type_id: auto,
      quoted_premium: 1234.5,
      tags: ['hot', 'web'],
      policy_expiration_date: '2026-06-30',
    },
    people.agent,
  );
  return r;
}

describe('export', () => {
  it('escapes cells a spreadsheet would run, and reads them back', () => {
    for (const v of ['=1+1', '+1 line', '-Lee', '@SUM(1)', '\tx', '\rx'])
      expect([escapeFormula(v), unescapeFormula(escapeFormula(v))]).toEqual([`'${v}`, v]);
    expect(escapeFormula('-250.5')).toBe('-250.5');
    expect(escapeFormula('Lee')).toBe('Lee');
  });

  it('writes CSV with formula-looking cells escaped', async () => {
    const { db } = await book();
    const out = join(dir, 'clients.csv');
    expect(await exportList(db, 'clients', out)).toMatchObject({ rows: 2 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffExternal id,Type,First name,')).toBe(true);
    expect(text).toContain(",'=cmd|calc,");
    expect(text).toContain(",'@SUM(1+1),");
    expect(text).not.toMatch(/,=|,@/);
  });

  it('writes XLSX whose formula-looking text stays text', async () => {
    const { db } = await book();
    const out = join(dir, 'contacts.xlsx');
    await exportList(db, 'contacts', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.worksheets[0]!.getRow(2).getCell(3);
    expect([cell.value, cell.type]).toEqual(['-Lee', ExcelJS.ValueType.String]);
  });

  it('filters leads by status and line of business', async () => {
    const { db } = await book();
    expect(await exportList(db, 'leads', join(dir, 'l1.csv'), { type: 'auto', status: 'new' })).toMatchObject({
      rows: 1,
    });
    expect(await exportList(db, 'leads', join(dir, 'l2.csv'), { type: 'home' })).toMatchObject({ rows: 0 });
  });

  it("filters leads by the Leads list's X-date window, both days included", async () => {
    const { db } = await book();
    const leads = db.prepare('SELECT id FROM leads WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
    expect(leads.length).toBeGreaterThan(0);
    db.prepare('UPDATE leads SET policy_expiration_date = ? WHERE id = ?').run('2031-03-15', leads[0]);
    const count = async (f: Parameters<typeof exportList>[3]) =>
      (await exportList(db, 'leads', join(dir, 'x.csv'), f)).rows;
    expect(await count({ xdate_from: '2031-03-15', xdate_to: '2031-03-15' })).toBe(1);
    expect(await count({ xdate_from: '2031-03-16' })).toBe(0);
    expect(await count({ xdate_to: '2031-03-14' })).toBe(0);
    expect(await count({})).toBe(leads.length);
  });

  it('exports the whole book as one workbook, a sheet per table', async () => {
    const { db } = await book();
    const out = join(dir, 'book.xlsx');
    const r = await exportBook(db, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBe(r.tables);
    const clients = wb.getWorksheet('clients')!;
    expect(clients.rowCount).toBe(3);
  });

  it('round trip: export, then import into an empty replica, gives the same records', async () => {
    const { db } = await book();
    const empty = await replica();
    const deps = { db: empty.db, actor: () => empty.people.agent };
    for (const [kind, ext] of [
      ['clients', 'csv'],
      ['leads', 'xlsx'],
      ['contacts', 'csv'],
      ['notes', 'xlsx'],
    ] as const) {
      const out = join(dir, `rt-${kind}.${ext}`);
      await exportList(db, kind, out);
      const r = await runImport(deps, { kind, file: out, mapping: { dateOrder: 'YMD' } });
      expect([...importIssues({ db: empty.db }, r.import_id)], kind).toEqual([]);
      expect(r, kind).toMatchObject({ invalid: 0, skipped: 0 });
    }
    const clients = `SELECT c.client_type, c.first_name, c.last_name, c.business_name, c.email, c.phone, c.date_of_birth, c.fein,
        a.line1, a.city, a.state, a.postal_code FROM clients c LEFT JOIN addresses a ON a.id = c.address_id ORDER BY c.email`;
    expect(empty.db.prepare(clients).all()).toEqual(db.prepare(clients).all());
    const leads = `SELECT first_name, last_name, insurance_type_id, quoted_premium, tags, policy_expiration_date FROM leads`;
    expect(empty.db.prepare(leads).all()).toEqual(db.prepare(leads).all());
    const contacts = `SELECT c.email AS parent, k.first_name, k.last_name, k.job_title FROM contacts k JOIN clients c ON c.id = k.client_id`;
    expect(empty.db.prepare(contacts).all()).toEqual(db.prepare(contacts).all());
    const notes = `SELECT c.email AS parent, n.body FROM lead_notes n JOIN clients c ON c.id = n.client_id`;
    expect(empty.db.prepare(notes).all()).toEqual(db.prepare(notes).all());
  });
});
