/**
 * WAL checkpoints in a worker thread (db/sqlite/checkpointer.ts): the app's connection no longer
 * copies the WAL into the file inside its own commits, the worker does, the WAL stays bounded,
 * and closing leaves no WAL behind (the next open must not take it for an unclean shutdown).
 * Real SQLite files throughout.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/main/app';
import { BACKSTOP_PAGES, startCheckpointer } from '../../db/sqlite/checkpointer';
import { openReplica, openedAfterUncleanShutdown } from '../../db/sqlite/open';

const root = mkdtempSync(join(tmpdir(), 'fieldline-checkpointer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newPath = () => join(root, `r${++n}.db`);

/** Commits `commits` transactions of about 16 KB each (4 WAL pages). */
function write(db: ReturnType<typeof openReplica>, commits: number) {
  db.exec('CREATE TABLE IF NOT EXISTS scratch (body BLOB)');
  const insert = db.prepare('INSERT INTO scratch (body) VALUES (randomblob(16000))');
  for (let i = 0; i < commits; i++) insert.run();
}

/** What the app's own connection would still have to copy: frames in the WAL not yet checkpointed. */
const walState = (db: ReturnType<typeof openReplica>) =>
  db.pragma('wal_checkpoint(NOOP)') as unknown as Array<{ busy: number; log: number; checkpointed: number }>;

describe('the checkpointer', () => {
  it('copies the WAL in its worker while the app only commits, and keeps it bounded', async () => {
    const path = newPath();
    const db = openReplica(path);
    const ck = startCheckpointer(db, path, 10)!;
    expect(ck).not.toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    // 600 commits of 4 pages: 2,400 pages, past SQLite's own 1,000-page checkpoint.
    for (let i = 0; i < 6; i++) {
      write(db, 100);
      await new Promise((r) => setTimeout(r, 30));
    }
    await expect.poll(() => ck.last()?.copied ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    // The worker copied what was written: the next commits restart the WAL instead of growing it.
    await expect
      .poll(() => {
        const [s] = walState(db);
        return s!.log - s!.checkpointed;
      })
      .toBe(0);
    write(db, 1);
    expect(walState(db)[0]!.log).toBeLessThan(100);
    ck.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('gives the checkpoints back to SQLite when its worker cannot open the file', async () => {
    const path = newPath();
    const db = openReplica(path);
    const ck = startCheckpointer(db, join(root, 'missing', 'nothing.db'), 10)!;
    await expect.poll(() => db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    ck.stop();
    db.close();
  });

  it('is started by the app, and a closed app leaves no WAL that the next open takes for a crash', () => {
    const path = newPath();
    const app = openApp(path);
    expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    write(app.db, 50);
    app.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = openReplica(path);
    expect(openedAfterUncleanShutdown(again)).toBe(false);
    again.close();
  });
});
