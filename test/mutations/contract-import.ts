/** createClient, updateClient, the import batches and mergeClients, on either store. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { expectAppError, expectNoChange, hiddenCode, id, INS, useStore } from './helpers';

export function importSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('clients, import batches and merges', () => {
    const ctx = useStore(kind, covered);

    it('creates and updates a client, keeping the identity rule as a field error', async () => {
      const { store, people } = ctx;
      const c = await store.run(
        'createClient',
        { client_type: 'business', business_name: 'Acme', fein: '12-3456789' },
        people.agent,
      );
      expect(await store.get('clients', c.id)).toMatchObject({ business_name: 'Acme', owner_id: people.agent.userId });
      await store.run('updateClient', { id: c.id, patch: { industry: 'Retail' } }, people.agent);
      expect((await store.get('clients', c.id))?.industry).toBe('Retail');
      await expectNoChange(store, () =>
        expectAppError(
          store.run('updateClient', { id: c.id, patch: { first_name: 'Al' } }, people.agent),
          'invalid_input',
          'patch.first_name',
        ),
      );
      await expectNoChange(store, () =>
        expectAppError(
          store.run('updateClient', { id: c.id, patch: { industry: 'x' } }, people.otherAgent),
          hiddenCode(store),
        ),
      );
    });

    it('applies an import batch whole, or nothing with the failing item named', async () => {
      const { store, people } = ctx;
      const importId = id();
      const clientId = id();
      await store.run(
        'importBatch',
        {
          import_id: importId,
          items: [
            {
              name: 'createClient',
              args: { id: clientId, client_type: 'individual', first_name: 'A', last_name: 'B' },
            },
            { name: 'addNote', args: { client_id: clientId, body: 'imported' } },
          ],
        },
        people.agent,
      );
      expect(await store.find('lead_notes', { client_id: clientId })).toHaveLength(1);
      await expectNoChange(store, () =>
        expectAppError(
          store.run(
            'importBatch',
            {
              import_id: importId,
              items: [
                { name: 'createClient', args: { client_type: 'individual', first_name: 'C', last_name: 'D' } },
                { name: 'createClient', args: { client_type: 'individual', first_name: 'E' } },
              ],
            },
            people.agent,
          ),
          'invalid_input',
          'items[1].args.last_name',
        ),
      );
      await store.run(
        'undoImportBatch',
        { import_id: importId, records: [{ table: 'clients', id: clientId }] },
        people.agent,
      );
      expect((await store.get('clients', clientId))?.deleted_at).not.toBeNull();
    });

    it('merges clients, leads and contacts', async () => {
      const { store, people } = ctx;
      const a = await store.run(
        'createClient',
        { client_type: 'individual', first_name: 'M', last_name: 'One' },
        people.agent,
      );
      const b = await store.run(
        'createClient',
        { client_type: 'individual', first_name: 'M', last_name: 'Two' },
        people.agent,
      );
      await store.run('mergeClients', { survivor_id: a.id, merged_id: b.id }, people.agent);
      expect((await store.get('clients', b.id))?.merged_into_id).toBe(a.id);
      const l1 = await store.run(
        'createLead',
        { first_name: 'L', last_name: 'One', insurance_type_id: INS.auto },
        people.agent,
      );
      const l2 = await store.run(
        'createLead',
        { first_name: 'L', last_name: 'Two', insurance_type_id: INS.auto },
        people.agent,
      );
      const k1 = await store.run('addContact', { lead_id: l1.id, first_name: 'K', last_name: 'One' }, people.agent);
      const k2 = await store.run('addContact', { lead_id: l1.id, first_name: 'K', last_name: 'Two' }, people.agent);
      await store.run('mergeContacts', { survivor_id: k1.id, merged_id: k2.id }, people.agent);
      await store.run('mergeLeads', { survivor_id: l1.id, merged_id: l2.id }, people.agent);
      expect((await store.get('leads', l2.id))?.merged_into_id).toBe(l1.id);
      expect((await store.get('contacts', k2.id))?.merged_into_id).toBe(k1.id);
    });

    it('redirects import batch items, softDelete and restore aimed at a merged-away record to its survivor', async () => {
      const { store, people } = ctx;
      const make = (last: string) =>
        store.run('createClient', { client_type: 'individual', first_name: 'R', last_name: last }, people.agent);
      const a = await make('Survivor');
      const b = await make('Merged');
      await store.run('mergeClients', { survivor_id: a.id, merged_id: b.id }, people.agent);
      // Made offline before the merge arrived: a batch naming the merged client by id.
      await store.run(
        'importBatch',
        {
          import_id: id(),
          items: [
            { name: 'addNote', args: { client_id: b.id, body: 'from the file' } },
            { name: 'updateClient', args: { id: b.id, patch: { occupation: 'Pilot' } } },
          ],
        },
        people.agent,
      );
      expect((await store.find('lead_notes', { client_id: a.id })).map((n) => n.body)).toContain('from the file');
      expect(await store.find('lead_notes', { client_id: b.id })).toHaveLength(0);
      expect((await store.get('clients', a.id))?.occupation).toBe('Pilot');
      expect((await store.get('clients', b.id))?.occupation).toBeNull();
      // A restore of the tombstone must not revive the shell; it lands on the (live) survivor.
      await store.run('restore', { table: 'clients', id: b.id }, people.agent);
      expect((await store.get('clients', b.id))?.deleted_at).not.toBeNull();
      expect((await store.get('clients', a.id))?.deleted_at).toBeNull();
      // A delete of the merged-away person deletes the survivor, who is that person now.
      await store.run('softDelete', { table: 'clients', id: b.id }, people.agent);
      expect((await store.get('clients', a.id))?.deleted_at).not.toBeNull();
      await store.run('restore', { table: 'clients', id: b.id }, people.agent);
      expect((await store.get('clients', a.id))?.deleted_at).toBeNull();
      expect((await store.get('clients', b.id))?.merged_into_id).toBe(a.id);
      expect((await store.get('clients', b.id))?.deleted_at).not.toBeNull();
    });
  });
}
