/**
 * The password policy (12 characters at least, not a common password) for every role, and the
 * CLI reading passwords from standard input, never from the command line.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverPassword, serverUser } from '../../cli/commands/server';
import { migratePostgres } from '../../db/pg/migrate';
import { USER_ROLES } from '../../shared/model/tables/people';
import { passwordProblem } from '../../server/password-policy';
import { verifyPassword } from '../../server/passwords';
import { createTestDatabase, type TestDatabase } from '../support/pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let db: TestDatabase;
let client: pg.Client;
const saved = process.env.DATABASE_URL;

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'));
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await migratePostgres(client);
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  process.env.DATABASE_URL = saved;
  await client?.end();
  await db?.drop();
});

const pw = (value: string) => async () => value;

/** `cli/main.ts <args>` as a process, with `stdin` piped in. */
function cli(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'cli/main.ts'), ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, DATABASE_URL: db.url, NODE_NO_WARNINGS: '1' } },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

/**
 * `cli/main.ts <args>` on a terminal (util-linux `script` gives it a pseudo-terminal), typing
 * `typed` once the prompt shows; answers everything the terminal showed.
 */
function onTerminal(args: string[], typed: string): Promise<{ code: number; screen: string }> {
  return new Promise((done) => {
    const command = ['node', '--import', 'tsx', join(ROOT, 'cli/main.ts'), ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, NODE_NO_WARNINGS: '1' },
    });
    let screen = '';
    let sent = false;
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
      if (!sent && screen.includes('password for')) {
        sent = true;
        child.stdin.write(typed);
      }
    });
    child.on('close', (code) => done({ code: code ?? -1, screen }));
  });
}

const hashOf = async (email: string) =>
  (
    await client.query<{ password_hash: string }>(
      'SELECT c.password_hash FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE lower(u.email) = lower($1)',
      [email],
    )
  ).rows[0]?.password_hash;

describe('password policy', () => {
  it.each(USER_ROLES)('refuses weak passwords for a new %s, naming the password', async (role) => {
    for (const weak of [
      'password',
      '12345678',
      'aaaaaaaa',
      'aaaaaaaaaaaaaaaa',
      '123456789012',
      'qwerty123456',
      'passwordpassword',
      'Dragon2024!!!!',
    ]) {
      await expect(
        serverUser(['--email', `${role}@policy.test`, '--role', role, '--team', 'T'], pw(weak)),
        weak,
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'password' });
    }
    expect(await hashOf(`${role}@policy.test`)).toBeUndefined();
    await serverUser(['--email', `${role}@policy.test`, '--role', role, '--team', 'T'], pw('violet kettle orbit'));
    expect(await verifyPassword('violet kettle orbit', await hashOf(`${role}@policy.test`))).toBe(true);
  });

  it('applies to server:password too, and says why', async () => {
    await expect(serverPassword(['--email', 'agent@policy.test'], pw('letmein'))).rejects.toThrow(/too short \(12/);
    await expect(serverPassword(['--email', 'agent@policy.test'], pw('iloveyou1234'))).rejects.toThrow(
      /most common passwords/,
    );
    expect(passwordProblem('violet kettle orbit')).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/too long/);
    // Counted in characters, not UTF-16 units: 6 emoji are 6 characters.
    expect(passwordProblem('🔑🚪🌙🍋🎻🦉')).toMatch(/too short/);
  });
});

describe('CLI passwords', { timeout: 120_000 }, () => {
  it('are never taken from the command line', async () => {
    for (const argv of [
      ['--email', 'x@policy.test', '--password', 'violet kettle orbit', '--role', 'agent', '--team', 'T'],
      ['--email', 'x@policy.test', '--password=violet kettle orbit', '--role', 'agent', '--team', 'T'],
    ]) {
      await expect(serverUser(argv, pw('unused'))).rejects.toThrow(/--password is not accepted.*process list/);
    }
    await expect(serverPassword(['--email', 'x@policy.test', '--password', 'a'], pw('unused'))).rejects.toThrow(
      /--password is not accepted/,
    );
    expect(await hashOf('x@policy.test')).toBeUndefined();
  });

  it('on a terminal, are typed at a prompt that does not echo them', async () => {
    const r = await onTerminal(
      ['server:user', '--email', 'tty@policy.test', '--role', 'agent', '--team', 'T'],
      'quiet harbor lamp\r',
    );
    expect(r.screen).toContain('password for tty@policy.test:');
    expect(r.screen).not.toContain('quiet harbor lamp');
    expect(r.code, r.screen).toBe(0);
    expect(await verifyPassword('quiet harbor lamp', await hashOf('tty@policy.test'))).toBe(true);
  });

  it('server:user and server:password read the first line of standard input', async () => {
    const made = await cli(
      ['server:user', '--email', 'pipe@policy.test', '--role', 'agent', '--team', 'T'],
      'amber lantern drift\nignored\n',
    );
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(await verifyPassword('amber lantern drift', await hashOf('pipe@policy.test'))).toBe(true);
    const changed = await cli(['server:password', '--email', 'pipe@policy.test'], 'copper meadow swing\n');
    expect(changed.code, changed.stderr).toBe(0);
    expect(await verifyPassword('copper meadow swing', await hashOf('pipe@policy.test'))).toBe(true);
    const empty = await cli(['server:password', '--email', 'pipe@policy.test'], '');
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/no password given/);
    const argv = await cli(['server:password', '--email', 'pipe@policy.test', '--password', 'copper meadow swing'], '');
    expect(argv.code).not.toBe(0);
    expect(argv.stderr).toMatch(/--password is not accepted/);
  });
});
