/**
 * Importing policy terms from a real CSV after the clients came in from another: the client found
 * by the external id the client import kept, by email, or by name and birth date; the carrier by
 * name whatever its case; exact counts and an exact report; duplicates by carrier and policy
 * number; undo; and the batches replayed on Postgres store the same terms.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport, type ImportDeps } from '../../electron/main/import/job';
import { importIssues, undoImport, writeReport } from '../../electron/main/import/undo';
import { suggestMapping } from '../../shared/import/mapping';
import type { MutationName } from '../../shared/mutations/registry';
import { createStore, replicaOf, seedPeople, type Store } from '../support/stores';

const dir = mkdtempSync(join(tmpdir(), 'fieldline-import-policies-'));
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

function file(name: string, text: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const CLIENTS =
  'Client ID,First Name,Last Name,Email,DOB\n' +
  'C-100,Ann,Baker,ann@example.com,01/02/1980\n' +
  'C-101,Bob,Carter,bob@example.com,03/04/1975\n' +
  'C-102,Cy,Dunn,,05/06/1990\n';

const HEADER =
  'Policy #,Company,LOB,Eff Date,Exp Date,Written Premium,Bill Type,Comm %,Client ID,Client Email,Insured Name,DOB,Status';
const POLICIES =
  `${HEADER}\n` +
  'HO-1001,progressive,home,01/01/2026,01/01/2027,"$1,200.00",direct,15%,C-100,,,,Active\n' +
  'AU-2002,PROGRESSIVE,auto,02/01/2026,08/01/2026,$640,Agency Bill,12,,BOB@example.com,,,pending\n' +
  'HO-3003,Travelers,Homeowners,03/01/2026,03/01/2027,900,,,,,"Dunn, Cy",05/06/1990,\n' +
  'HO 1001,Progressive,home,01/01/2026,01/01/2027,1250,direct,15,C-100,,,,active\n' +
  'X-1,Acme Mutual,auto,01/01/2026,01/01/2027,100,,,C-100,,,,\n' +
  'X-2,Safeco,auto,01/01/2026,01/01/2027,100,,,C-999,,,,\n' +
  'X-3,Safeco,auto,04/01/2026,03/01/2026,100,,,C-101,,,,\n' +
  'X-4,Safeco,auto,01/01/2026,01/01/2027,100,,,C-101,,,,expired\n' +
  'X-5,Safeco,auto,01/01/2026,01/01/2027,lots,,,C-101,,,,\n' +
  'X-6,Safeco,auto,01/01/2026,01/01/2027,100,,,,,,,\n';

const EXPECTED_REPORT = [
  'row,column,value,reason',
  '6,Company,Acme Mutual,is not a carrier in the book (add it under Carriers first)',
  '7,Client ID,C-999,matches no client in the book (import the clients first)',
  '8,Exp Date,03/01/2026,must be after effective_date',
  '9,Status,expired,"is neither active nor pending (import the terms in force; expired and cancelled terms are history)"',
  '10,Written Premium,lots,is not an amount of money',
  '11,Client ID,,"is required: the client\'s external id, id or email, or the client\'s email, or name and date of birth"',
  '',
].join('\r\n');

describe('importing policy terms', () => {
  it('maps the usual AMS headers to the policy fields', () => {
    expect(suggestMapping('policies', HEADER.split(','))).toEqual([
      'policy_number',
      'carrier',
      'insurance_type',
      'effective_date',
      'expiration_date',
      'written_premium',
      'billing',
      'commission_rate',
      'client_key',
      'client_email',
      'client_name',
      'client_date_of_birth',
      'status',
    ]);
    expect(suggestMapping('policies', ['Pol No', 'Carrier', 'Premium', 'Exp Date', 'Eff Date'])).toEqual([
      'policy_number',
      'carrier',
      'written_premium',
      'expiration_date',
      'effective_date',
    ]);
  });

  it('imports a policies CSV against clients imported from another, with exact counts and report', async () => {
    const { db, deps } = await replica();
    const clients = await runImport(deps, { kind: 'clients', file: file('clients.csv', CLIENTS) });
    expect(clients).toMatchObject({ rows: 3, created: 3, invalid: 0 });
    const byName = (last: string) =>
      (db.prepare('SELECT id FROM clients WHERE last_name = ?').get(last) as { id: string }).id;

    const result = await runImport(deps, {
      kind: 'policies',
      file: file('policies.csv', POLICIES),
      onDuplicate: 'skip',
    });
    expect(result).toMatchObject({ rows: 10, created: 3, updated: 0, skipped: 1, invalid: 6, status: 'done' });

    const terms = db
      .prepare(
        `SELECT p.policy_number, c.name AS carrier, t.code AS line, p.client_id, p.status, p.effective_date,
                p.expiration_date, p.written_premium, p.billing, p.commission_rate, p.commission_amount
           FROM policies p JOIN carriers c ON c.id = p.carrier_id JOIN insurance_types t ON t.id = p.insurance_type_id
          ORDER BY p.policy_number`,
      )
      .all();
    expect(terms).toEqual([
      {
        policy_number: 'AU-2002',
        carrier: 'Progressive',
        line: 'auto',
        client_id: byName('Carter'),
        status: 'pending',
        effective_date: '2026-02-01',
        expiration_date: '2026-08-01',
        written_premium: 640,
        billing: 'agency',
        commission_rate: 12,
        commission_amount: 76.8,
      },
      {
        policy_number: 'HO-1001',
        carrier: 'Progressive',
        line: 'home',
        client_id: byName('Baker'),
        status: 'active',
        effective_date: '2026-01-01',
        expiration_date: '2027-01-01',
        written_premium: 1200,
        billing: 'direct',
        commission_rate: 15,
        commission_amount: 180,
      },
      {
        policy_number: 'HO-3003',
        carrier: 'Travelers',
        line: 'home',
        client_id: byName('Dunn'),
        status: 'active',
        effective_date: '2026-03-01',
        expiration_date: '2027-03-01',
        written_premium: 900,
        billing: 'direct',
        commission_rate: null,
        commission_amount: null,
      },
    ]);
    expect(
      db
        .prepare(`SELECT row, outcome, match_key FROM import_rows WHERE import_id = ? AND row = 5`)
        .get(result.import_id),
    ).toMatchObject({ outcome: 'skipped', match_key: expect.stringMatching(/^policy:.+\|HO1001$/) });
    // One importBatch per batch of two created rows (2 + 1), after the client import's.
    const entries = db.prepare('SELECT name, args FROM outbox ORDER BY seq').all() as { name: string; args: string }[];
    // The outbox text is built from each row's JSON: it must be exactly what stringifying the args gives.
    for (const e of entries) expect(JSON.stringify(JSON.parse(e.args))).toBe(e.args);
    const names = entries.map((r) => r.name);
    expect(names.filter((n) => n === 'importBatch')).toHaveLength(2 + 2);

    const report = join(dir, 'policies-report.csv');
    await writeReport(report, importIssues(deps, result.import_id));
    expect(readFileSync(report, 'utf8')).toBe(EXPECTED_REPORT);

    // The same file again, updating what it matched: the premium of HO-1001 follows row 5.
    const again = await runImport(deps, {
      kind: 'policies',
      file: file('policies-again.csv', `${HEADER}\nHO 1001,Progressive,home,01/01/2026,01/01/2027,1250,,,C-100,,,,\n`),
      onDuplicate: 'update',
    });
    expect(again).toMatchObject({ rows: 1, created: 0, updated: 1 });
    expect(db.prepare(`SELECT written_premium FROM policies WHERE policy_number = 'HO-1001'`).get()).toEqual({
      written_premium: 1250,
    });

    const undone = await undoImport(deps, result.import_id);
    expect(undone).toMatchObject({ records: 3, deleted: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM policies WHERE deleted_at IS NULL').get()).toEqual({ n: 0 });
  });

  it('replayed on Postgres, stores the same terms', async () => {
    const { db, deps } = await replica();
    await runImport(deps, { kind: 'clients', file: file('clients-pg.csv', CLIENTS) });
    await runImport(deps, { kind: 'policies', file: file('policies-pg.csv', POLICIES) });
    const pgStore = await createStore('postgres');
    stores.push(pgStore);
    const people = await seedPeople(pgStore);
    const outbox = db.prepare(`SELECT name, args, created_at FROM outbox ORDER BY seq`).all() as Array<{
      name: MutationName;
      args: string;
      created_at: string;
    }>;
    for (const m of outbox) await pgStore.run(m.name, JSON.parse(m.args), people.agent, m.created_at);
    const pick = (rows: Array<Record<string, unknown>>) =>
      rows
        .map((r) => ({ id: r.id, client_id: r.client_id, policy_number: r.policy_number, premium: r.written_premium }))
        .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    const local = db.prepare(`SELECT * FROM policies`).all() as Array<Record<string, unknown>>;
    const server = await pgStore.find('policies');
    expect(local).toHaveLength(3);
    expect(pick(server as never)).toEqual(pick(local));
  });
});
