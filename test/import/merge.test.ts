/**
 * mergeClients on both stores (the replica's SQLite and the gateway's Postgres under row-level
 * security): children move to the survivor, the merged client becomes a tombstone, a change made
 * elsewhere to the merged client lands on the survivor, and an agent cannot merge another's clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createStore, seedPeople, STORE_KINDS, type Store } from '../support/stores';
import { COMM, INS } from '../mutations/helpers';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe.each(STORE_KINDS)('mergeClients on %s', (kind) => {
  it('moves the children, leaves a tombstone, redirects later changes, and records the merge', async () => {
    store = await createStore(kind);
    const p = await seedPeople(store);
    const mk = (first: string, email: string) =>
      store!.run('createClient', { client_type: 'individual', first_name: first, last_name: 'Silva', email }, p.agent);
    const a = await mk('Ana', 'ana@x.com');
    const b = await mk('Anna', 'anna@x.com');
    const contact = await store.run('addContact', { client_id: b.id, first_name: 'Rui', last_name: 'Silva' }, p.agent);
    const note = await store.run('addNote', { client_id: b.id, body: 'wants a bundle' }, p.agent);
    const comm = await store.run('logCommunication', { client_id: b.id, communication_type_id: COMM.call }, p.agent);
    const lead = await store.run(
      'createLead',
      { first_name: 'Ana', last_name: 'Silva', insurance_type_id: INS.auto },
      p.agent,
    );
    const converted = await store.run('convertLead', { lead_id: lead.id }, p.agent);
    const c = converted.client_id;

    const r1 = await store.run(
      'mergeClients',
      { survivor_id: a.id, merged_id: b.id, fields: { email: 'anna@x.com' } },
      p.agent,
    );
    expect(r1.moved).toEqual({ contacts: 1, lead_notes: 1, lead_communications: 1 });
    await store.run('mergeClients', { survivor_id: a.id, merged_id: c }, p.agent);

    expect((await store.get('contacts', contact.id))?.client_id).toBe(a.id);
    expect((await store.get('lead_notes', note.id))?.client_id).toBe(a.id);
    expect((await store.get('lead_communications', comm.id))?.client_id).toBe(a.id);
    expect((await store.get('leads', lead.id))?.converted_to_client_id).toBe(a.id);
    const tomb = await store.get('clients', b.id);
    expect([tomb?.merged_into_id, tomb?.deleted_at !== null]).toEqual([a.id, true]);
    expect((await store.get('clients', a.id))?.email).toBe('anna@x.com');
    const events = (await store.find('timeline_events', { client_id: a.id })).filter((e) => e.kind === 'merged');
    expect(events.map((e) => (e.payload as { merged_id: string }).merged_id).sort()).toEqual([b.id, c].sort());

    // Made on another replica before it saw the merge, arriving after it: lands on the survivor.
    const late = await store.run('addNote', { client_id: b.id, body: 'called back' }, p.agent);
    expect(late.client_id).toBe(a.id);
    await store.run('updateClient', { id: b.id, patch: { occupation: 'Pilot' } }, p.agent);
    expect((await store.get('clients', a.id))?.occupation).toBe('Pilot');
    expect((await store.get('clients', b.id))?.occupation).toBeNull();
  });

  it('merges leads and contacts the same way, and refuses a converted lead', async () => {
    store = await createStore(kind);
    const p = await seedPeople(store);
    const l1 = await store.run(
      'createLead',
      { first_name: 'Lu', last_name: 'Zhang', insurance_type_id: INS.auto },
      p.agent,
    );
    const l2 = await store.run(
      'createLead',
      { first_name: 'Lu', last_name: 'Zhang', email: 'lu@x.com', insurance_type_id: INS.auto },
      p.agent,
    );
    const k1 = await store.run('addContact', { lead_id: l2.id, first_name: 'Mo', last_name: 'Zhang' }, p.agent);
    const k2 = await store.run(
      'addContact',
      { lead_id: l2.id, first_name: 'Mo', last_name: 'Zhang', email: 'mo@x.com' },
      p.agent,
    );
    const call = await store.run(
      'logCommunication',
      { lead_id: l2.id, contact_id: k2.id, communication_type_id: COMM.call },
      p.agent,
    );
    const r = await store.run(
      'mergeContacts',
      { survivor_id: k1.id, merged_id: k2.id, fields: { email: 'mo@x.com' } },
      p.agent,
    );
    expect(r.moved).toEqual({ lead_communications: 1 });
    expect((await store.get('contacts', k1.id))?.email).toBe('mo@x.com');
    const rl = await store.run(
      'mergeLeads',
      { survivor_id: l1.id, merged_id: l2.id, fields: { email: 'lu@x.com' } },
      p.agent,
    );
    expect(rl.moved).toMatchObject({ contacts: 2, lead_communications: 1 });
    expect(await store.get('lead_communications', call.id)).toMatchObject({ lead_id: l1.id, contact_id: k1.id });
    expect((await store.get('leads', l2.id))?.merged_into_id).toBe(l1.id);
    // Late changes to the merged lead and contact land on the survivors.
    await store.run('updateLead', { id: l2.id, patch: { source: 'referral' } }, p.agent);
    await store.run('updateContact', { id: k2.id, patch: { job_title: 'Owner' } }, p.agent);
    expect((await store.get('leads', l1.id))?.source).toBe('referral');
    expect((await store.get('contacts', k1.id))?.job_title).toBe('Owner');
    const l3 = await store.run('createLead', { first_name: 'X', last_name: 'Y', insurance_type_id: INS.auto }, p.agent);
    await store.run('convertLead', { lead_id: l3.id }, p.agent);
    const err = await store
      .run('mergeLeads', { survivor_id: l1.id, merged_id: l3.id }, p.agent)
      .catch((e: unknown) => e);
    expect((err as AppError).code).toBe('precondition_failed');
  });

  it('an agent cannot merge another team’s clients, and nothing changes', async () => {
    store = await createStore(kind);
    const p = await seedPeople(store);
    const a = await store.run(
      'createClient',
      { client_type: 'individual', first_name: 'A', last_name: 'One' },
      p.agent,
    );
    const b = await store.run(
      'createClient',
      { client_type: 'individual', first_name: 'B', last_name: 'Two' },
      p.agent,
    );
    const mine = await store.run(
      'createClient',
      { client_type: 'individual', first_name: 'O', last_name: 'Three' },
      p.otherAgent,
    );
    for (const [survivor, merged] of [
      [a.id, b.id],
      [mine.id, a.id],
    ]) {
      const err = await store
        .run('mergeClients', { survivor_id: survivor, merged_id: merged }, p.otherAgent)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      // Postgres's row-level security hides the other team's rows: not found rather than forbidden.
      expect(['forbidden', 'not_found']).toContain((err as AppError).code);
    }
    expect((await store.get('clients', a.id))?.deleted_at).toBeNull();
    expect((await store.get('clients', b.id))?.merged_into_id).toBeNull();
  });
});
