/**
 * The embedded Postgres starts again after an unclean end: a postmaster.pid whose pid is dead,
 * or now another program's, or the postgres a SIGKILLed server left running on its own.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../server/embedded-postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let dataDir: string;
let template: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-stale-pid-'));
  chmodSync(dir, 0o755); // as root, postgres runs as its own user and must reach the folder
  dataDir = path.join(dir, 'pg');
  const first = await startEmbeddedPostgres({ dataDir, persistent: true });
  template = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  await first.stop();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid file like postgres writes, with another pid on its first line. */
const leavePidFile = (pid: number) =>
  writeFileSync(path.join(dataDir, 'postmaster.pid'), [String(pid), ...template.split('\n').slice(1)].join('\n'));

async function startsAndAnswers() {
  const server = await startEmbeddedPostgres({ dataDir, persistent: true });
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    await client.end();
  } finally {
    await server.stop();
  }
}

const exited = (child: ReturnType<typeof spawn>) => new Promise((r) => child.once('exit', r));

describe('embedded Postgres with a stale postmaster.pid', () => {
  it('starts when the pid in the file is dead', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await exited(gone);
    leavePidFile(gone.pid!);
    await startsAndAnswers();
  }, 60_000);

  it('starts when the pid in the file is now another program (a reboot or container restart)', async () => {
    const other = spawn('sleep', ['60']);
    try {
      leavePidFile(other.pid!);
      await startsAndAnswers();
    } finally {
      other.kill();
    }
  }, 60_000);

  it('starts after its server was SIGKILLed, stopping the postgres it left running', async () => {
    const script = `import { startEmbeddedPostgres } from './server/embedded-postgres.ts';
      const s = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, persistent: true });
      console.log(s.url);`;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => owner.stdout!.once('data', () => resolve()));
    const orphan = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    owner.kill('SIGKILL');
    await exited(owner);
    expect(() => process.kill(orphan, 0)).not.toThrow(); // still running, holding the folder
    await startsAndAnswers();
  }, 90_000);
});
