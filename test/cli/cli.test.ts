/**
 * The headless CLI as a real process on a real replica file: the happy path of a lead's life,
 * then bad input to each command (non-zero exit, exactly one line on stderr, nothing on stdout).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LeadDetail, LeadPage, SearchResult, ClientDetail } from '../../shared/api/types';
import { uuidv7 } from '../../shared/ids';
import { openApp } from '../../electron/main/app';
import { createLead, INS, STATUS } from '../queries/support';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'fieldline-cli-'));
const db = join(dir, 'replica.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cli/main.ts <args>` under Node with the tsx loader, as `npm run cli --` does. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

async function ok<T>(...args: string[]): Promise<T> {
  const r = await cli(...args);
  expect(r.stderr, `cli ${args.join(' ')}`).toBe('');
  expect(r.code, `cli ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('cli', { timeout: 180_000 }, () => {
  const lead = { id: '', other: '' };

  it('add-lead prints the new lead with its id, creating the replica', async () => {
    const created = await ok<Record<string, unknown>>(
      'add-lead',
      '--db',
      db,
      '--first',
      'Mirela',
      '--last',
      'Okonkwo',
      '--email',
      'mirela@example.test',
      '--phone',
      '555-201-3344',
      '--status',
      'quoted',
    );
    expect(created).toMatchObject({
      first_name: 'Mirela',
      last_name: 'Okonkwo',
      email: 'mirela@example.test',
      insurance_type_id: INS.auto,
      status_id: STATUS.quoted,
      is_converted: false,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    lead.id = String(created.id);
    // A second lead, written in-process to spare a process; the CLI opens the same file next.
    const app = openApp(db);
    lead.other = (await createLead(app, { first_name: 'Tomas', last_name: 'Brandt', insurance_type_id: INS.home })).id;
    app.close();
  });

  it('add-note adds a note to the lead', async () => {
    const note = await ok<Record<string, unknown>>(
      'add-note',
      '--db',
      db,
      '--lead',
      lead.id,
      '--body',
      'Asked about a "multi-car" discount (NEAR renewal)',
    );
    expect(note).toMatchObject({ lead_id: lead.id, body: 'Asked about a "multi-car" discount (NEAR renewal)' });
  });

  it('leads filters by --status, --type and --limit', async () => {
    const byStatus = await ok<LeadPage>('leads', '--db', db, '--status', 'Quoted', '--type', 'Personal Auto');
    expect(byStatus.items.map((i) => i.id)).toEqual([lead.id]);
    const limited = await ok<LeadPage>('leads', '--db', db, '--limit', '1');
    expect(limited.items).toHaveLength(1);
    expect(limited.next).not.toBeNull();
  });

  it('search finds the note, highlighted', async () => {
    const results = await ok<SearchResult[]>('search', '--db', db, 'multi-car discount');
    expect(results.map((r) => r.kind)).toEqual(['note']);
    expect(results[0]).toMatchObject({ lead_id: lead.id });
    expect(results[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['multi', 'car', 'discount']);
  });

  it('convert --lead makes the lead a client; show --lead prints its timeline and its client', async () => {
    const converted = await ok<{ lead_id: string; client_id: string }>('convert', '--db', db, '--lead', lead.id);
    expect(converted).toMatchObject({ lead_id: lead.id, client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const shown = await ok<LeadDetail & { client_detail: ClientDetail }>('show', '--db', db, '--lead', lead.id);
    expect(shown.lead).toMatchObject({
      id: lead.id,
      last_name: 'Okonkwo',
      is_converted: true,
      converted_to_client_id: converted.client_id,
    });
    expect(shown.timeline.map((i) => i.kind).sort()).toEqual(['event', 'event', 'note', 'opportunity']);
    expect(shown.timeline[shown.timeline.length - 1]).toMatchObject({ kind: 'event', title: 'created' });
    expect(shown.client).toMatchObject({ id: converted.client_id, last_name: 'Okonkwo' });
    expect(shown.client_detail.client.id).toBe(converted.client_id);
    expect(shown.client_detail.leads.map((l) => l.lead_id)).toEqual([lead.id]);
    expect(shown.client_detail.timeline.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['note', 'event', 'opportunity']),
    );
  });

  it('bad input: exits non-zero with one line on stderr, and writes nothing', async () => {
    const missing = join(dir, 'nope', 'missing.db');
    const cases: Array<[args: string[], says: RegExp]> = [
      [['frobnicate', '--db', db], /^invalid_input: usage: cli <.*\(unknown command "frobnicate"\)$/],
      [['leads'], /^invalid_input: db: --db FILE is required$/],
      [['leads', '--db', db, '--limit', 'abc'], /^invalid_input: limit: /],
      [['leads', '--db', db, '--stauts', 'quoted'], /^invalid_input: Unknown option '--stauts'/],
      [['search', '--db', missing, 'anything'], /^not_found: no replica at .*missing\.db$/],
      [['show', '--db', db, '--lead', uuidv7()], /^not_found: lead .* does not exist$/],
      [['add-lead', '--db', db, '--first', 'No'], /^invalid_input: last: --last NAME is required$/],
      [['add-note', '--db', db, '--lead'], /^invalid_input: Option '--lead <value>' argument missing$/],
      [['add-note', '--db', db, '--lead', lead.other], /^invalid_input: body: --body TEXT is required$/],
      [['convert', '--db', db, '--lead', lead.id], /^precondition_failed: lead .* was already converted/],
    ];
    const runs: Run[] = [];
    // A few at a time: each process costs one to two seconds of CPU.
    for (let i = 0; i < cases.length; i += 3)
      runs.push(...(await Promise.all(cases.slice(i, i + 3).map(([args]) => cli(...args)))));
    cases.forEach(([args, says], i) => {
      const r = runs[i]!;
      const label = `cli ${args.join(' ')} → ${r.stderr}`;
      expect(r.code, label).not.toBe(0);
      expect(r.stdout, label).toBe('');
      expect(r.stderr.endsWith('\n'), label).toBe(true);
      expect(r.stderr.trimEnd().split('\n'), label).toHaveLength(1);
      expect(r.stderr.trimEnd(), label).toMatch(says);
    });
    // Reading commands never create a replica; failed ones wrote nothing.
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    const won = await ok<LeadPage>('leads', '--db', db, '--status', 'converted');
    expect(won.items.map((i) => i.id)).toEqual([lead.id]);
    const app = openApp(db);
    expect(app.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 4 });
    app.close();
  });
});

describe('the book of business from the CLI', { timeout: 180_000 }, () => {
  const bookDb = join(dir, 'book.db');
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  it('converts with a carrier, adds and renews a policy, and lists renewals, policies and X-dates', async () => {
    const app = openApp(bookDb);
    let leadId: string;
    let xdateLead: string;
    try {
      leadId = (await createLead(app, { last_name: 'Okafor', quoted_premium: 1500 })).id;
      xdateLead = (await createLead(app, { last_name: 'Xu', policy_expiration_date: inDays(30) })).id;
    } finally {
      app.close();
    }
    const converted = await ok<{ client_id: string; policy_id: string }>(
      'convert',
      '--db',
      bookDb,
      '--lead',
      leadId,
      '--carrier',
      'travelers',
      '--policy-number',
      'TRV-100-200',
      '--effective',
      inDays(-340),
    );
    expect(converted.policy_id).toMatch(/^[0-9a-f-]{36}$/);
    const added = await ok<{ id: string; term_months: number }>(
      'add-policy',
      '--db',
      bookDb,
      '--client',
      converted.client_id,
      '--carrier',
      'Safeco',
      '--line',
      'home',
      '--number',
      'HO-77',
      '--effective',
      inDays(-300),
      '--expires',
      inDays(65),
      '--premium',
      '980',
    );
    expect(added.term_months).toBe(12);
    const renewals = await ok<Array<{ id: string; policy_number: string }>>('renewals', '--db', bookDb, '--days', '30');
    expect(renewals.map((r) => r.policy_number)).toEqual(['TRV-100-200']);
    const next = await ok<{ renews_policy_id: string; written_premium: number; premium_change_pct: number }>(
      'renew',
      '--db',
      bookDb,
      '--policy',
      converted.policy_id,
      '--premium',
      '1650',
    );
    expect(next).toMatchObject({
      renews_policy_id: converted.policy_id,
      written_premium: 1650,
      premium_change_pct: 10,
    });
    const all = await ok<Array<{ status: string }>>('policies', '--db', bookDb, '--client', converted.client_id);
    expect(all.map((p) => p.status).sort()).toEqual(['active', 'active', 'renewed']);
    expect(await ok<unknown[]>('policies', '--db', bookDb, '--status', 'renewed', '--limit', '5')).toHaveLength(1);
    expect(
      (await ok<Array<{ lead_id: string }>>('xdates', '--db', bookDb, '--days', '45')).map((x) => x.lead_id),
    ).toEqual([xdateLead]);
  });

  it.each([
    [
      [
        'add-policy',
        '--db',
        'BOOK',
        '--client',
        'x',
        '--carrier',
        'Nope Mutual',
        '--line',
        'auto',
        '--number',
        'A',
        '--effective',
        '2025-01-01',
        '--expires',
        '2026-01-01',
        '--premium',
        '1',
      ],
      /^not_found: unknown carrier "Nope Mutual"$/,
    ],
    [
      [
        'add-policy',
        '--db',
        'BOOK',
        '--client',
        'x',
        '--carrier',
        'Safeco',
        '--line',
        'auto',
        '--number',
        'A',
        '--effective',
        '2025-01-01',
        '--expires',
        '2024-01-01',
        '--premium',
        '1',
      ],
      /^invalid_input: /,
    ],
    [['renew', '--db', 'BOOK', '--policy', uuidv7()], /^invalid_input: premium: --premium N is required$/],
    [['renewals', '--db', 'BOOK', '--days', '0'], /^invalid_input: days: /],
    [['policies', '--db', 'BOOK', '--status', 'lapsed'], /^invalid_input: status: /],
  ])('%j fails with one line', async (args, says) => {
    const run = await cli(...args.map((a) => (a === 'BOOK' ? bookDb : a)));
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(says);
  });
});
