/** `npm run server` as a real process: start, serve, stop on SIGTERM; the embedded database persists. */
import { MIGRATIONS } from '../../db/pg/migrations.bundle';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { upsertUser } from '../../server/admin';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { fakeElectric, type Upstream } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  port: number;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string | undefined>): Promise<Run> {
  // Port 0, and the port read back from the gateway's log line: a port found free here and passed
  // on could be handed by the OS to the development shape server the child starts first.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, ELECTRIC_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (String(line.msg).startsWith('gateway listening')) resolve(Number(line.port));
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${JSON.stringify(lines)} ${stderr}`)));
  });
  return { child, lines, port, exited };
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGTERM');
  return run.exited;
}

let upstream: Upstream;
let db: TestDatabase;
const dirs: string[] = [];
beforeAll(async () => {
  upstream = await fakeElectric();
  db = await createTestDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await upstream?.close();
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('server/main.ts', () => {
  it('migrates DATABASE_URL, uses ELECTRIC_URL, serves, logs JSON lines and stops on SIGTERM', async () => {
    const run = await startServer({ DATABASE_URL: db.url, ELECTRIC_URL: upstream.url, ELECTRIC_SECRET: 's3' });
    const health = await fetch(`http://127.0.0.1:${run.port}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, database: 'ok', electric: 'active' });
    const msgs = run.lines.map((l) => String(l.msg));
    expect(msgs).toContain(`migrations applied: ${MIGRATIONS.map((m) => m.tag).join(', ')}`);
    expect(run.lines.find((l) => l.electric === upstream.url)).toBeDefined();
    expect(JSON.stringify(run.lines)).not.toContain(`:${new URL(db.url).password}@`);
    expect(await stop(run)).toBe(0);
    expect(run.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(run.lines.find((l) => l.path === '/v1/health')).toMatchObject({ method: 'GET', status: 200 });
  });

  it('without ELECTRIC_URL starts the development shape server and says it is a stand-in', async () => {
    const run = await startServer({ DATABASE_URL: db.url, ELECTRIC_SECRET: 'dev-secret' });
    const line = run.lines.find((l) => l.stand_in === true);
    expect(String(line?.msg)).toMatch(/DEVELOPMENT STAND-IN.*production runs Electric/);
    const health = await fetch(`http://127.0.0.1:${run.port}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, database: 'ok', electric: 'active' });
    const standIn = `${String(line?.electric)}/v1/shape?table=teams&offset=-1`;
    expect((await fetch(standIn)).status).toBe(401);
    expect((await fetch(`${standIn}&secret=dev-secret`)).status).toBe(200);
    expect(await stop(run)).toBe(0);
  });

  it('without ELECTRIC_SECRET the stand-in makes one: it refuses everyone on loopback but the gateway', async () => {
    const run = await startServer({ DATABASE_URL: db.url });
    const standIn = new URL(String(run.lines.find((l) => l.stand_in === true)?.electric));
    expect(standIn.hostname).toBe('127.0.0.1');
    for (const table of ['users', 'user_credentials', 'sessions']) {
      const res = await fetch(`${standIn.origin}/v1/shape?table=${table}&offset=-1`);
      expect(res.status, table).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await upsertUser(admin, {
        email: 'dev@agency.test',
        password: 'correct horse battery',
        role: 'agent',
        team: null,
      });
    } finally {
      await admin.end();
    }
    const gateway = `http://127.0.0.1:${run.port}`;
    const signIn = await fetch(`${gateway}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dev@agency.test', password: 'correct horse battery' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const shape = await fetch(`${gateway}/v1/shape?table=users&offset=-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(shape.status).toBe(200);
    const body = JSON.stringify(await shape.json());
    expect(body).toContain('dev@agency.test');
    expect(body).not.toMatch(/password|token_hash/);
    expect(await stop(run)).toBe(0);
  });

  it('without DATABASE_URL keeps an embedded Postgres in FIELDLINE_PG_DIR across restarts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-gw-'));
    dirs.push(dir);
    chmodSync(dir, 0o755); // as root, postgres runs as its own user and must reach the folder
    const env = { FIELDLINE_PG_DIR: path.join(dir, 'pg'), ELECTRIC_URL: upstream.url };
    const first = await startServer(env);
    expect(first.lines.some((l) => String(l.msg).startsWith('database: embedded Postgres'))).toBe(true);
    expect(first.lines.some((l) => String(l.msg).startsWith('migrations applied: 0000_init'))).toBe(true);
    expect(await stop(first)).toBe(0);
    const second = await startServer(env);
    expect(second.lines.map((l) => l.msg)).toContain('database schema is up to date');
    expect(await stop(second)).toBe(0);
  }, 90_000);
});
