import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../server/admin';
import { SCOPE_HEADER, whoAmIResponse } from '../../shared/sync/protocol';
import { createLeadArgs, envelope, PASSWORD, results, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  gw = await startTestGateway();
  tokens.agentN = await gw.signIn('ann@north.test');
  tokens.agentS = await gw.signIn('sam@south.test');
  tokens.admin = await gw.signIn('ada@agency.test');
});
afterAll(async () => {
  await gw?.close();
});

const get = (who: string, path: string) =>
  gw.app.request(path, { headers: { authorization: `Bearer ${tokens[who]}` } });
const me = async (who: string) => whoAmIResponse.parse(await (await get(who, '/v1/me')).json());

describe('the sync scope at the gateway', () => {
  it('GET /v1/me answers the user as they are now and their scope; shape answers carry the same', async () => {
    const ann = await me('agentN');
    expect(ann.user).toEqual(gw.users.agentN);
    const res = await get('agentN', '/v1/shape?table=leads&offset=-1');
    expect(res.status).toBe(200);
    expect(res.headers.get(SCOPE_HEADER)).toBe(ann.scope);
    // Refused answers too: a replica with an old handle learns why from the header.
    const bad = await get('agentN', '/v1/shape?table=nope');
    expect(bad.status).toBe(400);
    expect(bad.headers.get(SCOPE_HEADER)).toBe(ann.scope);
    gw.upstream.handler = (_req, out) => void out.writeHead(400, { 'content-type': 'application/json' }).end('{}');
    const upstream400 = await get('agentN', '/v1/shape?table=leads&offset=1_0&handle=old');
    gw.upstream.handler = undefined;
    expect(upstream400.status).toBe(400);
    expect(upstream400.headers.get(SCOPE_HEADER)).toBe(ann.scope);
    expect((await get('agentN', '/v1/shape?table=leads')).headers.get('vary')).toBe('Authorization');
  });

  it('differs between users and changes with role or team, back again when they are restored', async () => {
    const ann = (await me('agentN')).scope;
    expect(new Set([ann, (await me('agentS')).scope, (await me('admin')).scope]).size).toBe(3);
    const set = (role: 'agent' | 'manager', team: string) =>
      upsertUser(gw.pg.client, { email: 'ann@north.test', password: PASSWORD, role, team });
    await set('manager', 'North');
    const manager = await me('agentN');
    expect(manager.user.role).toBe('manager');
    expect(manager.scope).not.toBe(ann);
    await set('agent', 'South');
    const moved = (await me('agentN')).scope;
    expect(new Set([ann, manager.scope, moved]).size).toBe(3);
    await set('agent', 'North');
    expect((await me('agentN')).scope).toBe(ann);
  });

  it('a team move carries the rows the user owns, leaves the others, and the user can edit them after', async () => {
    const now = () => new Date(gw.clock.ms).toISOString();
    const sam = createLeadArgs({ last_name: 'Moved' });
    const max = createLeadArgs({ last_name: 'Stays' });
    const samToken = tokens.agentS!;
    const maxToken = await gw.signIn('max@north.test');
    expect((await results(await gw.push(samToken, [envelope('createLead', sam, now())])))[0]!.status).toBe('ok');
    expect((await results(await gw.push(maxToken, [envelope('createLead', max, now())])))[0]!.status).toBe('ok');
    const moved = await upsertUser(gw.pg.client, {
      email: 'sam@south.test',
      password: PASSWORD,
      role: 'agent',
      team: 'North',
    });
    expect(moved.rows_moved).toEqual({ leads: 1, timeline_events: 1 });
    const teams = await gw.q<{ id: string; team_id: string }>('SELECT id, team_id FROM leads WHERE id = ANY($1)', [
      [sam.id, max.id],
    ]);
    expect(Object.fromEntries(teams.map((r) => [r.id, r.team_id]))).toEqual({
      [sam.id]: gw.teams.north,
      [max.id]: gw.teams.north,
    });
    const edit = envelope('updateLead', { id: sam.id, patch: { phone: '555-0110' } }, now());
    expect((await results(await gw.push(samToken, [edit])))[0]!.status).toBe('ok');
    // Moved again (back to South), nothing of Max's goes with Sam.
    const back = await upsertUser(gw.pg.client, {
      email: 'sam@south.test',
      password: PASSWORD,
      role: 'agent',
      team: 'South',
    });
    // Sam's edit above wrote a field-history row (record_changes): it is Sam's, so it moves too.
    expect(back.rows_moved).toEqual({ leads: 1, timeline_events: 1, record_changes: 1 });
    expect((await gw.q('SELECT team_id FROM leads WHERE id = $1', [max.id]))[0]).toEqual({ team_id: gw.teams.north });
    // The same team again moves nothing.
    const same = await upsertUser(gw.pg.client, {
      email: 'sam@south.test',
      password: PASSWORD,
      role: 'agent',
      team: 'South',
    });
    expect(same.rows_moved).toEqual({});
  });

  it('GET /v1/me needs a signed-in user', async () => {
    const res = await gw.app.request('/v1/me');
    expect(res.status).toBe(401);
  });
});
