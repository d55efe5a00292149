import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../shared/model/catalogue';
import { SHAPE_BODY, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  gw = await startTestGateway();
  tokens.agentN = await gw.signIn('ann@north.test');
  tokens.managerN = await gw.signIn('max@north.test');
  tokens.admin = await gw.signIn('ada@agency.test');
});
afterAll(async () => {
  await gw?.close();
});

/** GETs /v1/shape with `query` as `who`; answers the response and what Electric received. */
async function shape(who: string, query: string) {
  const before = gw.upstream.requests.length;
  const res = await gw.app.request(`/v1/shape?${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
  const sent = gw.upstream.requests.slice(before);
  return { res, sent: sent[0]?.url.searchParams, count: sent.length };
}

const entries = (p: URLSearchParams | undefined) => [...(p?.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b));

describe('GET /v1/shape', () => {
  it("forwards only Electric's protocol params and sets table, where, params and secret itself", async () => {
    const { res, sent } = await shape(
      'agentN',
      'table=leads&offset=12_3&handle=h-1&live=true&cursor=99&log=changes_only&replica=full&where=1%3D1&params%5B1%5D=x&columns=id&secret=mine&api_secret=x&foo=bar',
    );
    expect(res.status).toBe(200);
    expect(entries(sent)).toEqual(
      [
        ['cursor', '99'],
        ['handle', 'h-1'],
        ['live', 'true'],
        ['log', 'changes_only'],
        ['offset', '12_3'],
        ['params[1]', gw.users.agentN.id],
        ['replica', 'full'],
        ['secret', 'electric-secret'],
        ['table', 'leads'],
        ['where', 'owner_id = $1'],
      ].sort(([a], [b]) => a!.localeCompare(b!)),
    );
  });

  it('streams the answer back with its status and electric-* headers, minus content-encoding/length, plus Vary', async () => {
    const { res } = await shape('agentN', 'table=leads&offset=-1');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('vary')).toBe('Authorization');
    expect(res.headers.get('electric-handle')).toBe('h-1');
    expect(res.headers.get('electric-offset')).toBe('0_0');
    expect(res.headers.get('electric-schema')).toBe('{"id":{"type":"uuid"}}');
    expect(res.headers.has('electric-up-to-date')).toBe(true);
    expect(await res.json()).toEqual(SHAPE_BODY);
  });

  it('passes Electric errors through (409 must-refetch) and adds to an existing Vary', async () => {
    gw.upstream.handler = (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json', 'electric-handle': 'h-2', vary: 'Accept-Encoding' });
      res.end(JSON.stringify([{ headers: { control: 'must-refetch' } }]));
    };
    try {
      const { res } = await shape('agentN', 'table=leads&offset=5_0&handle=h-1');
      expect(res.status).toBe(409);
      expect(res.headers.get('electric-handle')).toBe('h-2');
      expect(res.headers.get('vary')).toBe('Accept-Encoding, Authorization');
      expect(await res.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
    } finally {
      gw.upstream.handler = undefined;
    }
  });

  it('scopes a manager to own and team rows, an admin and agency tables to everything', async () => {
    const m = await shape('managerN', 'table=opportunities&offset=-1');
    expect(m.sent?.get('where')).toBe('(owner_id = $1 OR team_id = $2)');
    expect(m.sent?.get('params[1]')).toBe(gw.users.managerN.id);
    expect(m.sent?.get('params[2]')).toBe(gw.teams.north);
    const a = await shape('admin', 'table=leads&offset=-1&where=owner_id%3D%27x%27');
    expect(a.sent?.has('where')).toBe(false);
    const lookups = await shape('agentN', 'table=lead_statuses&offset=-1');
    expect(lookups.sent?.has('where')).toBe(false);
  });

  it('never lets an agent widen the scope, whatever params it sends', async () => {
    const attempts = [
      'table=leads&where=true',
      'table=leads&where=owner_id%20IS%20NOT%20NULL&params%5B1%5D=' + gw.users.agentS.id,
      'table=leads&params%5B1%5D=' + gw.users.agentS.id + '&params%5B2%5D=x',
      'table=leads&table=lead_statuses',
      'table=leads&columns=id,owner_id&replica=full',
      'table=leads&secret=guess&api_secret=guess',
      'table=leads&WHERE=true&Params%5B1%5D=x',
    ];
    for (const q of attempts) {
      const { sent } = await shape('agentN', `${q}&offset=-1`);
      expect(sent?.get('table'), q).toBe('leads');
      expect(sent?.get('where'), q).toBe('owner_id = $1');
      expect(sent?.getAll('params[1]'), q).toEqual([gw.users.agentN.id]);
      expect(sent?.has('params[2]'), q).toBe(false);
      expect(sent?.has('columns'), q).toBe(false);
      expect(sent?.getAll('secret'), q).toEqual(['electric-secret']);
      expect(
        [...sent!.keys()].filter((k) => !/^(table|where|params\[1\]|secret|offset|replica)$/.test(k)),
        q,
      ).toEqual([]);
    }
  });

  it('names the users columns explicitly, so no credential column can stream', async () => {
    const { sent } = await shape('agentN', 'table=users&offset=-1&columns=password_hash');
    expect(sent?.get('columns')?.split(',')).toEqual(Object.keys(TABLES.users.columns));
  });

  it('refuses tables that do not sync (server-only ones included) without asking Electric', async () => {
    for (const table of ['user_credentials', 'sessions', 'applied_mutations', 'field_versions', 'pg_authid', '']) {
      const { res, count } = await shape('agentN', `table=${table}&offset=-1`);
      expect(res.status, table).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('table');
      expect(count).toBe(0);
    }
  });

  it('answers 401 without a valid token, and Electric never hears of it', async () => {
    const before = gw.upstream.requests.length;
    const res = await gw.app.request('/v1/shape?table=leads&offset=-1');
    expect(res.status).toBe(401);
    const bad = await gw.app.request('/v1/shape?table=leads&offset=-1&secret=electric-secret', {
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(bad.status).toBe(401);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('answers 502 with a clear message when Electric cannot be reached', async () => {
    const { createGateway } = await import('../../server/app');
    const app = createGateway({
      pool: gw.pool,
      electricUrl: 'http://127.0.0.1:1',
      now: () => gw.clock.ms,
      log: () => undefined,
    });
    const res = await app.request('/v1/shape?table=leads&offset=-1', {
      headers: { authorization: `Bearer ${tokens.agentN}` },
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Electric/);
  });

  it('logs the table, never the query string or the token', async () => {
    await shape('agentN', 'table=clients&offset=-1&handle=secret-handle');
    const line = gw.logs.at(-1)!;
    expect(line).toMatchObject({
      method: 'GET',
      path: '/v1/shape',
      status: 200,
      user: gw.users.agentN.id,
      table: 'clients',
    });
    expect(typeof line.ms).toBe('number');
    expect(JSON.stringify(gw.logs)).not.toContain(tokens.agentN!);
    expect(JSON.stringify(line)).not.toContain('secret-handle');
  });
});

describe('GET /v1/health', () => {
  it('is 200 when Postgres and Electric answer, 503 naming what is wrong otherwise', async () => {
    const ok = await gw.app.request('/v1/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, database: 'ok', electric: 'active' });
    gw.upstream.handler = (_req, res) =>
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"starting"}');
    try {
      const starting = await gw.app.request('/v1/health');
      expect(starting.status).toBe(503);
      expect(await starting.json()).toEqual({ ok: false, database: 'ok', electric: 'starting' });
    } finally {
      gw.upstream.handler = undefined;
    }
  });
});
