/** createLead, updateLead, setCoverage, editLeadTags, editCustomFields. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import {
  autoV1,
  commercialV1,
  events,
  expectAppError,
  expectNoChange,
  hiddenCode,
  homeV1,
  id,
  INS,
  makeLead,
  STATUS,
  useStore,
} from './helpers';

const badVin = () => {
  const doc = structuredClone(autoV1);
  doc.vehicles[0]!.vin = '1HGCM82633A004353'; // wrong check digit
  return doc;
};

export function leadsSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('leads', () => {
    const ctx = useStore(kind, covered);

    describe('createLead', () => {
      it('stores the lead with defaults, ownership, upgraded coverage and a created event', async () => {
        const { store, people } = ctx;
        const leadId = id();
        const eventId = id();
        const now = '2025-03-02T10:00:00.000Z';
        const row = await store.run(
          'createLead',
          {
            id: leadId,
            event_id: eventId,
            first_name: ' Dana ',
            last_name: 'Ruiz',
            email: 'dana@example.com',
            phone: '+1 (217) 555-0101',
            insurance_type_id: INS.auto,
            quoted_premium: 1234.5,
            tags: ['hot', 'web'],
            custom_fields: { referrer: 'Pat', score: 7 },
            coverage: [{ column: 'auto_data', version: 1, doc: autoV1 }],
          },
          people.agent,
          now,
        );
        const stored = await store.get('leads', leadId);
        expect(stored).toEqual(row);
        expect(stored).toMatchObject({
          first_name: 'Dana',
          last_name: 'Ruiz',
          lead_type: 'individual',
          status_id: STATUS.new,
          priority: 3,
          owner_id: people.agent.userId,
          team_id: people.agent.teamId,
          created_by: people.agent.userId,
          created_at: now,
          updated_at: now,
          status_changed_at: now,
          quoted_premium: 1234.5,
          is_converted: false,
          tags: ['hot', 'web'],
          custom_fields: { referrer: 'Pat', score: 7 },
          auto_data_schema_version: 2,
          home_data: null,
        });
        expect(stored!.auto_data).toMatchObject({ vehicles: [{ usage: 'personal' }, { usage: 'business' }] });
        expect(await events(store, leadId)).toEqual([
          expect.objectContaining({
            id: eventId,
            kind: 'created',
            owner_id: people.agent.userId,
            actor_id: people.agent.userId,
            occurred_at: now,
          }),
        ]);
      });

      it('stores a business lead with its commercial document', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, {
          lead_type: 'business',
          first_name: undefined,
          last_name: undefined,
          business_name: 'Bean There LLC',
          insurance_type_id: INS.bop,
          coverage: [{ column: 'commercial_data', version: 1, doc: commercialV1 }],
        });
        expect(await store.get('leads', lead.id)).toMatchObject({
          lead_type: 'business',
          business_name: 'Bean There LLC',
          commercial_data_schema_version: 1,
          commercial_data: { naicsCode: '722515' },
        });
      });

      it('requires the identity that matches the type', async () => {
        const { store, people } = ctx;
        await expectAppError(makeLead(store, people.agent, { last_name: undefined }), 'invalid_input', 'last_name');
        await expectAppError(
          makeLead(store, people.agent, { lead_type: 'business' }),
          'invalid_input',
          'business_name',
        );
        await expectAppError(makeLead(store, people.agent, { email: 'not-an-email' }), 'invalid_input', 'email');
      });

      it('refuses unknown references, duplicate ids and bad coverage, changing nothing', async () => {
        const { store, people } = ctx;
        const existing = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            makeLead(store, people.agent, { insurance_type_id: id() }),
            'not_found',
            'insurance_type_id',
          );
          await expectAppError(makeLead(store, people.agent, { campaign_id: id() }), 'not_found', 'campaign_id');
          await expectAppError(makeLead(store, people.agent, { id: existing.id }), 'conflict', 'id');
          await expectAppError(
            makeLead(store, people.agent, { coverage: [{ column: 'auto_data', version: 1, doc: badVin() }] }),
            'invalid_input',
            'auto_data.vehicles[0].vin',
          );
        });
      });

      it('assigns to another owner only within the rules', async () => {
        const { store, people } = ctx;
        await expectAppError(
          makeLead(store, people.agent, { owner_id: people.manager.userId }),
          'forbidden',
          'owner_id',
        );
        await expectAppError(
          makeLead(store, people.manager, { owner_id: people.otherAgent.userId }),
          'forbidden',
          'owner_id',
        );
        await expectAppError(makeLead(store, people.manager, { owner_id: id() }), 'not_found', 'owner_id');
        const mine = await makeLead(store, people.manager, { owner_id: people.agent.userId });
        expect(await store.get('leads', mine.id)).toMatchObject({
          owner_id: people.agent.userId,
          team_id: people.agent.teamId,
          created_by: people.manager.userId,
        });
        const south = await makeLead(store, people.admin, { owner_id: people.otherAgent.userId });
        expect(await store.get('leads', south.id)).toMatchObject({
          owner_id: people.otherAgent.userId,
          team_id: people.otherAgent.teamId,
        });
      });
    });

    describe('updateLead', () => {
      it('patches the fields and reports fields changed meanwhile as stale', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { email: 'old@example.com' });
        await store.run('updateLead', { id: lead.id, patch: { email: 'mid@example.com' } }, people.agent);
        const now = '2025-03-05T12:00:00.000Z';
        const res = await store.run(
          'updateLead',
          {
            id: lead.id,
            patch: { email: 'new@example.com', priority: 5, current_premium: 980 },
            base: { email: 'old@example.com', priority: 3 },
          },
          people.agent,
          now,
        );
        expect(res).toEqual({ id: lead.id, changed: ['email', 'priority', 'current_premium'], stale: ['email'] });
        expect(await store.get('leads', lead.id)).toMatchObject({
          email: 'new@example.com',
          priority: 5,
          current_premium: 980,
          updated_at: now,
          first_name: 'Dana',
        });
      });

      it('refuses empty patches, broken identities and unknown leads', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('updateLead', { id: lead.id, patch: {} }, people.agent),
            'invalid_input',
            'patch',
          );
          await expectAppError(
            store.run('updateLead', { id: lead.id, patch: { last_name: null } }, people.agent),
            'invalid_input',
            'last_name',
          );
          await expectAppError(
            store.run('updateLead', { id: lead.id, patch: { priority: 9 } }, people.agent),
            'invalid_input',
            'patch.priority',
          );
          await expectAppError(
            store.run('updateLead', { id: id(), patch: { priority: 2 } }, people.agent),
            'not_found',
            'id',
          );
          await expectAppError(
            store.run('updateLead', { id: lead.id, patch: { address_id: id() } }, people.agent),
            'not_found',
            'address_id',
          );
        });
      });

      it("refuses another agent's lead and address", async () => {
        const { store, people } = ctx;
        const theirs = await makeLead(store, people.otherAgent);
        const mine = await makeLead(store, people.agent);
        const addr = await store.run(
          'upsertAddress',
          { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701' },
          people.otherAgent,
        );
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('updateLead', { id: theirs.id, patch: { priority: 1 } }, people.agent),
            hiddenCode(store),
          );
          await expectAppError(
            store.run('updateLead', { id: mine.id, patch: { address_id: addr.id } }, people.agent),
            hiddenCode(store),
          );
        });
      });
    });

    describe('setCoverage', () => {
      it('validates the document and stores it upgraded to the current version', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const patch = await store.run(
          'setCoverage',
          { lead_id: lead.id, column: 'auto_data', version: 1, doc: autoV1 },
          people.agent,
        );
        expect(patch).toMatchObject({ auto_data_schema_version: 2 });
        const stored = await store.get('leads', lead.id);
        expect(stored!.auto_data_schema_version).toBe(2);
        expect(stored!.auto_data).toEqual(patch.auto_data);
        expect((stored!.auto_data as typeof autoV1).vehicles.map((v) => v.usage)).toEqual(['personal', 'business']);
        await store.run(
          'setCoverage',
          { lead_id: lead.id, column: 'home_data', version: 1, doc: homeV1 },
          people.agent,
        );
        expect(await store.get('leads', lead.id)).toMatchObject({
          home_data: { yearBuilt: 1962 },
          home_data_schema_version: 1,
          auto_data_schema_version: 2,
        });
      });

      it('clears a document with null', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, {
          coverage: [{ column: 'home_data', version: 1, doc: homeV1 }],
        });
        await store.run('setCoverage', { lead_id: lead.id, column: 'home_data', version: 1, doc: null }, people.agent);
        expect(await store.get('leads', lead.id)).toMatchObject({ home_data: null, home_data_schema_version: null });
      });

      it('names the bad field: a VIN, an unknown version, an unknown column', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          const vin = await expectAppError(
            store.run(
              'setCoverage',
              { lead_id: lead.id, column: 'auto_data', version: 1, doc: badVin() },
              people.agent,
            ),
            'invalid_input',
            'auto_data.vehicles[0].vin',
          );
          expect(vin.message).toMatch(/VIN/);
          await expectAppError(
            store.run('setCoverage', { lead_id: lead.id, column: 'auto_data', version: 7, doc: autoV1 }, people.agent),
            'invalid_input',
            'auto_data_schema_version',
          );
          await expectAppError(
            store.run('setCoverage', { lead_id: lead.id, column: 'life_data', version: 1, doc: {} }, people.agent),
            'invalid_input',
            'column',
          );
          await expectAppError(
            store.run('setCoverage', { lead_id: id(), column: 'auto_data', version: 2, doc: autoV1 }, people.agent),
            'not_found',
            'lead_id',
          );
        });
      });
    });

    describe('editLeadTags', () => {
      it('merges adds and removes, case-insensitively', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { tags: ['hot', 'Web'] });
        const res = await store.run(
          'editLeadTags',
          { lead_id: lead.id, add: ['HOT', 'renewal', 'bundle'], remove: ['web'] },
          people.agent,
        );
        expect(res).toEqual({ tags: ['hot', 'renewal', 'bundle'] });
        expect((await store.get('leads', lead.id))!.tags).toEqual(['hot', 'renewal', 'bundle']);
        await store.run('editLeadTags', { lead_id: lead.id, remove: ['Renewal'] }, people.agent);
        expect((await store.get('leads', lead.id))!.tags).toEqual(['hot', 'bundle']);
      });

      it('keeps a lead at 50 tags at most', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { tags: Array.from({ length: 45 }, (_, i) => `t${i}`) });
        await expectAppError(
          store.run(
            'editLeadTags',
            { lead_id: lead.id, add: Array.from({ length: 6 }, (_, i) => `n${i}`) },
            people.agent,
          ),
          'invalid_input',
          'add',
        );
        expect((await store.get('leads', lead.id))!.tags).toHaveLength(45);
      });
    });

    describe('editCustomFields', () => {
      it('sets and unsets keys, keeping the others', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { custom_fields: { a: 1, b: 'two', c: true } });
        const res = await store.run(
          'editCustomFields',
          { lead_id: lead.id, set: { b: 'deux', d: null }, unset: ['c', 'missing'] },
          people.agent,
        );
        expect(res).toEqual({ custom_fields: { a: 1, b: 'deux', d: null } });
        expect((await store.get('leads', lead.id))!.custom_fields).toEqual({ a: 1, b: 'deux', d: null });
      });

      it('refuses nested values and other agents', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('editCustomFields', { lead_id: lead.id, set: { a: { nested: 1 } } }, people.agent),
            'invalid_input',
            'set.a',
          );
          await expectAppError(
            store.run('editCustomFields', { lead_id: lead.id, set: { a: 1 } }, people.otherAgent),
            hiddenCode(store),
          );
        });
      });
    });
  });
}
