/**
 * A batch of mutations at the gateway: one transaction for the batch, refusals in the middle
 * (with or without writes left behind), a failure part-way, repeated ids, and row-level security
 * for every mutation of the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMutation } from '../../server/apply-mutation';
import { uuidv7 } from '../../shared/ids';
import type { MutationAnswer } from '../../shared/sync/protocol';
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

const txidOf = (a: MutationAnswer | undefined) => (a && a.status !== 'rejected' ? a.txid : undefined);
const count = async (sql: string, params: unknown[] = []) =>
  Number((await gw.q<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0]!.n);
const xmin = async (table: string, id: string) =>
  (await gw.q<{ xmin: string }>(`SELECT xmin::text FROM ${table} WHERE id = $1`, [id]))[0]?.xmin;
const recorded = async (ids: string[]) =>
  (
    await gw.q<{ id: string; outcome: string }>(
      'SELECT id, outcome FROM applied_mutations WHERE id = ANY($1::uuid[])',
      [ids],
    )
  ).map((r) => [r.id, r.outcome]);

/** A lead of Ann's with one note, made in its own request. */
async function leadWithNote() {
  const lead = createLeadArgs();
  const noteId = uuidv7();
  await results(
    await gw.push(ann, [
      envelope('createLead', lead, now()),
      envelope('addNote', { id: noteId, lead_id: lead.id, body: 'first' }, now()),
    ]),
  );
  return { leadId: lead.id, noteId };
}

describe('a batch of mutations', () => {
  it('goes on past a refusal made before any write: the rest applied in the same transaction, every answer recorded and answered again', async () => {
    const lead = createLeadArgs();
    const batch = [
      envelope('createLead', lead, now()),
      envelope('addNote', { lead_id: uuidv7(), body: 'no such lead' }, now()),
      envelope('addNote', { lead_id: lead.id, body: 'called' }, now()),
    ];
    const answers = await results(await gw.push(ann, batch));
    expect(answers.map((a) => a.status)).toEqual(['ok', 'rejected', 'ok']);
    expect(answers[1]).toMatchObject({ error: { code: 'not_found', field: 'lead_id' } });
    expect(txidOf(answers[0])).toBe(txidOf(answers[2]));
    expect(await xmin('leads', lead.id)).toBe(txidOf(answers[0]));
    expect(await count('lead_notes WHERE lead_id = $1', [lead.id])).toBe(1);
    expect((await recorded(batch.map((m) => m.id))).sort()).toEqual(
      [
        [batch[0]!.id, 'ok'],
        [batch[1]!.id, 'rejected'],
        [batch[2]!.id, 'ok'],
      ].sort(),
    );
    expect(await results(await gw.push(ann, batch))).toEqual(answers);
    expect(await count('lead_notes WHERE lead_id = $1', [lead.id])).toBe(1);
  });

  it('undoes a refusal that came after a write (a duplicate id): nothing of it stays, the others apply once', async () => {
    const { leadId, noteId } = await leadWithNote();
    const batch = [
      envelope('addNote', { lead_id: leadId, body: 'before' }, now()),
      envelope('addNote', { id: noteId, lead_id: leadId, body: 'same id again' }, now()),
      envelope('addNote', { lead_id: leadId, body: 'after' }, now()),
    ];
    const answers = await results(await gw.push(ann, batch));
    expect(answers.map((a) => a.status)).toEqual(['ok', 'rejected', 'ok']);
    // A taken id is answered as an unseen record is, whoever holds it (see mutations.test.ts).
    expect(answers[1]).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    const bodies = await gw.q<{ body: string; xmin: string }>(
      'SELECT body, xmin::text FROM lead_notes WHERE lead_id = $1 ORDER BY body',
      [leadId],
    );
    expect(bodies.map((b) => b.body)).toEqual(['after', 'before', 'first']);
    // Each applied mutation's rows carry the txid it was answered with.
    const byBody = new Map(bodies.map((b) => [b.body, b.xmin]));
    expect(byBody.get('before')).toBe(txidOf(answers[0]));
    expect(byBody.get('after')).toBe(txidOf(answers[2]));
    expect(await recorded(batch.map((m) => m.id))).toHaveLength(3);
    expect(await results(await gw.push(ann, batch))).toEqual(answers);
    expect(await count('lead_notes WHERE lead_id = $1', [leadId])).toBe(3);
  });

  it('answers 500 when the server fails part-way; the retry answers what committed the same and applies the rest', async () => {
    const { leadId, noteId } = await leadWithNote();
    const batch = [
      envelope('addNote', { lead_id: leadId, body: 'committed' }, now()),
      // Refused after a write: the mutations before it commit with its refusal.
      envelope('addNote', { id: noteId, lead_id: leadId, body: 'duplicate' }, now()),
      envelope('createLead', createLeadArgs(), now()),
    ];
    await gw.q('ALTER TABLE timeline_events RENAME TO timeline_events_away');
    let res: Response;
    try {
      res = await gw.push(ann, batch);
    } finally {
      await gw.q('ALTER TABLE timeline_events_away RENAME TO timeline_events');
    }
    expect(res.status).toBe(500);
    expect((await recorded(batch.map((m) => m.id))).map(([, outcome]) => outcome).sort()).toEqual(['ok', 'rejected']);
    const [committedNote] = await gw.q<{ result: MutationAnswer }>(
      'SELECT result FROM applied_mutations WHERE id = $1',
      [batch[0]!.id],
    );
    const answers = await results(await gw.push(ann, batch));
    expect(answers.map((a) => a.status)).toEqual(['ok', 'rejected', 'ok']);
    expect(answers[0]).toEqual(committedNote!.result);
    expect(await count('lead_notes WHERE lead_id = $1 AND body = $2', [leadId, 'committed'])).toBe(1);
    expect(await count('leads WHERE id = $1', [(batch[2]!.args as { id: string }).id])).toBe(1);
  });

  it('applies an id repeated within one new batch once, and answers it the same both times', async () => {
    const { leadId } = await leadWithNote();
    const m = envelope('addNote', { lead_id: leadId, body: 'twice' }, now());
    const [a, b] = await results(await gw.push(ann, [m, m]));
    expect(a!.status).toBe('ok');
    expect(b).toEqual(a);
    expect((a as { lsn: string }).lsn).toMatch(/^\d+$/);
    expect(await count('lead_notes WHERE lead_id = $1 AND body = $2', [leadId, 'twice'])).toBe(1);
    expect(gw.logs.at(-1)).toMatchObject({ mutations: { ok: 2, replayed: 1 } });
  });

  it('keeps row-level security for every mutation, including after an updateLead in the same batch', async () => {
    const { leadId } = await leadWithNote();
    const southern = createLeadArgs({ last_name: 'Southern' });
    await results(await gw.push(sam, [envelope('createLead', southern, now())]));
    const answers = await results(
      await gw.push(ann, [
        envelope('updateLead', { id: leadId, patch: { last_name: 'Renamed' } }, now()),
        envelope('addNote', { lead_id: southern.id, body: 'sneaky' }, now()),
        envelope('updateLead', { id: southern.id, patch: { last_name: 'Hijacked' } }, now()),
        envelope('addNote', { lead_id: leadId, body: 'mine' }, now()),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(['ok', 'rejected', 'rejected', 'ok']);
    expect(
      await gw.q('SELECT last_name FROM leads WHERE id = ANY($1::uuid[]) ORDER BY last_name', [[leadId, southern.id]]),
    ).toEqual([{ last_name: 'Renamed' }, { last_name: 'Southern' }]);
    expect(await count('lead_notes WHERE lead_id = $1', [southern.id])).toBe(0);
  });

  it('reads a row it created and then changed afresh within the batch (a note after a reassignment follows the new owner)', async () => {
    const lead = createLeadArgs();
    const answers = await results(
      await gw.push(max, [
        envelope('createLead', lead, now()),
        envelope('addNote', { lead_id: lead.id, body: 'before' }, now()),
        envelope('assignLead', { lead_id: lead.id, owner_id: gw.users.agentN.id }, now()),
        envelope('addNote', { lead_id: lead.id, body: 'after' }, now()),
        envelope('softDelete', { table: 'leads', id: lead.id }, now()),
        envelope('addNote', { lead_id: lead.id, body: 'too late' }, now()),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'rejected']);
    expect(await gw.q('SELECT body, owner_id FROM lead_notes WHERE lead_id = $1 ORDER BY body', [lead.id])).toEqual([
      { body: 'after', owner_id: gw.users.agentN.id },
      { body: 'before', owner_id: gw.users.agentN.id },
    ]);
  });

  it('runs the next mutation as fieldline_app again after updateLead switched roles for field_versions', async () => {
    const { leadId } = await leadWithNote();
    const client = await gw.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [gw.users.agentN.id]);
      await client.query('SET LOCAL ROLE fieldline_app');
      const m = envelope('updateLead', { id: leadId, patch: { first_name: 'Role' } }, now());
      const actor = { userId: gw.users.agentN.id, teamId: gw.users.agentN.team_id, role: gw.users.agentN.role };
      expect(await runMutation(client, m, { actor, now: now(), side: 'server' })).toEqual({
        kind: 'applied',
        outcome: { kind: 'ok' },
      });
      expect((await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role).toBe('fieldline_app');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
