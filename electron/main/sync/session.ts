import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import type { SignInResponse } from '../../../shared/sync/protocol';
import { readSetting, setSession, writeSetting } from '../app';
import { AppError } from '../../../shared/errors';
import { GatewayClient, TransientError } from './gateway-client';

export interface StoredSession {
  serverUrl: string;
  token: string;
  expiresAt: string;
  user: SignInResponse['user'];
}

const SESSION = 'sync_session';

/** This device's id, sent with every mutation (the gateway logs and scopes retries by it). */
export function deviceId(db: Database): string {
  let id = readSetting<string>(db, 'device_id');
  if (!id) writeSetting(db, 'device_id', (id = uuidv7()));
  return id;
}

/**
 * Signs in and remembers who: afterwards the replica acts as that user, so new leads are
 * assigned to them. (The desktop shell keeps the token with safeStorage; the CLI keeps it here.)
 */
export async function signIn(db: Database, serverUrl: string, email: string, password: string, fetchImpl?: typeof fetch): Promise<StoredSession> {
  const answer = await new GatewayClient(serverUrl, () => undefined, fetchImpl).signIn(email, password).catch((err: unknown) => {
    // Unreachable, 5xx, 429: said plainly, so the person knows to check the address or the network.
    if (err instanceof TransientError) throw new AppError('unavailable', `${err.message}; check the address and that this computer is online`);
    throw err;
  });
  const session: StoredSession = { serverUrl, token: answer.token, expiresAt: answer.expires_at, user: answer.user };
  const u = answer.user;
  const now = new Date().toISOString();
  db.transaction(() => {
    writeSetting(db, SESSION, session);
    // Until the first sync brings the agency's users and teams, the signed-in user and team
    // exist locally so work can start at once (the synced rows replace these).
    if (u.team_id) {
      db.prepare(`INSERT OR IGNORE INTO teams (id, name, created_at, updated_at) VALUES (?, 'My team', ?, ?)`).run(u.team_id, now, now);
    }
    db.prepare(`INSERT OR IGNORE INTO users (id, email, full_name, role, team_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      u.id, u.email, u.full_name, u.role, u.team_id, now, now,
    );
    setSession(db, { userId: u.id, teamId: u.team_id, role: u.role });
  })();
  return session;
}

export function storedSession(db: Database, serverUrl?: string): StoredSession | undefined {
  const s = readSetting<StoredSession>(db, SESSION);
  if (!s || (serverUrl && s.serverUrl !== serverUrl) || s.expiresAt < new Date().toISOString()) return undefined;
  return s;
}

/** Forgets the server session; the replica acts as its local user again (its data stays). */
export function signOut(db: Database) {
  db.prepare(`DELETE FROM local_settings WHERE key = ?`).run(SESSION);
  setSession(db, null);
}
