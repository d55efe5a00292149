import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids';
import type { SignInResponse } from '../../../shared/sync/protocol';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { readSetting, sessionActor, setSession, writeSetting } from '../actor';
import { AppError } from '../../../shared/errors';
import { settings } from '../../../db/sqlite/sync-state';
import { GatewayClient, TransientError } from './gateway-client';
import { replicaScope, setReplicaScope, switchUser } from './scope';

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
 * OS-keychain store (Electron safeStorage), or the CLI's 0600 file beside the replica
 * (token-file.ts). `set` answers false when it cannot keep a secret. Without a vault (tests,
 * scripts) the token is kept in the replica's local settings.
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
  /** The app's writer, when it has one: the replica's changes wait for its turn (a mutation under way). */
  writer?: Pick<ReplicaWriter, 'exclusive'>,
): Promise<StoredSession> {
  // The gateway's proof that this device signed in as this email before: with it, failed
  // attempts someone else makes on the email do not slow this device's sign-in down.
  const deviceKey = `sign_in_device:${serverUrl}|${email.trim().toLowerCase()}`;
  const answer = await new GatewayClient(serverUrl, () => undefined, fetchImpl)
    .signIn(email, password, readSetting<string>(db, deviceKey) ?? undefined)
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
  const device = answer.device_token ? { key: deviceKey, token: answer.device_token } : null;
  const keep = () => keepSignIn(db, session, vault ? { ...session, token: null } : session, device);
  if (writer) await writer.exclusive(async () => keep());
  else keep();
  return session;
}

/** Records the signed-in user, once another user's records and work have left the replica (switchUser). */
function keepSignIn(
  db: Database,
  session: StoredSession,
  kept: KeptSession,
  /** The gateway's known-device token for this server and email, kept for the next sign-in. */
  device: { key: string; token: string } | null,
) {
  const u = session.user;
  // The replica holds another user's records: the newcomer starts from a clean replica (that
  // user's unsettled work is set aside for them, README: Sync). A replica that knows no owner
  // yet (never signed in, or synced before owners were recorded) is taken as this user's.
  const previous = replicaScope(db)?.userId ?? sessionActor(db)?.userId;
  if (previous && previous !== u.id) switchUser(db, previous, u.id);
  else if (!replicaScope(db)) setReplicaScope(db, { userId: u.id, fingerprint: null, resyncing: false });
  const now = new Date().toISOString();
  db.transaction(() => {
    writeSetting(db, SESSION, kept);
    if (device) writeSetting(db, device.key, device.token);
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
  // secure_delete zeroes the old row's bytes, so the token does not linger in a free page.
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    writeSetting(db, SESSION, { ...s, token: null });
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

/**
 * The gateway says the signed-in user's role or team changed: the replica acts as they are now
 * (local checks use the stored actor) and the kept session shows it.
 */
export function updateSessionUser(db: Database, user: SignInResponse['user']) {
  setSession(db, { userId: user.id, teamId: user.team_id, role: user.role });
  const s = readSetting<KeptSession>(db, SESSION);
  if (s) writeSetting(db, SESSION, { ...s, user });
}

/** Forgets the server session; the replica acts as its local user again (its data stays). */
export function signOut(db: Database, vault?: TokenVault) {
  vault?.set(null);
  settings.remove(db, SESSION);
  setSession(db, null);
}
