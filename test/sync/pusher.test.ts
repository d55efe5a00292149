import { describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/sync/gateway-client';
import { pushOnce } from '../../electron/main/sync/pusher';
import { insuranceTypeByCode } from '../../shared/lookups';
import { MAX_BATCH, MAX_BODY_BYTES, type MutationAnswer, type MutationEnvelope } from '../../shared/sync/protocol';
import { useReplicas } from './replicas';

const replica = useReplicas();

/** A gateway that answers every mutation ok and keeps the bodies it was sent. */
function fakeGateway() {
  const bodies: string[] = [];
  const client = {
    async pushMutations(mutations: MutationEnvelope[]): Promise<MutationAnswer[]> {
      bodies.push(JSON.stringify({ mutations }));
      return mutations.map((m, i) => ({
        id: m.id,
        status: 'ok',
        txid: String(1000 + bodies.length),
        lsn: String(i + 1),
      }));
    },
  };
  return { bodies, client: client as unknown as GatewayClient };
}

describe('pushing the outbox', () => {
  it('sends up to MAX_BATCH mutations a request, cut short so the body stays under the gateway limit', async () => {
    const app = replica('pusher');
    const { result } = await app.writer.mutate('createLead', {
      first_name: 'Big',
      last_name: 'Notes',
      insurance_type_id: insuranceTypeByCode('auto').id,
    });
    const leadId = (result as { id: string }).id;
    // 80 notes of ~19 KB: about 1.5 MB of outbox, more than one request may carry.
    for (let i = 0; i < 80; i++)
      await app.writer.mutate('addNote', { lead_id: leadId, body: `${i} ${'x'.repeat(19_000)}` });
    const { bodies, client } = fakeGateway();

    const first = await pushOnce(app.db, client, 'device-1');
    expect(first.done).toBe(false);
    const second = await pushOnce(app.db, client, 'device-1');
    expect(second.done).toBe(true);
    expect(first.pushed + second.pushed).toBe(81);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(Buffer.byteLength(bodies[0]!)).toBeGreaterThan(MAX_BODY_BYTES * 0.9);
    // In order, nothing twice.
    const sent = bodies.flatMap((b) =>
      (JSON.parse(b) as { mutations: MutationEnvelope[] }).mutations.map((m) => m.name),
    );
    expect(sent).toEqual(['createLead', ...Array.from({ length: 80 }, () => 'addNote')]);
  });

  it('sends a long outbox of small mutations MAX_BATCH at a time', async () => {
    const app = replica('pusher-many');
    const { result } = await app.writer.mutate('createLead', {
      first_name: 'Many',
      last_name: 'Notes',
      insurance_type_id: insuranceTypeByCode('auto').id,
    });
    const leadId = (result as { id: string }).id;
    for (let i = 0; i < MAX_BATCH; i++) await app.writer.mutate('addNote', { lead_id: leadId, body: `note ${i}` });
    const { bodies, client } = fakeGateway();
    expect(await pushOnce(app.db, client, 'device-1')).toMatchObject({ pushed: MAX_BATCH, done: false });
    expect(await pushOnce(app.db, client, 'device-1')).toMatchObject({ pushed: 1, done: true });
    expect(bodies.map((b) => (JSON.parse(b) as { mutations: unknown[] }).mutations.length)).toEqual([MAX_BATCH, 1]);
  });

  it('a mutation too large for any request is rejected here, kept and shown, and does not hold up the rest', async () => {
    const app = replica('pusher-huge');
    const { result } = await app.writer.mutate('createLead', {
      first_name: 'Huge',
      last_name: 'Note',
      insurance_type_id: insuranceTypeByCode('auto').id,
    });
    const leadId = (result as { id: string }).id;
    const { bodies, client } = fakeGateway();
    expect(await pushOnce(app.db, client, 'device-1')).toMatchObject({ pushed: 1, done: true });
    // Larger than the gateway's body limit (the API caps inputs lower; an older version, a
    // direct write or a future mutation could still queue one).
    app.db
      .prepare(`INSERT INTO outbox (id, name, args, created_at) VALUES (?, 'addNote', ?, ?)`)
      .run(
        crypto.randomUUID(),
        JSON.stringify({ lead_id: leadId, body: 'y'.repeat(MAX_BODY_BYTES + 10) }),
        new Date().toISOString(),
      );
    await app.writer.mutate('addNote', { lead_id: leadId, body: 'after the huge one' });

    expect(await pushOnce(app.db, client, 'device-1')).toMatchObject({ pushed: 0, rejected: 1, done: false });
    expect(bodies).toHaveLength(1); // never sent
    const kept = app.db
      .prepare(`SELECT status, error FROM outbox WHERE name = 'addNote' AND length(args) > ?`)
      .get(MAX_BODY_BYTES) as { status: string; error: string };
    expect(kept).toMatchObject({ status: 'rejected', error: expect.stringMatching(/larger than the server accepts/) });
    expect(app.db.prepare(`SELECT kind, mutation_name FROM conflicts`).all()).toEqual([
      { kind: 'rejected', mutation_name: 'addNote' },
    ]);
    expect(await pushOnce(app.db, client, 'device-1')).toMatchObject({ pushed: 1, done: true });
    expect((JSON.parse(bodies[1]!) as { mutations: Array<{ args: { body: string } }> }).mutations[0]!.args.body).toBe(
      'after the huge one',
    );
  });
});
