/**
 * `npm run server`: the agency gateway. Uses DATABASE_URL, or else an embedded Postgres kept in
 * .fieldline/server-pg; migrates it; uses ELECTRIC_URL, or else starts the development shape
 * server in its place. SIGINT/SIGTERM stop everything it started.
 */
import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { migratePostgres } from '../db/pg/migrate';
import { createGateway, stdoutLog } from './app';
import { readConfig, redactUrl } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';

const say = (msg: string, extra: Record<string, unknown> = {}) =>
  stdoutLog({ time: new Date().toISOString(), msg, ...extra });

/** Cleanup steps, run last-started first. */
const stops: Array<{ what: string; stop: () => Promise<void> }> = [];

async function embeddedDatabase(dataDir: string, port: number | undefined): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((s) => new Set(process.listeners(s)));
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, ...(port ? { port } : {}) });
  // embedded-postgres stops its clusters on these signals by itself, racing our ordered shutdown
  // (the pool and the shape server still need the database): leave the signals to shutdown().
  signals.forEach((s, i) => process.listeners(s).forEach((l) => before[i]!.has(l) || process.removeListener(s, l)));
  stops.push({ what: 'embedded Postgres', stop: server.stop });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'fieldline'`);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE fieldline');
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = '/fieldline';
  // Printed in full: a local development cluster on 127.0.0.1 with the library's default login,
  // and the URL is what `DATABASE_URL=… npm run cli -- server:user …` needs.
  say(
    `database: embedded Postgres (wal_level=logical) with its data in ${dataDir}; it keeps its data across restarts. Set DATABASE_URL to use another Postgres.`,
    {
      database: url.toString(),
    },
  );
  return url.toString();
}

/**
 * The development stand-in for Electric, on loopback, answering only requests that carry its
 * secret: ELECTRIC_SECRET when set, else one it makes at random, which the gateway then sends.
 */
async function devElectric(databaseUrl: string, secret: string | undefined): Promise<{ url: string; secret: string }> {
  // Loaded only when ELECTRIC_URL is unset, so a production start never runs any of it.
  const { startDevElectric } = await import('./dev-shape-server/server');
  const dev = await startDevElectric({ databaseUrl, port: 0, ...(secret ? { secret } : {}) });
  stops.push({ what: 'development shape server', stop: dev.stop });
  say(
    `electric: ELECTRIC_URL is not set, so the DEVELOPMENT STAND-IN shape server (server/dev-shape-server/) serves shapes at ${dev.url}, on loopback and to the gateway only. It is for development only; production runs Electric (electricsql/electric, see server/compose.yaml) and sets ELECTRIC_URL.`,
    { electric: dev.url, stand_in: true },
  );
  return { url: dev.url, secret: dev.secret };
}

async function main() {
  const config = readConfig(process.argv.slice(2), process.env);
  let databaseUrl = config.databaseUrl;
  if (databaseUrl) say('database: DATABASE_URL', { database: redactUrl(databaseUrl) });
  else databaseUrl = await embeddedDatabase(config.pgDataDir, config.pgPort);

  const migrator = new pg.Client({ connectionString: databaseUrl });
  await migrator.connect();
  try {
    const applied = await migratePostgres(migrator);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  } finally {
    await migrator.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  pool.on('error', (err) => say('idle database connection failed', { error: err.message }));
  stops.push({ what: 'database pool', stop: () => pool.end() });

  let electricUrl = config.electricUrl;
  let electricSecret = config.electricSecret;
  if (electricUrl) {
    say(`electric: ${electricUrl}`, { electric: electricUrl });
    if (!config.electricSecret)
      say(
        'warning: ELECTRIC_SECRET is not set; shape requests go to Electric without a secret (only right for ELECTRIC_INSECURE=true in development)',
      );
  } else ({ url: electricUrl, secret: electricSecret } = await devElectric(databaseUrl, config.electricSecret));

  const app = createGateway({
    pool,
    electricUrl,
    electricSecret,
    tokenTtlDays: config.tokenTtlDays,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    say(`gateway listening on http://${config.host}:${info.port} (health: /v1/health)`, { port: info.port }),
  );
  stops.push({
    what: 'HTTP server',
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Long polls are held ~20 s: end them now rather than wait.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: shutting down`);
  for (const { what, stop } of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      say(`stopping the ${what} failed`, { error: (err as Error).message });
    }
  }
  say('stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (err: unknown) => {
  say(`gateway failed to start: ${(err as Error)?.message ?? String(err)}`);
  stopping = true;
  for (const { stop } of stops.reverse()) await stop().catch(() => undefined);
  process.exit(1);
});
