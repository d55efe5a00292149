/**
 * The gateway's request handling fuzzed, on the real gateway and Postgres: random and mutated
 * bodies, headers, paths and query strings against every endpoint (bounded in count and time).
 * No answer is a 5xx, every error is the JSON error shape, and a refused request changes
 * nothing (every table but the sign-in bookkeeping and the audit ledger, which records refused
 * sign-ins by design, is compared before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int, mutateJson, pick, randomJson, randomPath, randomString, rng, type Rng } from '../support/fuzz';
import { createLeadArgs, envelope, PASSWORD, startTestGateway, type TestGateway } from './helpers';

const SEED = Number(process.env.FIELDLINE_SEED ?? 20261206);
const REQUESTS = Number(process.env.FIELDLINE_FUZZ_REQUESTS ?? 600);
const BUDGET_MS = 60_000;

let gw: TestGateway;
let tokens: string[];
let leadId: string;
beforeAll(async () => {
  gw = await startTestGateway();
  tokens = [await gw.signIn('ann@north.test'), await gw.signIn('ada@agency.test')];
  leadId = createLeadArgs().id;
  const res = await gw.push(tokens[0]!, [
    envelope('createLead', { ...createLeadArgs(), id: leadId }, new Date(gw.clock.ms).toISOString()),
  ]);
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await gw?.close();
});

/** Row counts and last writes of every table a refused request must leave alone. */
async function fingerprint(): Promise<string> {
  const tables = await gw.q<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'
       AND tablename NOT IN ('sessions', 'known_devices', 'audit_ledger', 'audit_ledger_head') ORDER BY tablename`,
  );
  const counts = await gw.q(
    tables.map((t) => `SELECT '${t.name}' AS t, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL '),
  );
  const writes = await gw.q(
    `SELECT max(updated_at)::text AS leads, (SELECT max(updated_at)::text FROM user_credentials) AS creds FROM leads`,
  );
  return JSON.stringify([counts, writes]);
}

// Weighted towards the endpoints that parse bodies and write.
const PATHS = [
  '/v1/mutations',
  '/v1/mutations',
  '/v1/mutations',
  '/v1/auth/sign-in',
  '/v1/auth/sign-in',
  '/v1/auth/sign-out',
  '/v1/mutations',
  '/v1/shape?table=leads&offset=-1',
  '/v1/audit',
  '/v1/health',
  '/v1/nope',
];
const TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  '',
  'application/jsonx',
  'multipart/form-data; boundary=x',
];
const NAMES = ['createLead', 'updateLead', 'addNote', 'upsertAddress', 'convertLead', 'changeLeadStatus', 'nope'];

function validBody(r: Rng, path: string): unknown {
  const at = new Date(gw.clock.ms).toISOString();
  if (path.startsWith('/v1/auth/sign-in'))
    return {
      email: pick(r, ['ann@north.test', 'ada@agency.test', 'x@y.z']),
      password: pick(r, [PASSWORD, 'wrong password']),
    };
  const name = pick(r, NAMES);
  const args =
    name === 'createLead'
      ? createLeadArgs()
      : name === 'addNote'
        ? { lead_id: leadId, body: 'note' }
        : name === 'updateLead'
          ? { id: leadId, patch: { last_name: 'Changed' } }
          : { lead_id: leadId };
  return { mutations: Array.from({ length: 1 + int(r, 3) }, () => envelope(name, args, at)) };
}

function randomBody(r: Rng, path: string): string | undefined {
  const roll = r();
  if (roll < 0.1) return undefined;
  if (roll < 0.2) return randomString(r);
  if (roll < 0.3) return JSON.stringify(randomJson(r));
  if (roll < 0.33) return '['.repeat(5000) + ']'.repeat(5000);
  if (roll < 0.35) return JSON.stringify({ mutations: [], pad: 'x'.repeat(1024 * 1024 + 10) });
  let body = validBody(r, path);
  for (let i = int(r, 3); i >= 0; i--) body = mutateJson(r, body);
  return JSON.stringify(body);
}

describe('gateway fuzz', () => {
  it(`${REQUESTS} random requests: no 5xx, errors in the JSON shape, nothing changed by a refusal (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const started = Date.now();
    let sent = 0;
    let before = await fingerprint();
    const statuses = new Map<number, number>();
    for (; sent < REQUESTS && Date.now() - started < BUDGET_MS; sent++) {
      const path = r() < 0.7 ? pick(r, PATHS) : randomPath(r, PATHS);
      const method =
        r() < 0.8
          ? path.includes('shape') || path.includes('audit') || path.includes('health')
            ? 'GET'
            : 'POST'
          : pick(r, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const headers: Record<string, string> = {};
      const type = pick(r, TYPES);
      if (type) headers['content-type'] = type;
      const auth = r();
      // (Never a real token to sign-out: the rest of the run would be unauthenticated.)
      if (auth < 0.75 && !path.includes('sign-out')) headers.authorization = `Bearer ${pick(r, tokens)}`;
      else if (auth < 0.8)
        headers.authorization = pick(r, [
          'Bearer ',
          'Bearer x',
          `Basic ${'a'.repeat(40)}`,
          `Bearer ${'A'.repeat(43)}`,
          'Bearer %00',
        ]);
      if (r() < 0.2) headers['x-forwarded-for'] = randomString(r).replace(/[^\x20-\x7e]/g, '');
      const body = method === 'GET' || method === 'HEAD' ? undefined : randomBody(r, path);
      const label = `#${sent} ${method} ${path.slice(0, 120)} ${JSON.stringify(headers)} ${body?.slice(0, 200)}`;
      const res = await gw.app.request(
        path,
        { method, headers, body },
        { incoming: { socket: { remoteAddress: `10.1.${int(r, 4)}.${int(r, 250)}` } } },
      );
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, label).toBeLessThan(500);
      const text = await res.text();
      if (res.status >= 400 && !path.startsWith('/v1/shape') && method !== 'HEAD') {
        expect(() => JSON.parse(text), `${label} → ${text.slice(0, 200)}`).not.toThrow();
        expect((JSON.parse(text) as { error?: { code?: unknown } }).error?.code, label).toEqual(expect.any(String));
      }
      gw.clock.ms += int(r, 2000);
      const after = await fingerprint();
      const mayChange = res.status === 200 && method === 'POST' && path.startsWith('/v1/mutations');
      if (!mayChange) expect(after, `${label} → ${res.status} changed the database`).toBe(before);
      before = after;
    }
    expect(sent).toBeGreaterThanOrEqual(Math.min(REQUESTS, 200));
    console.info(
      `gateway fuzz: ${sent} requests in ${Date.now() - started} ms, statuses ${JSON.stringify([...statuses].sort())}`,
    );
    expect(gw.logs.filter((l) => l.status === 500 || l.error)).toEqual([]);
  }, 120_000);
});
