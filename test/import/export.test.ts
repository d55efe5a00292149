/**
 * Export: lists streamed to CSV and XLSX, formula-looking cells escaped (CSV) or kept as text
 * (XLSX), the whole book as one workbook, and the round trip: an export imported into an empty
 * replica gives the same records.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBook, exportList } from '../../electron/main/export/export';
import { runImport } from '../../electron/main/import/job';
import { importIssues } from '../../electron/main/import/undo';
import { addDaysToDate } from '../../shared/book/terms';
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
  // Two terms (one renewing within 30 days, one in about 200) and a ticket.
  const carrier = (name: string) =>
    (r.db.prepare('SELECT id FROM carriers WHERE name = ?').get(name) as { id: string }).id;
  const today = new Date().toISOString().slice(0, 10);
  await store.run(
    'addPolicy',
    {
      client_id: a.id,
      carrier_id: carrier('Safeco'),
      insurance_type_id: auto,
      policy_number: '=AU-1',
      effective_date: addDaysToDate(today, -335),
      expiration_date: addDaysToDate(today, 30),
      written_premium: 1200,
      billing: 'agency',
      commission_rate: 12.5,
    },
    people.agent,
  );
  await store.run(
    'addPolicy',
    {
      client_id: b.id,
      carrier_id: carrier('Travelers'),
      insurance_type_id: INSURANCE_TYPES.find((t) => t.code === 'bop')!.id,
      policy_number: 'BOP-2',
      status: 'pending',
      effective_date: addDaysToDate(today, -165),
      expiration_date: addDaysToDate(today, 200),
      written_premium: 4100.25,
    },
    people.agent,
  );
  await store.run(
    'createTicket',
    { client_id: b.id, subject: '-Billing question', priority: 'high', issue_type: 'billing' },
    people.agent,
  );
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

  it('exports policies, the renewal list by its days window, and tickets, escaped', async () => {
    const { db } = await book();
    const policies = join(dir, 'policies.csv');
    expect(await exportList(db, 'policies', policies)).toMatchObject({ rows: 2 });
    const text = readFileSync(policies, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffPolicy number,Carrier,Line of business,Status,Effective date,Expiration date,Written premium,Billing,' +
        'Commission %,Client,Client name,Client email',
    );
    expect(text).toContain("'=AU-1,Safeco,auto,active,");
    expect(text).toContain(',1200,agency,12.5,');
    expect(await exportList(db, 'policies', join(dir, 'p2.csv'), { status: 'pending' })).toMatchObject({ rows: 1 });
    expect(await exportList(db, 'renewals', join(dir, 'r30.csv'), { days: 30 })).toMatchObject({ rows: 1 });
    expect(await exportList(db, 'renewals', join(dir, 'r365.xlsx'), { days: 365 })).toMatchObject({ rows: 2 });
    const tickets = join(dir, 'tickets.csv');
    expect(await exportList(db, 'tickets', tickets, { status: 'open' })).toMatchObject({ rows: 1 });
    expect(readFileSync(tickets, 'utf8')).toContain("\r\n'-Billing question,open,high,billing,");
    await expect(exportList(db, 'tickets', join(dir, 't.csv'), { status: 'shut' })).rejects.toThrow(
      /unknown ticket status "shut"/,
    );
  });

  it('exports the whole book as a zip of CSV files, one per table, every cell escaped', async () => {
    const { db } = await book();
    const out = join(dir, 'book.zip');
    const r = await exportBook(db, out);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(r.tables);
    expect(names).toContain('policies.csv');
    const clients = await zip.file('clients.csv')!.async('string');
    expect(clients.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(clients).toContain(",'=cmd|calc,");
    const policies = await zip.file('policies.csv')!.async('string');
    expect(policies).toContain(",'=AU-1,");
    const total = (
      await Promise.all(
        names.map(async (n) => (await zip.file(n)!.async('string')).split('\r\n').filter(Boolean).length - 1),
      )
    ).reduce((a, b) => a + b, 0);
    expect(total).toBe(r.rows);
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

  it('round trip of clients and their policies: export both, import into an empty replica, same terms', async () => {
    const { db } = await book();
    const empty = await replica();
    const deps = { db: empty.db, actor: () => empty.people.agent };
    for (const [kind, ext] of [
      ['clients', 'csv'],
      ['policies', 'xlsx'],
    ] as const) {
      const out = join(dir, `rt2-${kind}.${ext}`);
      await exportList(db, kind, out);
      const r = await runImport(deps, { kind, file: out, mapping: { dateOrder: 'YMD' } });
      expect([...importIssues({ db: empty.db }, r.import_id)], kind).toEqual([]);
      expect(r, kind).toMatchObject({ created: 2, invalid: 0, skipped: 0 });
    }
    const terms = `SELECT c.email, p.policy_number, k.name AS carrier, p.insurance_type_id, p.status, p.effective_date,
        p.expiration_date, p.term_months, p.written_premium, p.billing, p.commission_rate, p.commission_amount
        FROM policies p JOIN clients c ON c.id = p.client_id JOIN carriers k ON k.id = p.carrier_id ORDER BY p.policy_number`;
    expect(empty.db.prepare(terms).all()).toHaveLength(2);
    expect(empty.db.prepare(terms).all()).toEqual(db.prepare(terms).all());
  });
});
