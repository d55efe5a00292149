import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { migratePostgres } from '../../db/pg/migrate';
import { upsertUser } from '../../server/admin';
import { createGateway } from '../../server/app';
import { startDevElectric } from '../../server/dev-shape-server/server';
import { createTestDatabase } from '../support/pg';

export interface SystemUser {
  email: string;
  password: string;
  id: string;
  role: 'agent' | 'staff' | 'manager' | 'admin';
  team_id: string | null;
}

export const listen = (fetchHandler: (req: Request) => Response | Promise<Response>) =>
  new Promise<{ url: string; server: ServerType }>((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, server }),
    );
  });

/**
 * The whole agency server as production runs it, on this machine: a real Postgres database
 * (wal_level=logical), the development Electric shape server on logical decoding, and the
 * gateway over HTTP on loopback.
 */
export async function startSystem(
  baseUrl: string,
  people: Array<{ email: string; role: SystemUser['role']; team: string | null }>,
  /** `chunkRows`: snapshot rows per shape response (the shape server's default is 10,000). */
  options: { chunkRows?: number } = {},
) {
  const db = await createTestDatabase(baseUrl);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await migratePostgres(admin);
  const users: SystemUser[] = [];
  for (const p of people) {
    const { user } = await upsertUser(admin, {
      email: p.email,
      password: 'correct horse battery',
      role: p.role,
      team: p.team,
      fullName: p.email.split('@')[0],
    });
    users.push({
      email: p.email,
      password: 'correct horse battery',
      id: user.id,
      role: user.role,
      team_id: user.team_id,
    });
  }
  const electric = await startDevElectric({
    databaseUrl: db.url,
    port: 0,
    longPollMs: 1_000,
    pollIntervalMs: 20,
    chunkRows: options.chunkRows,
  });
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  const gateway = createGateway({
    pool,
    electricUrl: electric.url,
    electricSecret: electric.secret,
    log: () => {},
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    // Every test device signs in from loopback, retrying through faulty networks.
    signInLimits: { perAddress: { burst: 1_000, perSecond: 100 } },
  });
  const http = await listen(gateway.fetch);
  return {
    url: http.url,
    users,
    admin,
    db,
    async stop() {
      http.server.close();
      await electric.stop();
      await pool.end();
      await admin.end();
      await db.drop();
    },
  };
}
export type System = Awaited<ReturnType<typeof startSystem>>;
