/**
 * The import CLI as a person runs it: JSON on stdout, --help, dry run, report, undo, and a
 * process killed with SIGKILL in the middle of an import, resumed, ending with every valid row
 * exactly once.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'fieldline-cli-import-'));
const env = { ...process.env, NODE_NO_WARNINGS: '1' };

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { cwd: ROOT, timeout: 120_000, env },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** N clients, every 10th with a bad email, every 25th a repeat of the row before (same email). */
function bigFile(n: number) {
  const lines = ['External ID,First Name,Last Name,Email'];
  let valid = 0;
  for (let i = 1; i <= n; i++) {
    const bad = i % 10 === 0;
    const repeat = i % 25 === 2 && i > 2;
    const email = bad ? `c${i}-at-example` : repeat ? `c${i - 1}@example.com` : `c${i}@example.com`;
    if (!bad && !repeat) valid++;
    lines.push(`X-${i},First${i},Last${i},${email}`);
  }
  return { text: `${lines.join('\n')}\n`, valid };
}

describe('import CLI', { timeout: 240_000 }, () => {
  it('answers --help and refuses bad options in one line', async () => {
    for (const cmd of ['import', 'undo-import', 'leads', 'seed']) {
      const r = await cli(cmd, '--help');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).usage).toMatch(new RegExp(`^cli ${cmd} `));
    }
    const bad = await cli('import', '--db', join(dir, 'x.db'), '--kind', 'policies2', '--file', 'x.csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--kind must be one of clients|leads|contacts|notes');
  });

  it('dry run, import, report and undo', async () => {
    const db = join(dir, 'a.db');
    const csv = join(dir, 'small.csv');
    writeFileSync(csv, bigFile(60).text);
    const dry = JSON.parse((await cli('import', '--db', db, '--kind', 'clients', '--file', csv, '--dry-run')).stdout);
    expect(dry).toMatchObject({ rows: 60, created: 52, skipped: 2, invalid: 6, dry_run: true });
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 0 });
    conn.close();
    const report = join(dir, 'report.csv');
    const real = JSON.parse(
      (await cli('import', '--db', db, '--kind', 'clients', '--file', csv, '--report', report, '--save-mapping', 'crm'))
        .stdout,
    );
    expect(real).toMatchObject({ rows: 60, created: 52, updated: 0, skipped: 2, invalid: 6, dry_run: false });
    const lines = readFileSync(report, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('row,column,value,reason');
    expect(lines[1]).toBe('11,Email,c10-at-example,is not a valid email address');
    expect(lines).toHaveLength(7);
    const again = JSON.parse(
      (await cli('import', '--db', db, '--kind', 'clients', '--file', csv, '--mapping', 'crm')).stdout,
    );
    expect(again).toMatchObject({ created: 0, skipped: 54, invalid: 6 });
    const undo = JSON.parse((await cli('undo-import', '--db', db, '--import', real.import_id)).stdout);
    expect(undo).toEqual({ import_id: real.import_id, records: 52, deleted: 52 });
  });

  it('imports policies after their clients, and exports them, the renewals and the book as a zip', async () => {
    const db = join(dir, 'p.db');
    const clients = join(dir, 'p-clients.csv');
    writeFileSync(clients, 'Client ID,First Name,Last Name,Email\nC-1,Ann,Baker,ann@example.com\nC-2,Bob,Carter,\n');
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const policies = join(dir, 'p-policies.csv');
    writeFileSync(
      policies,
      'Pol No,Carrier,LOB,Eff Date,Exp Date,Premium,Client #\n' +
        `AU-1,safeco,auto,2025-01-01,${soon},900,C-1\n` +
        `HO-2,Travelers,home,2025-06-01,${later},1400,C-2\n` +
        `HO-3,Nobody Mutual,home,2025-06-01,${later},1400,C-2\n`,
    );
    const c = JSON.parse((await cli('import', '--db', db, '--kind', 'clients', '--file', clients)).stdout);
    expect(c).toMatchObject({ created: 2, invalid: 0 });
    const report = join(dir, 'p-report.csv');
    const p = await cli('import', '--db', db, '--kind', 'policies', '--file', policies, '--report', report);
    expect(p.stderr).toBe('');
    expect(JSON.parse(p.stdout)).toMatchObject({ rows: 3, created: 2, invalid: 1 });
    expect(readFileSync(report, 'utf8')).toContain(
      '4,Carrier,Nobody Mutual,is not a carrier in the book (add it under Carriers first)',
    );
    const out = join(dir, 'renewals.csv');
    const r = JSON.parse((await cli('export', '--db', db, '--kind', 'renewals', '--days', '30', '--out', out)).stdout);
    expect(r).toMatchObject({ kind: 'renewals', rows: 1 });
    expect(readFileSync(out, 'utf8')).toContain('AU-1,Safeco,auto,active,');
    const zip = join(dir, 'book.zip');
    const b = JSON.parse((await cli('export', '--db', db, '--kind', 'book', '--out', zip)).stdout);
    expect(b).toMatchObject({ kind: 'book', out: zip });
    expect(b.rows).toBeGreaterThanOrEqual(4);
  });

  it('a process killed mid-import and resumed ends with every valid row exactly once', async () => {
    const db = join(dir, 'kill.db');
    const csv = join(dir, 'big.csv');
    const { text, valid } = bigFile(4_000);
    writeFileSync(csv, text);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ENTRY, 'import', '--db', db, '--kind', 'clients', '--file', csv, '--batch-rows', '20'],
      { cwd: ROOT, env, stdio: 'ignore' },
    );
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    // Kill it once some batches are committed but not all.
    let position = 0;
    for (let i = 0; i < 600 && position < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const conn = new Database(db, { readonly: true, fileMustExist: true });
        position = (conn.prepare('SELECT max(position) AS p FROM import_jobs').get() as { p: number | null }).p ?? 0;
        conn.close();
      } catch {
        // not created or migrated yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    const conn = new Database(db, { readonly: true });
    const job = conn.prepare('SELECT id, status, position FROM import_jobs').get() as {
      id: string;
      status: string;
      position: number;
    };
    conn.close();
    expect(job.status).toBe('running');
    expect(job.position).toBeGreaterThan(0);
    expect(job.position).toBeLessThan(4_001);

    const resumed = JSON.parse((await cli('import', '--db', db, '--resume', job.id)).stdout);
    expect(resumed).toMatchObject({ import_id: job.id, rows: 4_000, created: valid, status: 'done' });
    const check = new Database(db, { readonly: true });
    const counts = check
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT json_extract(custom_fields, '$.external_id')) AS ext, count(DISTINCT email) AS emails FROM clients`,
      )
      .get();
    expect(counts).toEqual({ n: valid, ext: valid, emails: valid });
    const outbox = check
      .prepare(`SELECT sum(json_array_length(args, '$.items')) AS items FROM outbox WHERE name = 'importBatch'`)
      .get();
    expect(outbox).toEqual({ items: valid });
    expect(check.prepare(`SELECT count(*) AS n FROM import_rows WHERE import_id = ?`).get(job.id)).toEqual({
      n: 4_000,
    });
    check.close();
  });
});
