import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { statusByCode } from '../../shared/lookups';
import type { MutationAnswer } from '../../shared/sync/protocol';
import { createGateway } from '../../server/app';
import { createLeadArgs, envelope, results, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
let ann: string; // agent, North
let sam: string; // agent, South
let max: string; // manager, North
const now = () => new Date(gw.clock.ms).toISOString();

beforeAll(async () => {
  gw = await startTestGateway();
  [ann, sam, max] = [
    await gw.signIn('ann@north.test'),
    await gw.signIn('sam@south.test'),
    await gw.signIn('max@north.test'),
  ];
});
afterAll(async () => {
  await gw?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  Number((await gw.q<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0]!.n);
const totals = async () => ({
  leads: await count('leads'),
  applied: await count('applied_mutations'),
  events: await count('timeline_events'),
});

describe('POST /v1/mutations', () => {
  it("applies a mutation and answers the txid of the transaction that wrote it (the rows' xmin)", async () => {
    const args = createLeadArgs();
    const [answer] = await results(await gw.push(ann, [envelope('createLead', args, now())]));
    expect(answer).toMatchObject({
      status: 'ok',
      txid: expect.stringMatching(/^\d+$/),
      lsn: expect.stringMatching(/^\d+$/),
    });
    const ok = answer as Extract<MutationAnswer, { status: 'ok' }>;
    const [lead] = await gw.q<{ xmin: string; owner_id: string; team_id: string; created_at: string }>(
      'SELECT xmin::text, owner_id, team_id, created_at FROM leads WHERE id = $1',
      [args.id],
    );
    expect(lead!.xmin).toBe(ok.txid);
    expect(lead).toMatchObject({ owner_id: gw.users.agentN.id, team_id: gw.teams.north, created_at: now() });
    const events = await gw.q<{ xmin: string }>('SELECT xmin::text FROM timeline_events WHERE lead_id = $1', [args.id]);
    expect(events.map((e) => e.xmin)).toEqual([ok.txid]);
    const [applied] = await gw.q<{ xmin: string; txid: string; outcome: string }>(
      'SELECT txid, outcome FROM applied_mutations WHERE id = $1',
      [answer!.id],
    );
    expect(applied).toEqual({ txid: ok.txid, outcome: 'ok' });
    // The insert position: with synchronous_commit=off the write position may not have reached it yet.
    const [{ lsn }] = (await gw.q<{ lsn: string }>(
      `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS lsn`,
    )) as [{ lsn: string }];
    expect(BigInt(ok.lsn)).toBeLessThanOrEqual(BigInt(lsn));
  });

  it('applies a batch in order, in one transaction whose txid every answer carries', async () => {
    const args = createLeadArgs();
    const [a, b] = await results(
      await gw.push(ann, [
        envelope('createLead', args, now()),
        envelope('addNote', { lead_id: args.id, body: 'called' }, now()),
      ]),
    );
    expect([a!.status, b!.status]).toEqual(['ok', 'ok']);
    expect((a as { txid: string }).txid).toBe((b as { txid: string }).txid);
    expect((a as { lsn: string }).lsn).toBe((b as { lsn: string }).lsn);
    const [note] = await gw.q<{ xmin: string }>('SELECT xmin::text FROM lead_notes WHERE lead_id = $1', [args.id]);
    expect(note!.xmin).toBe((b as { txid: string }).txid);
  });

  it('is idempotent: a repeated mutation id gets the same answer and is applied once', async () => {
    const m = envelope('createLead', createLeadArgs(), now());
    const first = await results(await gw.push(ann, [m]));
    const before = await totals();
    const again = await results(await gw.push(ann, [m, m]));
    expect(again).toEqual([first[0], first[0]]);
    expect(await totals()).toEqual(before);
    expect(await count('applied_mutations WHERE id = $1', [m.id])).toBe(1);
    expect(gw.logs.at(-1)).toMatchObject({ path: '/v1/mutations', status: 200, mutations: { ok: 2, replayed: 2 } });
  });

  it('applies once when a retry races the original request', async () => {
    const m = envelope('createLead', createLeadArgs(), now());
    const answers = await Promise.all(
      [gw.push(ann, [m]), gw.push(ann, [m]), gw.push(ann, [m])].map(async (r) => (await results(await r))[0]),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.status).toBe('ok');
    expect(await count('leads WHERE id = $1', [(m.args as { id: string }).id])).toBe(1);
    expect(await count('timeline_events WHERE lead_id = $1', [(m.args as { id: string }).id])).toBe(1);
  });

  it('records a rejection and answers it again on retry, even once the cause is gone', async () => {
    const leadId = uuidv7();
    const note = envelope('addNote', { lead_id: leadId, body: 'too early' }, now());
    const [rejected] = await results(await gw.push(ann, [note]));
    expect(rejected).toEqual({
      id: note.id,
      status: 'rejected',
      error: { code: 'not_found', message: `lead ${leadId} does not exist`, field: 'lead_id' },
    });
    expect(await gw.q('SELECT outcome, txid FROM applied_mutations WHERE id = $1', [note.id])).toEqual([
      { outcome: 'rejected', txid: null },
    ]);
    await results(await gw.push(ann, [envelope('createLead', createLeadArgs({ id: leadId }), now())]));
    expect(await results(await gw.push(ann, [note]))).toEqual([rejected]);
    expect(await count('lead_notes WHERE lead_id = $1', [leadId])).toBe(0);
  });

  it('rejects invalid args and unknown mutation names per mutation, and goes on with the batch', async () => {
    const args = createLeadArgs();
    const [bad, unknown, good] = await results(
      await gw.push(ann, [
        envelope('createLead', { ...args, last_name: '' }, now()),
        envelope('dropTables', {}, now()),
        envelope('createLead', args, now()),
      ]),
    );
    expect(bad).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'last_name' } });
    expect(unknown).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_input', message: 'unknown mutation: dropTables' },
    });
    expect(good!.status).toBe('ok');
  });

  it("does not let an agent or a manager change another team's lead (rejected, unchanged)", async () => {
    const args = createLeadArgs({ last_name: 'Southern' });
    await results(await gw.push(sam, [envelope('createLead', args, now())]));
    const before = await gw.q('SELECT * FROM leads WHERE id = $1', [args.id]);
    for (const token of [ann, max]) {
      const answers = await results(
        await gw.push(token, [
          envelope('updateLead', { id: args.id, patch: { last_name: 'Hijacked' } }, now()),
          envelope('changeLeadStatus', { lead_id: args.id, status_id: statusByCode('contacted').id }, now()),
          envelope('softDelete', { table: 'leads', id: args.id }, now()),
          envelope('addNote', { lead_id: args.id, body: 'sneaky' }, now()),
        ]),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a)).toBe('rejected');
    }
    expect(await gw.q('SELECT * FROM leads WHERE id = $1', [args.id])).toEqual(before);
    expect(await count('lead_notes WHERE lead_id = $1', [args.id])).toBe(0);
  });

  it('maps a row-level-security refusal to a clear rejection', async () => {
    const [answer] = await results(
      await gw.push(ann, [envelope('createLead', createLeadArgs({ owner_id: gw.users.agentS.id }), now())]),
    );
    expect(answer).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
  });

  it("rejects a mutation id another user already used, leaving the first user's answer alone", async () => {
    const m = envelope('createLead', createLeadArgs(), now());
    const [first] = await results(await gw.push(ann, [m]));
    const [stolen] = await results(await gw.push(sam, [m]));
    expect(stolen).toMatchObject({ id: m.id, status: 'rejected', error: { code: 'conflict' } });
    expect(await results(await gw.push(ann, [m]))).toEqual([first]);
  });

  it('answers 500 without recording when the server fails, so the retry applies it', async () => {
    const m = envelope('createLead', createLeadArgs(), now());
    await gw.q('ALTER TABLE timeline_events RENAME TO timeline_events_away');
    let res: Response;
    try {
      res = await gw.push(ann, [m]);
    } finally {
      await gw.q('ALTER TABLE timeline_events_away RENAME TO timeline_events');
    }
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/retry/);
    expect(await count('applied_mutations WHERE id = $1', [m.id])).toBe(0);
    expect(await count('leads WHERE id = $1', [(m.args as { id: string }).id])).toBe(0);
    expect((await results(await gw.push(ann, [m])))[0]!.status).toBe('ok');
  });
});

describe('malformed, oversized and unauthenticated requests', () => {
  const post = async (body: string, token: string | null = ann, type = 'application/json') =>
    gw.app.request('/v1/mutations', {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const good = () => JSON.stringify({ mutations: [envelope('createLead', createLeadArgs(), now())] });

  it('get 4xx with a clear message and change nothing', async () => {
    const before = await totals();
    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [post(good(), null), 401, /sign in/],
      [post(good(), 'not-a-real-token-000000'), 401, /not valid/],
      [post('{"mutations": ['), 400, /not valid JSON/],
      [post(good(), ann, 'text/plain'), 415, /JSON/],
      [post(JSON.stringify({})), 400, /^mutations: /],
      [post(JSON.stringify({ mutations: [] })), 400, /mutations: is empty/],
      [
        post(JSON.stringify({ mutations: [{ ...envelope('createLead', {}, now()), id: 'nope' }] })),
        400,
        /^mutations\[0\]\.id: /,
      ],
      [
        post(JSON.stringify({ mutations: [{ ...envelope('createLead', {}, now()), createdAt: 'yesterday' }] })),
        400,
        /^mutations\[0\]\.createdAt: /,
      ],
      [
        post(JSON.stringify({ mutations: Array.from({ length: 501 }, () => envelope('createLead', {}, now())) })),
        400,
        /500 at most/,
      ],
      [
        post(JSON.stringify({ mutations: [envelope('addNote', { body: 'x'.repeat(1_100_000) }, now())] })),
        413,
        /over 1 MB/,
      ],
    ];
    for (const [pending, status, message] of cases) {
      const res = await pending;
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status, body.error.message).toBe(status);
      expect(body.error.message).toMatch(message);
    }
    expect(await totals()).toEqual(before);
  });

  it('are limited per user: 429 with Retry-After past the burst, other users unaffected', async () => {
    const app = createGateway({
      pool: gw.pool,
      electricUrl: gw.upstream.url,
      now: () => gw.clock.ms,
      log: () => undefined,
      rateLimit: { perSecond: 1, burst: 3 },
    });
    const send = (token: string) =>
      app.request('/v1/mutations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"mutations":[]}',
      });
    for (let i = 0; i < 3; i++) expect((await send(ann)).status).toBe(400);
    const limited = await send(ann);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await send(sam)).status).toBe(400);
    gw.clock.ms += 1000;
    expect((await send(ann)).status).toBe(400);
    expect((await send(ann)).status).toBe(429);
  });
});
