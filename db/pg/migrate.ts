import pg from 'pg';
import { lookupSeed } from '../../shared/lookups';
import { columnSpec, encodePgValue } from '../../shared/model/codec';
import { splitStatements } from '../split-statements';
import { MIGRATIONS } from './migrations.bundle';

/**
 * node-postgres parses timestamps into Dates in local time and numerics into strings; the
 * app wants ISO strings and numbers. Installed once per process.
 */
export function installPgTypeParsers() {
  pg.types.setTypeParser(1184, (v) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString()); // timestamptz
  pg.types.setTypeParser(1114, (v) => new Date(`${v.replace(' ', 'T')}Z`).toISOString()); // timestamp
  pg.types.setTypeParser(1082, (v) => v); // date stays YYYY-MM-DD
  pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
  pg.types.setTypeParser(20, (v) => Number(v)); // int8 (counts)
}
installPgTypeParsers();

type Queryable = Pick<pg.Client, 'query'>;

/** Applies the committed Postgres migrations not yet applied, each in a transaction. */
export async function migratePostgres(client: Queryable): Promise<string[]> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  // One migrator at a time, even when several gateways start together.
  await client.query('SELECT pg_advisory_lock(7243001)');
  try {
    const { rows } = await client.query<{ tag: string }>('SELECT tag FROM schema_migrations');
    const done = new Set(rows.map((r) => r.tag));
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.tag)) continue;
      await client.query('BEGIN');
      try {
        for (const stmt of splitStatements(m.sql)) await client.query(stmt);
        await client.query('INSERT INTO schema_migrations (tag) VALUES ($1)', [m.tag]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.tag} failed: ${(err as Error).message}`);
      }
      applied.push(m.tag);
    }
    await seedPostgresLookups(client);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7243001)');
  }
}

/** The same lookup rows the replica ships with (shared/lookups), inserted if missing. */
export async function seedPostgresLookups(client: Queryable) {
  for (const { table, rows } of lookupSeed()) {
    for (const row of rows) {
      const entries = Object.entries(row);
      await client.query(
        `INSERT INTO "${table}" (${entries.map(([k]) => `"${k}"`).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
        entries.map(([k, v]) => encodePgValue(columnSpec(table, k), v)),
      );
    }
  }
}
