import { describe, expect, it } from 'vitest';
import { applyServerBatch, rebaseLocal } from '../../electron/main/sync/apply';
import { insuranceTypeByCode } from '../../shared/lookups';
import type { FieldlineApp } from '../../electron/main/app';
import type { ServerChange } from '../../electron/main/sync/messages';
import { echoOf, insertOf, lead, outbox, shadowCount, useReplicas } from './replicas';

const AUTO = insuranceTypeByCode('auto').id;
const open = useReplicas();
const batch = (changes: ServerChange[], upToLsn: bigint | null = null) => ({
  changes,
  positions: [],
  upToLsn,
  refetched: new Map(),
});
const confirm = (app: FieldlineApp, id: string, txid: string, lsn = '1') =>
  app.db.prepare(`UPDATE outbox SET status = 'confirmed', txid = ?, lsn = ? WHERE id = ?`).run(txid, lsn, id);

describe('applying server batches to a replica with pending work', () => {
  it('settles our own mutation when its echo arrives, without a rebase', async () => {
    const local = open('a');
    const { mutation, result, touched } = await local.writer.mutate('createLead', {
      first_name: 'Ana',
      last_name: 'Silva',
      insurance_type_id: AUTO,
    });
    expect(shadowCount(local)).toBeGreaterThan(0);
    confirm(local, mutation.id, '700');
    const r = await applyServerBatch(local.db, batch(echoOf(local, touched, '700')), local.actor());
    expect(r.rebased).toBe(false);
    expect(r.settled).toBe(1);
    expect(outbox(local)).toEqual([]);
    expect(shadowCount(local)).toBe(0);
    expect(lead(local, (result as { id: string }).id)?.last_name).toBe('Silva');
  });

  it('keeps both edits when another device changed a different field of the same lead', async () => {
    const server = open('server');
    const local = open('b');
    const created = await server.writer.mutate('createLead', {
      first_name: 'Bo',
      last_name: 'Lee',
      insurance_type_id: AUTO,
    });
    const id = (created.result as { id: string }).id;
    await applyServerBatch(local.db, batch(echoOf(server, created.touched, '1')), local.actor());
    // Offline here: change the phone. Meanwhile the server got a new email from another device.
    await local.writer.mutate('updateLead', { id, patch: { phone: '555-123-4567' } });
    await server.writer.mutate('updateLead', { id, patch: { email: 'bo@example.com' } });
    const r = await applyServerBatch(local.db, batch([insertOf(server, 'leads', id, '2', 2n)]), local.actor());
    expect(r.rebased).toBe(true);
    expect(lead(local, id)).toMatchObject({ phone: '555-123-4567', email: 'bo@example.com' });
    expect(outbox(local).map((m) => m.name)).toEqual(['updateLead']);
  });

  it('makes a locally converted lead lose its client when the server says another agent converted it first', async () => {
    const server = open('server2');
    const local = open('c');
    const created = await server.writer.mutate('createLead', {
      first_name: 'Cy',
      last_name: 'Ng',
      insurance_type_id: AUTO,
    });
    const id = (created.result as { id: string }).id;
    await applyServerBatch(local.db, batch(echoOf(server, created.touched, '1')), local.actor());
    const mine = await local.writer.mutate('convertLead', { lead_id: id });
    const myClient = (mine.result as { client_id: string }).client_id;
    const theirs = await server.writer.mutate('convertLead', { lead_id: id });
    const r = await applyServerBatch(local.db, batch(echoOf(server, theirs.touched, '9', 3n)), local.actor());
    expect(r.rebased).toBe(true);
    expect(r.replayFailed).toBe(1);
    expect(local.db.prepare('SELECT count(*) AS n FROM clients WHERE id = ?').get(myClient)).toEqual({ n: 0 });
    expect(lead(local, id)?.converted_to_client_id).toBe((theirs.result as { client_id: string }).client_id);
    // The server rejects ours; the rejection is kept, and a local rebase changes nothing more.
    local.db
      .prepare(`UPDATE outbox SET status = 'rejected', error = 'precondition_failed' WHERE id = ?`)
      .run(mine.mutation.id);
    await rebaseLocal(local.db, local.actor());
    expect(outbox(local)).toEqual([{ id: mine.mutation.id, name: 'convertLead', status: 'rejected' }]);
    expect(shadowCount(local)).toBe(0);
  });

  it('undoes a rejected mutation locally and keeps later pending work', async () => {
    const local = open('d');
    const a = await local.writer.mutate('createLead', { first_name: 'Di', last_name: 'Ox', insurance_type_id: AUTO });
    const b = await local.writer.mutate('createLead', { first_name: 'Ed', last_name: 'Po', insurance_type_id: AUTO });
    local.db.prepare(`UPDATE outbox SET status = 'rejected' WHERE id = ?`).run(a.mutation.id);
    await rebaseLocal(local.db, local.actor());
    expect(lead(local, (a.result as { id: string }).id)).toBeUndefined();
    expect(lead(local, (b.result as { id: string }).id)?.last_name).toBe('Po');
  });

  it('after must-refetch keeps only the snapshot rows plus local pending work', async () => {
    const server = open('server3');
    const local = open('e');
    const gone = await server.writer.mutate('createLead', {
      first_name: 'Fa',
      last_name: 'Gone',
      insurance_type_id: AUTO,
    });
    await applyServerBatch(local.db, batch(echoOf(server, gone.touched, '1')), local.actor());
    const pending = await local.writer.mutate('createLead', {
      first_name: 'Gi',
      last_name: 'Mine',
      insurance_type_id: AUTO,
    });
    const refetched = new Map([['leads' as const, new Set<string>()]]);
    await applyServerBatch(local.db, { changes: [], positions: [], upToLsn: null, refetched }, local.actor());
    expect(lead(local, (gone.result as { id: string }).id)).toBeUndefined();
    expect(lead(local, (pending.result as { id: string }).id)?.last_name).toBe('Mine');
  });

  it('stores shape positions in the same transaction as the rows', async () => {
    const server = open('server4');
    const local = open('f');
    const created = await server.writer.mutate('createLead', {
      first_name: 'Ha',
      last_name: 'Jo',
      insurance_type_id: AUTO,
    });
    await applyServerBatch(
      local.db,
      { ...batch(echoOf(server, created.touched, '1')), positions: [{ shape: 'leads', handle: 'h1', offset: '5_0' }] },
      local.actor(),
    );
    expect(local.db.prepare('SELECT handle, offset FROM sync_state WHERE shape = ?').get('leads')).toEqual({
      handle: 'h1',
      offset: '5_0',
    });
  });
});
