/**
 * A gateway on a fresh, migrated test database with four users, a clock the test moves, the
 * log lines it wrote, and a fake Electric that records every request it gets.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { expect } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { insuranceTypeByCode } from '../../shared/lookups';
import type { MutationAnswer, MutationEnvelope, SessionUser } from '../../shared/sync/protocol';
import { upsertUser } from '../../server/admin';
import { createGateway, type Gateway, type GatewayOptions } from '../../server/app';
import { migratedPostgres, type MigratedPg } from '../schema/helpers';

export const AUTO = insuranceTypeByCode('auto').id;
export const PASSWORD = 'correct horse battery';

export interface Upstream {
  url: string;
  requests: Array<{ url: URL; headers: IncomingHttpHeaders }>;
  /** Replaces the default answer (a gzipped JSON array with Electric's headers). */
  handler?: (req: { url: URL }, res: import('node:http').ServerResponse) => void;
  close(): Promise<void>;
}

export const SHAPE_BODY = [{ headers: { control: 'up-to-date', global_last_seen_lsn: '123' } }];

export async function fakeElectric(): Promise<Upstream> {
  const upstream: Upstream = { url: '', requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    upstream.requests.push({ url, headers: req.headers });
    if (upstream.handler) return upstream.handler({ url }, res);
    if (url.pathname === '/v1/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'active' }));
      return;
    }
    const body = gzipSync(JSON.stringify(SHAPE_BODY));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': String(body.length),
      'electric-handle': 'h-1',
      'electric-offset': '0_0',
      'electric-schema': '{"id":{"type":"uuid"}}',
      'electric-up-to-date': '',
      'cache-control': 'public, max-age=60',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  upstream.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  upstream.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return upstream;
}

export interface TestGateway {
  app: Gateway;
  pool: pg.Pool;
  pg: MigratedPg;
  upstream: Upstream;
  logs: Array<Record<string, unknown>>;
  clock: { ms: number };
  teams: { north: string; south: string };
  users: { agentN: SessionUser; agentS: SessionUser; managerN: SessionUser; admin: SessionUser };
  signIn(email: string, password?: string): Promise<string>;
  /** POST /v1/mutations with a bearer token. */
  push(token: string, mutations: MutationEnvelope[]): Promise<Response>;
  q<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const db = await migratedPostgres();
  const pool = new pg.Pool({ connectionString: db.db.url, max: 6 });
  const upstream = await fakeElectric();
  const logs: Array<Record<string, unknown>> = [];
  // As server/main.ts does: an idle connection that Postgres ends (here, the test database being
  // dropped at teardown while the pool closes) is logged, not an uncaught error in the test run.
  pool.on('error', (err) => logs.push({ msg: 'idle database connection failed', error: err.message }));
  const clock = { ms: Date.parse('2025-06-02T12:00:00.000Z') };
  const add = (email: string, role: 'agent' | 'manager' | 'admin', team: string) =>
    upsertUser(db.client, { email, password: PASSWORD, role, team, fullName: email.split('@')[0] }).then((r) => r.user);
  const users = {
    agentN: await add('ann@north.test', 'agent', 'North'),
    agentS: await add('sam@south.test', 'agent', 'South'),
    managerN: await add('max@north.test', 'manager', 'North'),
    admin: await add('ada@agency.test', 'admin', 'North'),
  };
  const app = createGateway({
    pool,
    electricUrl: upstream.url,
    electricSecret: 'electric-secret',
    now: () => clock.ms,
    log: (e) => logs.push(e),
    ...options,
  });
  const gw: TestGateway = {
    app,
    pool,
    pg: db,
    upstream,
    logs,
    clock,
    teams: { north: users.agentN.team_id!, south: users.agentS.team_id! },
    users,
    async signIn(email, password = PASSWORD) {
      const res = await app.request('/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    push: async (token, mutations) =>
      app.request('/v1/mutations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ mutations }),
      }),
    q: async (sql, params = []) => (await pool.query(sql, params)).rows,
    async close() {
      await pool.end();
      await upstream.close();
      await db.close();
    },
  };
  return gw;
}

let clientSeq = 0;
/** A mutation envelope; createdAt defaults to the gateway clock's "now". */
/** The answers of a `POST /v1/mutations` that must have succeeded as a request (200). */
export async function results(res: Response): Promise<MutationAnswer[]> {
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { results: MutationAnswer[] }).results;
}

export function envelope(name: string, args: unknown, createdAt: string, id = uuidv7()): MutationEnvelope {
  return { id, name, args, clientId: `client-${++clientSeq}`, createdAt };
}

export function createLeadArgs(over: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    insurance_type_id: AUTO,
    lead_type: 'individual',
    first_name: 'Jo',
    last_name: 'Lead',
    ...over,
  };
}
