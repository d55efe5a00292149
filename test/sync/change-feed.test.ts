import { describe, expect, it } from 'vitest';
import { changeFeed } from '../../db/sqlite/change-feed';
import { BatchWriter } from '../../db/sqlite/batch-writer';
import { bulkLoadDirect } from '../../db/sqlite/bulk-load';
import { applyServerBatch } from '../../electron/main/sync/apply';
import type { GatewayClient } from '../../electron/main/sync/gateway-client';
import type { ServerChange } from '../../electron/main/sync/messages';
import { pushOnce } from '../../electron/main/sync/pusher';
import { SyncEngine } from '../../electron/main/sync/engine';
import type { FieldlineApp } from '../../electron/main/app';
import type { ChangeEvent } from '../../shared/api/changes';
import { insuranceTypeByCode } from '../../shared/lookups';
import type { MutationAnswer, MutationEnvelope } from '../../shared/sync/protocol';
import { echoOf, insertOf, useReplicas } from './replicas';

const AUTO = insuranceTypeByCode('auto').id;
const open = useReplicas();
const turn = () => new Promise<void>((r) => setImmediate(r));
const batch = (changes: ServerChange[], positions: Array<{ shape: string; handle: string; offset: string }> = []) => ({
  changes,
  positions,
  upToLsn: null,
  refetched: new Map(),
});

/** The events a replica's feed sends from now on (after the set-up's own writes have been told). */
async function listen(app: FieldlineApp): Promise<ChangeEvent[]> {
  await turn();
  const events: ChangeEvent[] = [];
  changeFeed(app.db).subscribe((e) => events.push(e));
  return events;
}

describe('the replica change feed', () => {
  it('tells a bulk load (many transactions of its own) as one event when it ends, not one per batch', async () => {
    const app = open('feed-bulk');
    const events = await listen(app);
    await changeFeed(app.db).quietly('local', async () => {
      await bulkLoadDirect(app.db, { leads: 30, seed: 3, threads: 1, leadsPerTransaction: 5 });
      await turn();
      expect(events).toEqual([]);
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.tables).toEqual(expect.arrayContaining(['leads', 'lead_notes']));
  });

  it('sends one event per local commit, naming the tables the mutation and its outbox entry wrote', async () => {
    const app = open('feed-local');
    const events = await listen(app);
    const { result } = await app.writer.mutate('createLead', {
      first_name: 'Ana',
      last_name: 'Silva',
      insurance_type_id: AUTO,
    });
    expect(events).toEqual([{ tables: expect.arrayContaining(['leads', 'outbox', 'sync_shadows']), source: 'local' }]);
    expect(events[0]!.tables).not.toContain('lead_notes');
    await app.writer.mutate('addNote', { lead_id: (result as { id: string }).id, body: 'Wants a bundle quote' });
    expect(events).toHaveLength(2);
    expect(events[1]!.tables).toContain('lead_notes');
    expect(events[1]!.tables).toContain('outbox');
    expect(events[1]!.tables).not.toContain('clients');
    // The event is sent after the commit: a listener reading the replica sees the change.
    const seen: number[] = [];
    changeFeed(app.db).subscribe(() =>
      seen.push((app.db.prepare('SELECT count(*) AS n FROM lead_notes').get() as { n: number }).n),
    );
    await app.writer.mutate('addNote', { lead_id: (result as { id: string }).id, body: 'Second note' });
    expect(seen).toEqual([2]);
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const app = open('feed-rollback');
    const events = await listen(app);
    // Fails inside the transaction (the lead does not exist) after nothing or something was written.
    await expect(
      app.writer.mutate('addNote', { lead_id: '01900000-0000-7000-8000-0000000000ff', body: 'x' }),
    ).rejects.toThrow();
    const leads = new BatchWriter(app.db);
    await expect(
      leads.mutateBatch([
        {
          name: 'createLead',
          args: { first_name: 'Kept', last_name: 'Back', insurance_type_id: AUTO },
          actor: app.actor(),
        },
        { name: 'addNote', args: { lead_id: '01900000-0000-7000-8000-0000000000ff', body: 'x' }, actor: app.actor() },
      ]),
    ).rejects.toThrow();
    await turn();
    expect(events).toEqual([]);
    expect(app.db.prepare(`SELECT count(*) AS n FROM leads WHERE last_name = 'Back'`).get()).toEqual({ n: 0 });
  });

  it('sends one event per applied server batch, from sync, naming its tables, the outbox it settled and the positions', async () => {
    const server = open('feed-server');
    const local = open('feed-replica');
    const created = await server.writer.mutate('createLead', {
      first_name: 'Bo',
      last_name: 'Lee',
      insurance_type_id: AUTO,
    });
    const id = (created.result as { id: string }).id;
    const note = await server.writer.mutate('addNote', { lead_id: id, body: 'From a colleague' });
    const events = await listen(local);
    await applyServerBatch(
      local.db,
      batch(
        [...echoOf(server, created.touched, '10'), ...echoOf(server, note.touched, '11')],
        [{ shape: 'leads', handle: 'h', offset: '1_0' }],
      ),
      local.actor(),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.source).toBe('sync');
    // Exactly the tables the server's rows went to, and the stored positions: nothing else changed.
    const written = new Set([...created.touched, ...note.touched].map((t) => t.table));
    expect(written).toContain('lead_notes');
    expect(events[0]!.tables).toEqual([...written, 'sync_state'].sort());
    expect(events[0]!.tables).not.toContain('outbox');

    // A batch that settles our own confirmed mutation names the outbox (the pending count changes).
    const mine = await local.writer.mutate('updateLead', { id, patch: { phone: '555-123-4567' } });
    local.db
      .prepare(`UPDATE outbox SET status = 'confirmed', txid = '12', lsn = '1' WHERE id = ?`)
      .run(mine.mutation.id);
    events.length = 0;
    await applyServerBatch(local.db, batch([insertOf(local, 'leads', id, '12')]), local.actor());
    expect(events).toEqual([{ tables: expect.arrayContaining(['leads', 'outbox']), source: 'sync' }]);
  });

  it('tells the outbox changes of a push as sync events', async () => {
    const app = open('feed-push');
    await app.writer.mutate('createLead', { first_name: 'Cy', last_name: 'Park', insurance_type_id: AUTO });
    const events = await listen(app);
    const client = {
      async pushMutations(mutations: MutationEnvelope[]): Promise<MutationAnswer[]> {
        return mutations.map((m) => ({
          id: m.id,
          status: 'rejected' as const,
          error: { code: 'forbidden' as const, message: 'not yours' },
        }));
      },
    } as unknown as GatewayClient;
    await pushOnce(app.db, client, 'device');
    // Marked sent (one commit), then the answers recorded (another): the rejection reaches the inbox.
    expect(events).toEqual([
      { tables: ['outbox'], source: 'sync' },
      { tables: ['conflicts', 'outbox'], source: 'sync' },
    ]);
  });

  it("tells the sync engine's own state (running, errors) as sync_status events", async () => {
    const app = open('feed-engine');
    // Something to push, so the push loop meets the unreachable server.
    await app.writer.mutate('createLead', { first_name: 'Di', last_name: 'Ng', insurance_type_id: AUTO });
    const events = await listen(app);
    const engine = new SyncEngine({
      db: app.db,
      writer: app.writer,
      actor: app.actor,
      serverUrl: 'http://127.0.0.1:9',
      token: 't',
      clientId: 'device',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    engine.start();
    const status = () => events.filter((e) => e.tables.includes('sync_status'));
    expect(status()).toEqual([{ tables: ['sync_status'], source: 'sync' }]);
    // The server is unreachable: the error is a change of status too.
    const t0 = Date.now();
    while (!engine.status().error && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 20));
    expect(engine.status().error).toBeTruthy();
    expect(status().length).toBeGreaterThanOrEqual(2);
    const before = status().length;
    engine.stop();
    expect(status()).toHaveLength(before + 1);
  });
});
