/**
 * `server:migrate`, `server:user`, `server:password`, `server:audit-verify`: administration of
 * the agency Postgres named by DATABASE_URL, as its owner. Each returns a JSON-able result.
 * Passwords are read from a prompt or standard input (cli/read-secret.ts), never from argv.
 */
import pg from 'pg';
import { z } from 'zod';
import { migratePostgres } from '../../db/pg/migrate';
import { AppError } from '../../shared/errors';
import { USER_ROLES } from '../../shared/model/tables/people';
import { setPassword, upsertUser } from '../../server/admin';
import { verifyLedger } from '../../server/audit';
import { parseOptions } from '../args';
import { readSecret, refusePasswordOption, type ReadSecret } from '../read-secret';

async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new AppError(
      'invalid_input',
      'DATABASE_URL is not set: point it at the agency Postgres, e.g. postgres://fieldline:secret@db.example:5432/fieldline',
    );
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new AppError('unavailable', `cannot connect to DATABASE_URL: ${(err as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const email = z.email('is not a valid email address').max(254);

export async function serverMigrate(argv: string[]) {
  parseOptions(argv, z.object({}));
  return withDatabase(async (client) => ({ applied: await migratePostgres(client) }));
}

export async function serverUser(argv: string[], secret: ReadSecret = readSecret) {
  refusePasswordOption(argv);
  const o = parseOptions(
    argv,
    z.object({
      email: z.string({ error: '--email E is required' }).pipe(email),
      role: z.enum(USER_ROLES, { error: `--role must be one of ${USER_ROLES.join(', ')}` }),
      team: z.string({ error: '--team T is required (a team name; created if missing)' }).trim().min(1).max(120),
      name: z.string().trim().min(1).max(120).optional(),
    }),
  );
  const password = await secret(`password for ${o.email}: `);
  return withDatabase((client) =>
    upsertUser(client, { email: o.email, password, role: o.role, team: o.team, fullName: o.name }),
  );
}

export async function serverPassword(argv: string[], secret: ReadSecret = readSecret) {
  refusePasswordOption(argv);
  const o = parseOptions(argv, z.object({ email: z.string({ error: '--email E is required' }).pipe(email) }));
  const password = await secret(`new password for ${o.email}: `);
  return withDatabase((client) => setPassword(client, o.email, password));
}

/**
 * Checks the audit ledger's hash chain from its first entry; fails naming the first entry that
 * breaks it (changed, missing, or not linked to the one before).
 */
export async function serverAuditVerify(argv: string[]) {
  parseOptions(argv, z.object({}));
  const result = await withDatabase((client) => verifyLedger(client));
  if (!result.ok) {
    throw new AppError(
      'conflict',
      `audit ledger broken at entry ${result.broken.seq}: ${result.broken.problem} (${result.entries_checked} entries before it are intact)`,
    );
  }
  return result;
}
