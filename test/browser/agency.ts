/**
 * An agency server for browser tests and the benchmark, outside vitest: a real Postgres (embedded,
 * or DATABASE_URL's server), the development shape server and the gateway (test/sync/system.ts),
 * with replicas that sign in and sync through it like a desktop app does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { signIn } from '../../electron/main/sync/session';
import { startEmbeddedPostgres } from '../../server/embedded-postgres';
import { startSystem, type SystemUser } from '../sync/system';
import { startHost, type Host } from './harness';

export interface Agency {
  url: string;
  users: SystemUser[];
  stop(): Promise<void>;
}

export async function startAgency(
  people: Array<{ email: string; role: SystemUser['role']; team: string | null }>,
): Promise<Agency> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({});
  try {
    const system = await startSystem(process.env.DATABASE_URL ?? embedded!.url, people);
    return {
      url: system.url,
      users: system.users,
      async stop() {
        await system.stop();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/** A web host over a fresh replica (or `dbPath`), signed in as `user` and syncing in the background. */
export async function syncingHost(agency: Agency, user: SystemUser, dbPath?: string): Promise<Host> {
  const host = await startHost(dbPath);
  await host.api('sync.signIn', { server: agency.url, email: user.email, password: user.password });
  return host;
}

/** A second device (no window): signed in as `user`, its sync engine running. */
export async function syncingDevice(
  agency: Pick<Agency, 'url'>,
  user: SystemUser,
): Promise<{ app: FieldlineApp; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-device-'));
  const app = openApp(join(dir, 'replica.db'));
  await signIn(app.db, agency.url, user.email, user.password);
  app.refreshActor();
  app.startSync();
  return {
    app,
    close() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` holds (polling the replica, never the screen). */
export async function until(check: () => boolean, what: string, ms = 30_000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
