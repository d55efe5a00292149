/** Field-level last-writer-wins at the gateway, end to end through POST /v1/mutations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAnswer } from '../../shared/sync/protocol';
import { createLeadArgs, envelope, startTestGateway, type TestGateway } from './helpers';

let gw: TestGateway;
let ann: string; // agent, owns the leads
let max: string; // manager of the same team: may edit them too
const at = (secondsAgo: number) => new Date(gw.clock.ms - secondsAgo * 1000).toISOString();

beforeAll(async () => {
  gw = await startTestGateway();
  [ann, max] = [await gw.signIn('ann@north.test'), await gw.signIn('max@north.test')];
});
afterAll(async () => {
  await gw?.close();
});

async function push(
  token: string,
  name: string,
  args: unknown,
  createdAt: string,
  id?: string,
): Promise<MutationAnswer> {
  const res = await gw.push(token, [envelope(name, args, createdAt, id)]);
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: MutationAnswer[] }).results[0]!;
}

async function newLead() {
  const args = createLeadArgs({ first_name: 'Orig', email: 'orig@example.test', phone: '555-0100' });
  expect((await push(ann, 'createLead', args, at(600))).status).toBe('ok');
  return args.id;
}

const lead = async (id: string) =>
  (
    await gw.q<Record<string, string>>(
      'SELECT first_name, email, phone, updated_at, xmin::text FROM leads WHERE id = $1',
      [id],
    )
  )[0]!;
const edit = (id: string, patch: Record<string, unknown>, base: Record<string, unknown> = {}) => ({ id, patch, base });

describe('updateLead, last writer wins per field', () => {
  it('keeps both edits when two people change different fields, whatever the arrival order', async () => {
    const id = await newLead();
    const newer = await push(
      max,
      'updateLead',
      edit(id, { email: 'max@example.test' }, { email: 'orig@example.test' }),
      at(100),
    );
    const older = await push(ann, 'updateLead', edit(id, { phone: '555-0199' }, { phone: '555-0100' }), at(200));
    expect([newer.status, older.status]).toEqual(['ok', 'ok']);
    expect(await lead(id)).toMatchObject({ email: 'max@example.test', phone: '555-0199', updated_at: at(100) });
  });

  it('lets the later edit of a field win when it arrives last', async () => {
    const id = await newLead();
    expect((await push(ann, 'updateLead', edit(id, { first_name: 'Early' }), at(200))).status).toBe('ok');
    expect((await push(max, 'updateLead', edit(id, { first_name: 'Late' }), at(100))).status).toBe('ok');
    expect((await lead(id)).first_name).toBe('Late');
  });

  it('lets the later edit win when it arrives first; the earlier one gets a conflict with the server value', async () => {
    const id = await newLead();
    expect((await push(max, 'updateLead', edit(id, { first_name: 'Late' }), at(100))).status).toBe('ok');
    const loser = await push(ann, 'updateLead', edit(id, { first_name: 'Early' }, { first_name: 'Orig' }), at(200));
    expect(loser).toMatchObject({
      status: 'conflict',
      txid: expect.stringMatching(/^\d+$/),
      lsn: expect.stringMatching(/^\d+$/),
      conflicts: [{ table: 'leads', row_id: id, field: 'first_name', server_value: 'Late', local_value: 'Early' }],
    });
    expect((await lead(id)).first_name).toBe('Late');
    // Recorded like any answer: a retry gets the same conflict.
    const again = await gw.push(ann, [{ ...envelope('updateLead', {}, at(0)), id: loser.id }]);
    expect(((await again.json()) as { results: MutationAnswer[] }).results).toEqual([loser]);
  });

  it('applies the winning fields of a partly lost edit in the answered transaction', async () => {
    const id = await newLead();
    await push(max, 'updateLead', edit(id, { first_name: 'Late' }), at(100));
    const mixed = await push(ann, 'updateLead', edit(id, { first_name: 'Early', phone: '555-0142' }), at(200));
    expect(mixed.status).toBe('conflict');
    expect((mixed as { conflicts: Array<{ field: string }> }).conflicts.map((c) => c.field)).toEqual(['first_name']);
    const row = await lead(id);
    expect(row).toMatchObject({ first_name: 'Late', phone: '555-0142', updated_at: at(100) });
    expect(row.xmin).toBe((mixed as { txid: string }).txid);
  });

  it('answers ok, not conflict, when the lost edit wanted the value that won', async () => {
    const id = await newLead();
    await push(max, 'updateLead', edit(id, { first_name: 'Same' }), at(100));
    expect((await push(ann, 'updateLead', edit(id, { first_name: 'Same' }), at(200))).status).toBe('ok');
  });

  it('decides ties on time by mutation id, the same in either arrival order', async () => {
    const [a, b] = [await newLead(), await newLead()];
    const t = at(50);
    const id = (n: string) => `01900000-0000-7000-8000-0000000000${n}`;
    await push(ann, 'updateLead', edit(a, { first_name: 'Low' }), t, id('0a'));
    await push(ann, 'updateLead', edit(a, { first_name: 'High' }), t, id('0b'));
    await push(ann, 'updateLead', edit(b, { first_name: 'High' }), t, id('0d'));
    await push(ann, 'updateLead', edit(b, { first_name: 'Low' }), t, id('0c'));
    expect((await lead(a)).first_name).toBe('High');
    expect((await lead(b)).first_name).toBe('High');
  });

  it('pulls a createdAt in the future back to the server clock, and logs it', async () => {
    const id = await newLead();
    const future = await push(ann, 'updateLead', edit(id, { first_name: 'FromTheFuture' }), '2099-01-01T00:00:00.000Z');
    expect(future.status).toBe('ok');
    expect((await lead(id)).updated_at).toBe(at(0));
    const [version] = await gw.q<{ written_at: string }>(
      `SELECT written_at FROM field_versions WHERE row_id = $1 AND field = 'first_name'`,
      [id],
    );
    expect(version!.written_at).toBe(at(0));
    expect(gw.logs.at(-1)).toMatchObject({
      mutations: { ok: 1, clamped: 1 },
      clock_ahead_ms: Date.parse('2099-01-01T00:00:00.000Z') - gw.clock.ms,
    });
    // So an edit made a second later (by the server's clock) still wins.
    gw.clock.ms += 1000;
    expect((await push(max, 'updateLead', edit(id, { first_name: 'Present' }), at(0))).status).toBe('ok');
    expect((await lead(id)).first_name).toBe('Present');
  });

  it('loses a field to a newer write another mutation made, when the editor saw an older value', async () => {
    const id = await newLead();
    // A direct write (no field version), newer than the edit below.
    await gw.q(`UPDATE leads SET email = 'admin@example.test', updated_at = $2 WHERE id = $1`, [id, at(10)]);
    const stale = await push(
      ann,
      'updateLead',
      edit(id, { email: 'ann@example.test' }, { email: 'orig@example.test' }),
      at(300),
    );
    expect(stale).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'email', server_value: 'admin@example.test', local_value: 'ann@example.test' }],
    });
  });

  it('still refuses edits of leads the user may not touch, and of deleted leads', async () => {
    const sam = await gw.signIn('sam@south.test');
    const id = await newLead();
    expect(await push(sam, 'updateLead', edit(id, { first_name: 'X' }), at(0))).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
    await push(ann, 'softDelete', { table: 'leads', id }, at(0));
    expect(await push(ann, 'updateLead', edit(id, { first_name: 'X' }), at(0))).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
  });
});
