/**
 * The import wizard's commands and the download path, through the command bus and the web host:
 * a file sent up in ordered chunks, the preview as stored, progress that moves with the change
 * feed (one event per committed batch), undo, and prepared files served as attachments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { startWebHost, type WebHost } from '../../electron/main/web-host/server';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/api/contract';
import type { ImportRun } from '../../shared/api/files';
import type { Result } from '../../shared/errors';

let dir: string;
let app: FieldlineApp;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldline-wizard-'));
  app = openApp(join(dir, 'replica.db'));
  host = await startWebHost({ dispatch: app.dispatch, changes: app.changes, downloads: app.downloads });
});
afterAll(async () => {
  await host.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const raw = <C extends CommandName>(c: C, input: CommandInput<C>) =>
  app.dispatch(c, input) as Promise<Result<CommandOutput<C>>>;
async function ok<C extends CommandName>(c: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
  const r = await raw(c, input);
  if (!r.ok) throw new Error(`${c}: ${r.error.message}`);
  return r.value;
}

/** Sends text up in chunks of `size` bytes, as the page does. */
async function upload(name: string, text: string, size = 1000) {
  const bytes = Buffer.from(text);
  let id: string | undefined;
  for (let off = 0; off < bytes.length; off += size) {
    const part = bytes.subarray(off, off + size);
    const last = off + part.length >= bytes.length;
    id = (await ok('imports.upload', { upload_id: id, name, offset: off, data: part.toString('base64'), last }))
      .upload_id;
  }
  return id!;
}

const ROWS = 1_200;
const csv = [
  'First,Last,E-mail,Premium',
  'Ada,Lovelace,ADA@example.com,"$1,200"',
  'Bad,Row,not-an-email,10',
  ...Array.from({ length: ROWS }, (_, i) => `P${i},Bulk${i},p${i}@example.org,${100 + i}`),
].join('\n');

/** Waits for the run to end, reading its state at each change event that names import_jobs. */
function follow(runId: string): Promise<{ seen: ImportRun[]; final: ImportRun }> {
  return new Promise((resolve, reject) => {
    const seen: ImportRun[] = [];
    const stop = app.changes.subscribe((event) => {
      if (!event.tables.includes('import_jobs')) return;
      void raw('imports.run', { run_id: runId }).then((r) => {
        if (!r.ok) return reject(new Error(r.error.message));
        seen.push(r.value);
        if (r.value.status !== 'running') {
          stop();
          resolve({ seen, final: r.value });
        }
      });
    });
  });
}

describe('import wizard commands', () => {
  it('takes chunks in order only, and refuses a gap', async () => {
    const first = await ok('imports.upload', { name: 'a.csv', offset: 0, data: 'YSxi', last: false });
    const gap = await raw('imports.upload', {
      upload_id: first.upload_id,
      name: 'a.csv',
      offset: 10,
      data: 'YSxi',
      last: true,
    });
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.error).toMatchObject({ code: 'invalid_input', field: 'offset' });
    const early = await raw('imports.inspect', { upload_id: first.upload_id, kind: 'leads' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.message).toMatch(/still uploading/);
  });

  it('previews the first rows as stored, with the bad cell named', async () => {
    const id = await upload('people.csv', csv);
    const info = await ok('imports.inspect', { upload_id: id, kind: 'leads' });
    expect(info.headers).toEqual(['First', 'Last', 'E-mail', 'Premium']);
    expect(info.suggested).toEqual(['first_name', 'last_name', 'email', 'current_premium']);
    const columns = ['first_name', 'last_name', 'email', 'quoted_premium'];
    const preview = await ok('imports.preview', { upload_id: id, kind: 'leads', mapping: { columns }, limit: 3 });
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(preview.rows[0]!.cells.map((c) => c.value)).toEqual(['Ada', 'Lovelace', 'ada@example.com', '1200']);
    const bad = preview.rows[1]!.cells[2]!;
    expect(bad).toMatchObject({ column: 'E-mail', raw: 'not-an-email', value: null });
    expect(bad.error).toBeTruthy();
  });

  it('reports progress through the change feed, batch by batch, then undoes the import', async () => {
    const id = await upload('bulk.csv', csv, 4096);
    const mapping = { columns: ['first_name', 'last_name', 'email', 'quoted_premium'] };
    const dry = await ok('imports.start', { upload_id: id, kind: 'leads', mapping, dry_run: true });
    const dryEnd = await follow(dry.run_id);
    expect(dryEnd.final).toMatchObject({ status: 'done', rows: ROWS + 2, created: ROWS + 1, invalid: 1 });
    expect((await ok('leads.list', { limit: 5 })).items).toHaveLength(0);

    const started = await ok('imports.start', { upload_id: id, kind: 'leads', mapping });
    // The file's rows are known from the dry run, so the page can show time left.
    expect(started.total).toBe(ROWS + 2);
    const { seen, final } = await follow(started.run_id);
    expect(final).toMatchObject({ status: 'done', rows: ROWS + 2, created: ROWS + 1, invalid: 1 });
    expect(final.import_id).toBeTruthy();
    const during = seen.filter((s) => s.status === 'running').map((s) => s.rows);
    // Several batches (500 rows each) were seen while it ran, each further on.
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect([...during].sort((a, b) => a - b)).toEqual(during);
    expect(new Set(during).size).toBeGreaterThanOrEqual(2);

    const issues = await ok('imports.issues', { run_id: started.run_id });
    expect(issues).toEqual([expect.objectContaining({ row: 3, column: 'E-mail', value: 'not-an-email' })]);

    const report = await ok('imports.report', { run_id: started.run_id });
    const res = await fetch(`${host.url}/api/download/${report.download_id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="import-report-/);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('row,column,value,reason');
    expect(text).toContain('3,E-mail,not-an-email,');

    const undone = await ok('imports.undo', { run_id: started.run_id });
    expect(undone.deleted).toBeGreaterThanOrEqual(ROWS + 1);
    expect((await ok('leads.list', { limit: 5 })).items).toHaveLength(0);
    expect((await ok('imports.run', { run_id: started.run_id })).status).toBe('undone');
  });

  it('a cancelled import stops after a batch; opened again from the list, it resumes to the end', async () => {
    const id = await upload('resume.csv', csv, 8192);
    const mapping = { columns: ['first_name', 'last_name', 'email', 'quoted_premium'] };
    const started = await ok('imports.start', { upload_id: id, kind: 'leads', mapping });
    await ok('imports.cancel', { run_id: started.run_id });
    const stopped = (await follow(started.run_id)).final;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.rows).toBeLessThan(ROWS + 2);
    const listed = await ok('imports.list', {});
    expect(listed[0]).toMatchObject({ import_id: stopped.import_id, status: 'cancelled', rows: stopped.rows });

    const opened = await ok('imports.open', { import_id: stopped.import_id! });
    expect(opened).toMatchObject({ run_id: started.run_id, status: 'cancelled' });
    const resumed = await ok('imports.resume', { run_id: opened.run_id });
    expect(resumed.status).toBe('running');
    const final = (await follow(opened.run_id)).final;
    expect(final).toMatchObject({ status: 'done', rows: ROWS + 2, created: ROWS + 1, invalid: 1 });
    expect((await ok('leads.list', { text: 'Bulk1199' })).items).toHaveLength(1);
    const again = await raw('imports.resume', { run_id: opened.run_id });
    expect(again.ok).toBe(false);
    await ok('imports.undo', { run_id: opened.run_id });
  });

  it('saves a mapping by name and lists it for its kind only', async () => {
    await ok('imports.saveMapping', { name: 'Old AMS', kind: 'clients', mapping: { columns: ['email', null] } });
    const clients = await ok('imports.mappings', { kind: 'clients' });
    expect(clients.map((m) => m.name)).toContain('Old AMS');
    expect(clients.find((m) => m.name === 'Old AMS')!.mapping.columns).toEqual(['email', null]);
    expect((await ok('imports.mappings', { kind: 'leads' })).map((m) => m.name)).not.toContain('Old AMS');
  });
});

describe('downloads', () => {
  it('serves a prepared export as an attachment; an unknown id is 404, a POST 405', async () => {
    await ok('mutate', {
      name: 'createClient',
      args: { client_type: 'individual', first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' },
    });
    const exported = await ok('exports.create', { kind: 'clients', format: 'csv' });
    expect(exported.rows).toBe(1);
    const res = await fetch(`${host.url}/api/download/${exported.download_id}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toContain('Hopper');
    const unknown = await fetch(`${host.url}/api/download/00000000-0000-7000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    const post = await fetch(`${host.url}/api/download/${exported.download_id}`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('exports the whole book as one XLSX workbook to download', async () => {
    const book = await ok('exports.create', { kind: 'book', format: 'xlsx' });
    expect(book.file_name).toMatch(/^fieldline-book-.*\.xlsx$/);
    expect(book.rows).toBeGreaterThan(0);
    const res = await fetch(`${host.url}/api/download/${book.download_id}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container, as every .xlsx is
  });
});
