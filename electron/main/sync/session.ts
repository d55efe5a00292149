import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import type { SignInResponse } from '../../../shared/sync/protocol';
import { readSetting, setSession, writeSetting } from '../app';
import { AppError } from '../../../shared/errors';
import { settings } from '../../../db/sqlite/sync-state';
import { GatewayClient, TransientError } from './gateway-client';

export interface StoredSession {
  serverUrl: string;
  token: string;
  expiresAt: string;
  user: SignInResponse['user'];
}

const SESSION = 'sync_session';

/** The session as local settings keep it: without its token when a vault holds that. */
type KeptSession = Omit<StoredSession, 'token'> & { token: string | null };

/**
 * Where the bearer token lives when it must not sit in the replica file: the desktop shell's
 * OS-keychain store (Electron safeStorage). `set` answers false when it cannot keep a secret.
 * Without a vault (the CLI, scripts) the token is kept in the replica's local settings.
 */
export interface TokenVault {
  get(): string | null;
  set(token: string | null): boolean;
}

/** This device's id, sent with every mutation (the gateway logs and scopes retries by it). */
export function deviceId(db: Database): string {
  let id = readSetting<string>(db, 'device_id');
  if (!id) writeSetting(db, 'device_id', (id = uuidv7()));
  return id;
}

/**
 * Signs in and remembers who: afterwards the replica acts as that user, so new leads are
 * assigned to them. The token goes to the vault when there is one (the desktop app), else
 * into the replica's local settings (the CLI).
 */
export async function signIn(
  db: Database,
  serverUrl: string,
  email: string,
  password: string,
  fetchImpl?: typeof fetch,
  vault?: TokenVault,
): Promise<StoredSession> {
  const answer = await new GatewayClient(serverUrl, () => undefined, fetchImpl)
    .signIn(email, password)
    .catch((err: unknown) => {
      // Unreachable, 5xx, 429: said plainly, so the person knows to check the address or the network.
      if (err instanceof TransientError)
        throw new AppError('unavailable', `${err.message}; check the address and that this computer is online`);
      throw err;
    });
  const session: StoredSession = { serverUrl, token: answer.token, expiresAt: answer.expires_at, user: answer.user };
  if (vault && !vault.set(answer.token)) {
    throw new AppError(
      'precondition_failed',
      'this computer has no OS keychain to keep the sign-in safely, so it was not kept; set one up (on Linux: a Secret Service such as GNOME Keyring) and sign in again',
    );
  }
  const u = answer.user;
  const now = new Date().toISOString();
  db.transaction(() => {
    writeSetting(db, SESSION, vault ? { ...session, token: null } : session);
    // Until the first sync brings the agency's users and teams, the signed-in user and team
    // exist locally so work can start at once (the synced rows replace these).
    if (u.team_id) {
      db.prepare(`INSERT OR IGNORE INTO teams (id, name, created_at, updated_at) VALUES (?, 'My team', ?, ?)`).run(
        u.team_id,
        now,
        now,
      );
    }
    db.prepare(
      `INSERT OR IGNORE INTO users (id, email, full_name, role, team_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(u.id, u.email, u.full_name, u.role, u.team_id, now, now);
    setSession(db, { userId: u.id, teamId: u.team_id, role: u.role });
  })();
  return session;
}

/** The signed-in session, with its token (from the vault when there is one), or undefined. */
export function storedSession(db: Database, serverUrl?: string, vault?: TokenVault): StoredSession | undefined {
  const s = readSetting<KeptSession>(db, SESSION);
  if (!s || (serverUrl && s.serverUrl !== serverUrl) || s.expiresAt < new Date().toISOString()) return undefined;
  const token = vault ? vault.get() : s.token;
  return token ? { ...s, token } : undefined;
}

/**
 * A session signed in before the desktop app had a vault keeps its token in local settings:
 * moved into the vault and wiped from the replica at open (left as it is if the vault cannot
 * take it, so the person stays signed in).
 */
export function moveTokenToVault(db: Database, vault: TokenVault) {
  const s = readSetting<KeptSession>(db, SESSION);
  if (!s?.token || !vault.set(s.token)) return;
  writeSetting(db, SESSION, { ...s, token: null });
}

/** Forgets the server session; the replica acts as its local user again (its data stays). */
export function signOut(db: Database, vault?: TokenVault) {
  vault?.set(null);
  settings.remove(db, SESSION);
  setSession(db, null);
}
