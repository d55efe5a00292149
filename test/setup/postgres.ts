/**
 * Vitest global setup: provides a PostgreSQL URL to every test file.
 *
 * - `DATABASE_URL` set: used as-is (CI service container, local server, ...).
 * - otherwise: starts a throw-away embedded PostgreSQL 18 (see
 *   server/embedded-postgres.ts: wal_level=logical, fsync=off, 127.0.0.1 on a
 *   free port, data in a fresh mkdtemp folder), creates `fieldline_test` and
 *   removes everything again in teardown.
 *
 * Tests read it with `inject('databaseUrl')`; child processes spawned by tests
 * see it as `process.env.DATABASE_URL`. For isolation between parallel test
 * files use `createTestDatabase(inject('databaseUrl'))` from test/support/pg.ts.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const TEST_DATABASE = 'fieldline_test';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const previousUrl = process.env.DATABASE_URL;

  if (previousUrl) {
    project.provide('databaseUrl', previousUrl);
    return async () => {};
  }

  // FIELDLINE_DEBUG_PG=1 prints the postgres log and startup timings.
  const debug = Boolean(process.env.FIELDLINE_DEBUG_PG);
  const started = Date.now();
  const server = await startEmbeddedPostgres(
    debug ? { onLog: (message) => console.log(`[pg +${Date.now() - started}ms] ${message.trimEnd()}`) } : {},
  );
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(TEST_DATABASE)}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }

  const url = new URL(server.url);
  url.pathname = `/${TEST_DATABASE}`;
  const databaseUrl = url.toString();
  if (debug) {
    console.log(`[pg] embedded postgres ready in ${Date.now() - started} ms at ${databaseUrl}`);
  }

  project.provide('databaseUrl', databaseUrl);
  process.env.DATABASE_URL = databaseUrl;

  return async () => {
    delete process.env.DATABASE_URL;
    const stopping = Date.now();
    await server.stop();
    if (debug) console.log(`[pg] embedded postgres stopped in ${Date.now() - stopping} ms`);
  };
}
