import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import type { SignInResponse } from '../../../shared/sync/protocol';
import { readSetting, setSession, writeSetting } from '../app';
import { GatewayClient } from './gateway-client';

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
  const answer = await new GatewayClient(serverUrl, () => undefined, fetchImpl).signIn(email, password);
  const session: StoredSession = { serverUrl, token: answer.token, expiresAt: answer.expires_at, user: answer.user };
  writeSetting(db, SESSION, session);
  setSession(db, { userId: answer.user.id, teamId: answer.user.team_id, role: answer.user.role });
  return session;
}

export function storedSession(db: Database, serverUrl?: string): StoredSession | undefined {
  const s = readSetting<StoredSession>(db, SESSION);
  if (!s || (serverUrl && s.serverUrl !== serverUrl) || s.expiresAt < new Date().toISOString()) return undefined;
  return s;
}
