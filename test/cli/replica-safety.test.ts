/**
 * The CLI on real replica files against the real gateway, Postgres and development shape server:
 * the sync token never sits in the replica file, `sync --once` ends as soon as it has answered,
 * an empty replica is refused plainly, and a damaged one is recovered by re-syncing from the
 * server with its unsent changes kept.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp } from '../../electron/main/app';
import { signIn } from '../../electron/main/sync/session';
import { startSystem, type System } from '../sync/system';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fieldline-cli-safety-'));
let system: System;

beforeAll(async () => {
  system = await startSystem(inject('databaseUrl'), [{ email: 'ann@agency.test', role: 'agent', team: 'North' }]);
}, 60_000);
afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the first byte of the answer on stdout to the process's exit. */
  lingerMs: number;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    let answeredAt = 0;
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'cli/main.ts'), ...args],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (err, stdout, stderr) =>
        done({
          code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
          stdout,
          stderr,
          lingerMs: answeredAt ? Date.now() - answeredAt : 0,
        }),
    );
    child.stdout!.once('data', () => (answeredAt = Date.now()));
    // A sign-in reads its password from standard input (never argv); other commands ignore it.
    child.stdin!.end(`${PASSWORD}\n`);
  });
}

const PASSWORD = 'correct horse battery';
const login = ['--email', 'ann@agency.test'];
const bytesOf = (file: string) => {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
};
const holds = (file: string, token: string) => [file, `${file}-wal`].some((f) => bytesOf(f).includes(token));

describe('cli replica safety', { timeout: 180_000 }, () => {
  it('sync --once exits as soon as it has printed its result, keeping the token out of the replica', async () => {
    const db = join(dir, 'ann.db');
    const first = await cli('sync', '--db', db, '--server', system.url, ...login, '--once');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ pushed: 0, rejected: 0 });
    expect(first.lingerMs, first.stderr).toBeLessThan(3_000);

    const token = readFileSync(`${db}.token`, 'utf8');
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(statSync(`${db}.token`).mode & 0o777).toBe(0o600);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(holds(db, token)).toBe(false);

    // Signed in without a password: the token comes from the file beside the replica.
    const again = await cli('sync', '--db', db, '--server', system.url, '--once');
    expect(again.code, again.stderr).toBe(0);
    expect(again.lingerMs).toBeLessThan(3_000);
  });

  it('moves a token an older CLI kept inside the replica out to the 0600 file', async () => {
    const db = join(dir, 'old.db');
    const app = openApp(db); // no vault: as the CLI kept it before
    const { token } = await signIn(app.db, system.url, 'ann@agency.test', 'correct horse battery');
    app.close();
    expect(holds(db, token)).toBe(true);

    const run = await cli('leads', '--db', db);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(`${db}.token`, 'utf8')).toBe(token);
    expect(statSync(`${db}.token`).mode & 0o777).toBe(0o600);
    expect(holds(db, token)).toBe(false);
    const synced = await cli('sync', '--db', db, '--server', system.url, '--once');
    expect(synced.code, synced.stderr).toBe(0);
  });

  it('refuses an empty replica in one plain line, and does not replace it', async () => {
    const db = join(dir, 'empty.db');
    writeFileSync(db, '');
    const run = await cli('leads', '--db', db);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^replica_damaged: the replica file .* is empty \(0 bytes\), so it was not opened/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(statSync(db).size).toBe(0);
  });

  it('recovers a damaged replica: kept aside, unsent changes kept, everything else re-synced', async () => {
    const db = join(dir, 'damaged.db');
    expect((await cli('sync', '--db', db, '--server', system.url, ...login, '--once')).code).toBe(0);
    const added = await cli('add-lead', '--db', db, '--first', 'Offline', '--last', 'Kept');
    expect(added.code, added.stderr).toBe(0);
    const leadId = (JSON.parse(added.stdout) as { id: string }).id;

    const recovered = await cli('replica:recover', '--db', db);
    expect(recovered.code, recovered.stderr).toBe(0);
    const recovery = JSON.parse(recovered.stdout) as { aside: string; kept: { outbox: number } };
    expect(recovery.kept.outbox).toBe(1);
    expect(statSync(recovery.aside).size).toBeGreaterThan(0);

    const synced = await cli('sync', '--db', db, '--server', system.url, '--once');
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ pushed: 1, rejected: 0 });
    const onServer = await system.admin.query('SELECT last_name FROM leads WHERE id = $1', [leadId]);
    expect(onServer.rows).toEqual([{ last_name: 'Kept' }]);
    const shown = await cli('show', '--db', db, '--lead', leadId);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ lead: { last_name: 'Kept' } });
  });
});
