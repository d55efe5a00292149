/**
 * Dev/test stand-in for Electric's HTTP shape API — NOT a replacement for
 * Electric. Production runs the real Electric sync service (Elixir, Docker);
 * this server exists only because that cannot run in development and test
 * sandboxes, and it must never be deployed or described as Electric. It
 * speaks the subset of the protocol Fieldline uses (`/v1/shape` with
 * offset/handle/live/cursor/where/params/replica/columns/log/secret,
 * `/v1/health`) so `@electric-sql/client` can talk to it, on top of a real
 * Postgres: changes come from logical decoding (a temporary `test_decoding`
 * slot), so LSNs and txids are the database's own.
 *
 * Supported: initial snapshots (REPEATABLE READ + pg_current_snapshot(),
 * streamed from a temp file in chunks), live long-polling, replica
 * default|full, where-clauses of the form `col = $n`, `col IN (…)`,
 * `col IS [NOT] NULL` with AND/OR/parentheses, 409 must-refetch for unknown
 * or invalidated handles (TRUNCATE or a column change invalidates a table's
 * shapes), `offset=now`, `log=changes_only`. Every request first catches up
 * with the WAL, so it reflects all commits that finished before it arrived
 * (real Electric may lag a little behind).
 * Not supported: SSE, subset snapshots, other where syntax, tables without a
 * primary key, partitioned tables, persistence across restarts (a restart
 * means new handles, hence must-refetch), shape-log compaction or expiry
 * (shape logs live in memory until stop), caching headers/ETags.
 *
 * It answers only on loopback and only requests that carry its secret (made at random when none
 * is given), and streams only the catalogue's synced tables and columns (`served.ts`): never
 * credentials or sessions. No CORS headers, so no web page can read it either.
 *
 *   const electric = await startDevElectric({ databaseUrl });
 *   new ShapeStream({ url: `${electric.url}/v1/shape`, params: { table: 'leads', secret: electric.secret } });
 *   await electric.stop();
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ChangeFeed, ELECTRIC_SESSION_OPTIONS } from './change-feed';
import { createShapeHandler } from './http';
import { servedTables } from './served';
import { ShapeRegistry } from './shapes';

export interface DevElectricOptions {
  databaseUrl: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only (default 127.0.0.1): the stand-in never answers other machines. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** How long a `live=true` request is held before answering up-to-date. Default 20 000. */
  longPollMs?: number;
  /** How often the replication slot is polled. Default 50. */
  pollIntervalMs?: number;
  /** Requests must carry `secret=<value>` (401 otherwise), like ELECTRIC_SECRET. Default: a random one. */
  secret?: string;
  /** Tables of `public` outside the catalogue a conformance test made for itself, served whole. */
  scratchTables?: readonly string[];
  /** Snapshot rows / log messages per response. Default 10 000. */
  chunkRows?: number;
  /** Background errors (slot polling, failed snapshots). Default: console.error. */
  onError?: (error: Error) => void;
}

export interface DevElectric {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the shape endpoint is `${url}/v1/shape`. */
  url: string;
  /** The secret every shape request must carry (the given one, or the one made at start). */
  secret: string;
  /** Stops serving, ends pending long polls, drops the replication slot. Idempotent. */
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startDevElectric(options: DevElectricOptions): Promise<DevElectric> {
  const host = options.host ?? '127.0.0.1';
  // Checked at run time too: the option may come from configuration, not only typed code.
  if (!LOOPBACK.has(host)) throw new Error(`the development shape server listens on loopback only (got "${host}")`);
  const secret = options.secret || randomBytes(32).toString('base64url');
  const onError = options.onError ?? ((error: Error) => console.error(`[dev-electric] ${error.message}`));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dev-electric-'));
  const pool = new pg.Pool({ connectionString: options.databaseUrl, options: ELECTRIC_SESSION_OPTIONS, max: 4 });
  pool.on('error', onError);

  let registry: ShapeRegistry | null = null;
  const feed = new ChangeFeed({
    databaseUrl: options.databaseUrl,
    pollIntervalMs: options.pollIntervalMs ?? 50,
    onAppend: (event) => registry?.onFeedAppend(event),
    onError,
  });
  registry = new ShapeRegistry({ pool, feed, dir, onError });
  const shutdown = new AbortController();
  // Every live long-poll listens for shutdown until it answers (one per table per replica), so
  // more than Node's default 10 at once is normal here, not a leak.
  setMaxListeners(0, shutdown.signal);
  const handler = createShapeHandler({
    registry,
    feed,
    longPollMs: options.longPollMs ?? 20_000,
    chunkRows: options.chunkRows ?? 10_000,
    secret,
    served: servedTables(options.scratchTables),
    shutdown: shutdown.signal,
  });
  const server = createServer((req, res) => void handler(req, res));

  const cleanup = async () => {
    shutdown.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    });
    await registry.close();
    await feed.stop();
    await pool.end().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await feed.start();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }

  const { address, port } = server.address() as AddressInfo;
  const hostForUrl = address.includes(':') ? `[${address}]` : address;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    secret,
    stop: () => (stopping ??= cleanup()),
  };
}
