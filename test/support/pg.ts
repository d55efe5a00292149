/**
 * Per-test-file PostgreSQL isolation: `createTestDatabase(inject('databaseUrl'))`
 * creates a fresh, uniquely named database on the same server, so test files
 * running in parallel never see each other's tables, rows, publications or
 * replication slots. Call `drop()` in `afterAll`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database (same server, user and password). */
  url: string;
  /** Database name, e.g. `fieldline_t_1234_9f2c1a7b`. */
  name: string;
  /** Drops the database, terminating any connections still open to it. */
  drop(): Promise<void>;
}

async function withAdminClient<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `fieldline_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));

  const url = new URL(baseUrl);
  url.pathname = `/${name}`;

  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop: () =>
      (dropped ??= withAdminClient(baseUrl, async (client) => {
        // Logical replication slots (e.g. Electric's) pin the database even
        // when inactive, and DROP ... WITH (FORCE) does not remove them. So:
        // disconnect everyone (waiting up to 5 s each), drop the slots, drop.
        await client.query(
          `SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        );
        await client.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = $1`, [
          name,
        ]);
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      })),
  };
}
