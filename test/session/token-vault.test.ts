/**
 * The desktop app keeps the sync token in the OS keychain (a vault), never in the replica file;
 * scripts without a vault keep it in local settings. A vault that cannot keep a secret makes
 * sign-in fail plainly, with nothing half-stored.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { signIn, signOut, storedSession, type TokenVault } from '../../electron/main/sync/session';
import { uuidv7 } from '../../shared/ids';

const TOKEN = `tok_${'s3cr3t'.repeat(6)}`;
const USER = {
  id: uuidv7(),
  email: 'ana@agency.test',
  full_name: 'Ana Agent',
  role: 'agent' as const,
  team_id: uuidv7(),
};

/** A gateway that only answers sign-in, as the real one does. */
const gateway: typeof fetch = async (input) => {
  if (!String(input).endsWith('/v1/auth/sign-in')) return new Response('not found', { status: 404 });
  return Response.json({ token: TOKEN, expires_at: new Date(Date.now() + 86_400_000).toISOString(), user: USER });
};

class MemoryVault implements TokenVault {
  token: string | null = null;
  constructor(private readonly works = true) {}
  get() {
    return this.token;
  }
  set(token: string | null) {
    if (!this.works && token) return false;
    this.token = token;
    return true;
  }
}

let app: FieldlineApp | null = null;
afterEach(() => app?.close());

function open() {
  const file = join(mkdtempSync(join(tmpdir(), 'fieldline-vault-')), 'replica.db');
  app = openApp(file);
  return { file, db: app.db };
}

/** Every byte the replica has on disk (main file and WAL), after a checkpoint. */
function onDisk(file: string): string {
  app!.db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(file).toString('latin1');
}

describe('the sync token', () => {
  it('with a vault: kept there, never written to the replica file; sign-out clears it', async () => {
    const { file, db } = open();
    const vault = new MemoryVault();
    await signIn(db, 'http://gateway.test', USER.email, 'pw', gateway, vault);
    expect(vault.token).toBe(TOKEN);
    expect(onDisk(file)).not.toContain(TOKEN);
    expect(storedSession(db, undefined, vault)).toMatchObject({
      token: TOKEN,
      serverUrl: 'http://gateway.test',
      user: { email: USER.email },
    });
    // Without the vault's token (another OS user, a wiped keychain) there is no session to use.
    expect(storedSession(db, undefined, new MemoryVault())).toBeUndefined();
    signOut(db, vault);
    expect(vault.token).toBeNull();
    expect(storedSession(db, undefined, vault)).toBeUndefined();
  });

  it('without a vault (the CLI): kept in local settings', async () => {
    const { db } = open();
    await signIn(db, 'http://gateway.test', USER.email, 'pw', gateway);
    expect(storedSession(db)?.token).toBe(TOKEN);
  });

  it('a token kept in the replica before the vault existed moves into the vault when the app opens', async () => {
    const { file, db } = open();
    await signIn(db, 'http://gateway.test', USER.email, 'pw', gateway);
    app!.close();
    const vault = new MemoryVault();
    app = openApp(file, { tokenVault: vault });
    expect(vault.token).toBe(TOKEN);
    expect(onDisk(file)).not.toContain(TOKEN);
    expect(storedSession(app.db, undefined, vault)?.token).toBe(TOKEN);
  });

  it('a vault that cannot keep secrets: sign-in fails clearly and nothing is stored', async () => {
    const { file, db } = open();
    const err = await signIn(db, 'http://gateway.test', USER.email, 'pw', gateway, new MemoryVault(false)).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'precondition_failed', message: expect.stringMatching(/keychain/) });
    expect(db.prepare(`SELECT count(*) AS n FROM local_settings WHERE key = 'sync_session'`).get()).toEqual({ n: 0 });
    expect(onDisk(file)).not.toContain(TOKEN);
  });
});
