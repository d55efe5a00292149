/**
 * Administration of the agency database, as its owner (no row-level security): teams, users
 * and their passwords. Used by the `server:*` CLI commands and by tests.
 */
import type pg from 'pg';
import { PgTx } from '../db/pg/tx';
import { AppError } from '../shared/errors';
import { uuidv7 } from '../shared/ids';
import { newRow } from '../shared/model/new-row';
import type { UserRole } from '../shared/model/tables/people';
import type { SessionUser } from '../shared/sync/protocol';
import { checkPassword } from './password-policy';
import { hashPassword } from './passwords';

type Client = pg.PoolClient | pg.Client;

async function inTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The team with this name (case-insensitive), created when missing. */
export async function ensureTeam(
  client: Client,
  name: string,
): Promise<{ id: string; name: string; created: boolean }> {
  const found = await client.query<{ id: string; name: string }>(
    'SELECT id, name FROM teams WHERE lower(name) = lower($1) AND deleted_at IS NULL ORDER BY created_at LIMIT 1',
    [name],
  );
  if (found.rows[0]) return { ...found.rows[0], created: false };
  const now = new Date().toISOString();
  const team = newRow('teams', { id: uuidv7(), name }, now);
  await new PgTx(client as pg.PoolClient).insert('teams', team);
  return { id: team.id, name, created: true };
}

export interface UpsertUserInput {
  email: string;
  password: string;
  role: UserRole;
  team: string | null;
  fullName?: string;
}

/** Creates the user (or updates role, team, name and reactivates it) and sets its password. */
export async function upsertUser(
  client: Client,
  input: UpsertUserInput,
): Promise<{ user: SessionUser; created: boolean; team_created: boolean }> {
  checkPassword(input.password);
  const hash = await hashPassword(input.password);
  return inTransaction(client, async () => {
    const team = input.team ? await ensureTeam(client, input.team) : null;
    const now = new Date().toISOString();
    const existing = await client.query<{ id: string; full_name: string }>(
      'SELECT id, full_name FROM users WHERE lower(email) = lower($1) LIMIT 1',
      [input.email],
    );
    let id = existing.rows[0]?.id;
    const fullName = input.fullName ?? existing.rows[0]?.full_name ?? input.email.split('@')[0]!;
    if (id) {
      await client.query(
        'UPDATE users SET role = $2, team_id = $3, full_name = $4, is_active = true, deleted_at = NULL, updated_at = $5 WHERE id = $1',
        [id, input.role, team?.id ?? null, fullName, now],
      );
    } else {
      id = uuidv7();
      const row = newRow(
        'users',
        { id, email: input.email, full_name: fullName, role: input.role, team_id: team?.id ?? null },
        now,
      );
      await new PgTx(client as pg.PoolClient).insert('users', row);
    }
    await storeHash(client, id, hash, now);
    const { rows } = await client.query<SessionUser>(
      'SELECT id, email, full_name, role, team_id FROM users WHERE id = $1',
      [id],
    );
    return { user: rows[0]!, created: !existing.rows[0], team_created: team?.created ?? false };
  });
}

async function storeHash(client: Client, userId: string, hash: string, now: string) {
  await client.query(
    `INSERT INTO user_credentials (user_id, password_hash, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at`,
    [userId, hash, now],
  );
}

/** Sets a user's password and signs out all its sessions. */
export async function setPassword(
  client: Client,
  email: string,
  password: string,
): Promise<{ user_id: string; email: string; sessions_ended: number }> {
  checkPassword(password);
  const hash = await hashPassword(password);
  return inTransaction(client, async () => {
    const { rows } = await client.query<{ id: string; email: string }>(
      'SELECT id, email FROM users WHERE lower(email) = lower($1) LIMIT 1',
      [email],
    );
    const user = rows[0];
    if (!user) throw new AppError('not_found', `no user has the email ${email}`, 'email');
    await storeHash(client, user.id, hash, new Date().toISOString());
    const ended = await client.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    // A device that signed in with the old password no longer skips the email's sign-in delay.
    await client.query('DELETE FROM known_devices WHERE user_id = $1', [user.id]);
    return { user_id: user.id, email: user.email, sessions_ended: ended.rowCount ?? 0 };
  });
}
