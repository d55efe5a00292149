/**
 * Replica files on disk: private to their owner, refused with a plain message when empty or
 * damaged (never silently replaced), checked at open and in the background, and a full disk
 * said plainly with nothing already saved lost. Real SQLite files throughout.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { openReplica } from '../../db/sqlite/open';
import { recoverReplica } from '../../db/sqlite/recover';
import type { Result } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { createLead, INS } from '../queries/support';

const root = mkdtempSync(join(tmpdir(), 'fieldline-file-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newPath = () => join(root, `r${++n}`, 'replica.db');
/** A path for a new replica, in a folder of its own (so side files never mix). */
const fresh = () => {
  const path = newPath();
  mkdirSync(dirname(path), { recursive: true });
  return path;
};
const mode = (file: string) => statSync(file).mode & 0o777;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail('the replica was opened; it should have been refused');
}

/** A replica with some leads, closed cleanly (its WAL checkpointed into the file). */
async function replicaWithLeads(count: number): Promise<string> {
  const path = fresh();
  const app = openApp(path);
  for (let i = 0; i < count; i++) await createLead(app, { last_name: `Lead${i}`, notes: 'x'.repeat(300) });
  app.close();
  return path;
}

/** Overwrites `bytes` bytes at `offset` within each page of `table` (by dbstat) with random bytes. */
function scribble(path: string, table: string, offset: number, bytes: number, pages = 3) {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pagenos = db
    .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`)
    .pluck()
    .all(table) as number[];
  db.close();
  expect(pagenos.length).toBeGreaterThan(0);
  const fd = openSync(path, 'r+');
  for (const p of pagenos.slice(0, pages)) writeSync(fd, randomBytes(bytes), 0, bytes, (p - 1) * pageSize + offset);
  closeSync(fd);
}

describe('replica files', () => {
  it('are made 0600 with their WAL, and an existing 0644 replica is made 0600 at open', async () => {
    const path = fresh();
    const app = openApp(path);
    await createLead(app);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
    app.close();
    chmodSync(path, 0o644);
    const again = openApp(path);
    await createLead(again);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
    again.close();
  });

  it('refuses a zero-length replica with a plain message and leaves it as it is; recovery makes a new one', () => {
    const path = fresh();
    writeFileSync(path, '');
    const err = refusal(() => openReplica(path));
    expect(err.code).toBe('replica_damaged');
    expect(err.message).toMatch(/is empty \(0 bytes\).*not opened.*replica:recover/);
    expect(statSync(path).size).toBe(0);
    const recovery = recoverReplica(path);
    expect(statSync(recovery.aside).size).toBe(0);
    const app = openApp(path);
    expect((app.db.prepare('SELECT count(*) AS n FROM lead_statuses').get() as { n: number }).n).toBeGreaterThan(0);
    app.close();
  });

  it('refuses a replica it cannot open (a folder in its place) with a plain message', () => {
    const path = fresh();
    mkdirSync(path);
    const err = refusal(() => openReplica(path));
    expect(err.code).toBe('precondition_failed');
    expect(err.message).toMatch(/cannot be opened for reading and writing .*Nothing was changed/);
  });

  it('refuses a replica that is not a database at all', () => {
    const path = fresh();
    writeFileSync(path, randomBytes(8192));
    expect(refusal(() => openReplica(path)).code).toBe('replica_damaged');
  });

  it('runs integrity_check after an unclean shutdown, by default', async () => {
    const path = await replicaWithLeads(200);
    scribble(path, 'leads', 0, 1024);
    writeFileSync(`${path}-wal`, randomBytes(100)); // a WAL left behind: the last session did not close
    const app = openApp(path);
    try {
      expect((await app.integrity)?.code).toBe('replica_damaged');
    } finally {
      app.close();
    }
    const clean = openApp(await replicaWithLeads(5));
    expect(await clean.integrity).toBeNull(); // a clean shutdown: no whole-file check by default
    clean.close();
  });

  it('refuses at open a replica whose unsent changes (outbox pages) hold random bytes', async () => {
    const path = await replicaWithLeads(40);
    scribble(path, 'outbox', 0, 512);
    const err = refusal(() => openApp(path));
    expect(err.code).toBe('replica_damaged');
    expect(err.message).toMatch(/fails its check/);
    // Recovery says what it could not read, keeps the damaged file aside and makes a working replica.
    const recovery = recoverReplica(path);
    expect(recovery.unreadable.join(' ')).toMatch(/^outbox: /);
    expect(statSync(recovery.aside).size).toBeGreaterThan(0);
    const app = openApp(path);
    await createLead(app);
    app.close();
  });

  it('finds random bytes in data pages with its background check and says how to recover', async () => {
    const path = await replicaWithLeads(200);
    scribble(path, 'leads', 0, 1024);
    // The bookkeeping is whole: it opens, and the whole-file check runs beside, as in the desktop app.
    const app = openApp(path, { backgroundCheck: 'always' });
    try {
      const damage = await app.integrity;
      expect(damage?.code).toBe('replica_damaged');
      expect(damage?.message).toMatch(/fails its check .*; changes made now may not be kept\. Recover it/);
    } finally {
      app.close();
    }
  });

  it('says the disk is full through the API result, and keeps everything saved before', async () => {
    const path = fresh();
    const app: FieldlineApp = openApp(path);
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) saved.push((await createLead(app, { last_name: `Kept${i}` })).id);
    // The file may grow by a few pages only: later writes meet SQLITE_FULL as on a full disk.
    const pages = app.db.pragma('page_count', { simple: true }) as number;
    app.db.pragma(`max_page_count = ${pages + 3}`);
    let result: Result<unknown> | undefined;
    for (let i = 0; i < 500; i++) {
      result = (await app.dispatch('mutate', {
        name: 'createLead',
        args: { first_name: 'Big', last_name: `Lead${i}`, insurance_type_id: INS.auto, notes: 'n'.repeat(3000) },
      })) as Result<unknown>;
      if (!result.ok) break;
      saved.push((result.value as { result: { id: string } }).result.id);
    }
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.code).toBe('disk_full');
    expect(result.error.message).toMatch(
      /^the disk is full, so this change was not saved; everything saved before it is safe/,
    );
    app.close();
    const reopened = openApp(path);
    const ids = reopened.db.prepare('SELECT id FROM leads WHERE deleted_at IS NULL').pluck().all() as string[];
    expect(ids.sort()).toEqual([...saved].sort());
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });
});
