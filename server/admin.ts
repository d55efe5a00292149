/**
 * Administration of the agency database, as its owner (no row-level security): teams, users
 * and their passwords. Used by the `server:*` CLI commands and by tests.
 */
import type pg from 'pg';
import { PgTx } from '../db/pg/tx';
import { AppError } from '../shared/errors';
import { uuidv7 } from '../shared/ids';
import { TABLE_NAMES, tableSpec, type TableName } from '../shared/model/catalogue';
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

/** The tables whose rows carry owner_id and team_id. */
const OWNED_TABLES = TABLE_NAMES.filter((t) => tableSpec(t)!.scope === 'owned');

/**
 * Moves every row the user owns to their new team, inside the caller's transaction, after the
 * user's own team changed: a row's team must be its owner's (row-level security refuses any
 * other), so rows left behind could no longer be edited by their owner and stayed in the old
 * team's view. The move reaches every replica through the shapes: out of the old team's,
 * into the new team's. updated_at is left alone: the move is no edit, and last-writer-wins
 * must not see one newer than the owner's offline work.
 */
async function moveOwnedRows(client: Client, userId: string, teamId: string | null) {
  const moved: Partial<Record<TableName, number>> = {};
  for (const table of OWNED_TABLES) {
    const r = await client.query(
      `UPDATE "${table}" SET team_id = $2 WHERE owner_id = $1 AND team_id IS DISTINCT FROM $2`,
      [userId, teamId],
    );
    if (r.rowCount) moved[table] = r.rowCount;
  }
  return moved;
}

/**
 * Creates the user (or updates role, team, name and reactivates it) and sets its password. A
 * user moved to another team takes the rows they own with them, in the same transaction
 * (`rows_moved`, per table); rows of others stay where they are.
 */
export async function upsertUser(
  client: Client,
  input: UpsertUserInput,
): Promise<{
  user: SessionUser;
  created: boolean;
  team_created: boolean;
  rows_moved: Partial<Record<TableName, number>>;
}> {
  checkPassword(input.password);
  const hash = await hashPassword(input.password);
  return inTransaction(client, async () => {
    const team = input.team ? await ensureTeam(client, input.team) : null;
    const now = new Date().toISOString();
    // FOR UPDATE: a second move of the same user waits for this one, so its rows follow the last.
    const existing = await client.query<{ id: string; full_name: string; team_id: string | null }>(
      'SELECT id, full_name, team_id FROM users WHERE lower(email) = lower($1) LIMIT 1 FOR UPDATE',
      [input.email],
    );
    let id = existing.rows[0]?.id;
    let rowsMoved: Partial<Record<TableName, number>> = {};
    const fullName = input.fullName ?? existing.rows[0]?.full_name ?? input.email.split('@')[0]!;
    if (id) {
      await client.query(
        'UPDATE users SET role = $2, team_id = $3, full_name = $4, is_active = true, deleted_at = NULL, updated_at = $5 WHERE id = $1',
        [id, input.role, team?.id ?? null, fullName, now],
      );
      if (existing.rows[0]!.team_id !== (team?.id ?? null))
        rowsMoved = await moveOwnedRows(client, id, team?.id ?? null);
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
    return {
      user: rows[0]!,
      created: !existing.rows[0],
      team_created: team?.created ?? false,
      rows_moved: rowsMoved,
    };
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
