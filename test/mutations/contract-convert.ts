/** convertLead: the one-way conversion, its views, its refusals and its atomicity. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import { failOnWrite, type StoreKind } from '../support/stores';
import {
  commercialV1,
  events,
  expectAppError,
  expectNoChange,
  id,
  INS,
  makeBusinessLead,
  makeBusyLead,
  makeLead,
  STATUS,
  useStore,
} from './helpers';

export function convertSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('convertLead', () => {
    const ctx = useStore(kind, covered);

    it('turns an individual lead into a client, carrying its address, contacts and richest opportunity', async () => {
      const { store, people } = ctx;
      const busy = await makeBusyLead(store, people.agent, people.manager, {
        email: 'dana@example.com',
        tags: ['vip'],
        source: 'web',
      });
      const lead = (await store.get('leads', busy.lead.id))!;
      const [clientId, eventId] = [id(), id()];
      const now = '2025-03-15T16:00:00.000Z';
      const res = await store.run(
        'convertLead',
        { lead_id: lead.id, client_id: clientId, event_id: eventId, policy_number: 'PA-77' },
        people.manager,
        now,
      );
      expect(res).toEqual({ lead_id: lead.id, client_id: clientId, opportunity_id: busy.rich.id, contacts_moved: 2 });

      expect(await store.get('clients', clientId)).toMatchObject({
        client_type: 'individual',
        first_name: 'Dana',
        last_name: 'Ruiz',
        business_name: null,
        email: 'dana@example.com',
        source: 'web',
        tags: ['vip'],
        address_id: busy.address.id,
        mailing_address_id: busy.address.id,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        client_since: now,
        created_at: now,
        status: 'active',
        last_contact_at: lead.last_contacted_at,
      });
      for (const c of [busy.contact, busy.contact2]) {
        expect(await store.get('contacts', c.id)).toMatchObject({
          lead_id: null,
          client_id: clientId,
          updated_at: now,
        });
      }
      // the CHECK (exactly one of lead_id / client_id) still holds for every contact
      expect(await store.sql(`SELECT id FROM contacts WHERE (lead_id IS NULL) = (client_id IS NULL)`)).toEqual([]);
      expect(await store.get('lead_marketing_settings', busy.settings.id)).toMatchObject({ client_id: clientId });

      expect(await store.get('leads', lead.id)).toMatchObject({
        is_converted: true,
        conversion_date: now,
        converted_to_client_id: clientId,
        status_id: STATUS.converted,
        status_changed_at: now,
        next_follow_up_at: null,
      });
      expect(await store.get('opportunities', busy.rich.id)).toMatchObject({
        stage: 'won',
        probability: 100,
        closed_at: now,
        client_id: clientId,
        amount: 2400,
        policy_number: 'PA-77',
      });
      expect(await store.get('opportunities', busy.small.id)).toMatchObject({ stage: 'prospecting', client_id: null });
      expect((await events(store, lead.id)).find((e) => e.id === eventId)).toMatchObject({
        kind: 'converted',
        client_id: clientId,
        occurred_at: now,
        actor_id: people.manager.userId,
        payload: { from_status: STATUS.contacted, opportunity_id: busy.rich.id, contacts_moved: 2, premium: 1500 },
      });

      const [summary] = await store.sql<Record<string, unknown>>(
        `SELECT * FROM lead_conversion_summary WHERE lead_id = ?`,
        [lead.id],
      );
      expect({ ...summary, is_converted: Boolean(summary!.is_converted) }).toMatchObject({
        status_code: 'converted',
        is_converted: true,
        client_id: clientId,
        client_type: 'individual',
        client_name: 'Dana Ruiz',
        insurance_type_code: 'auto',
        quoted_premium: 1500,
      });
      expect(Number(summary!.days_to_convert)).toBeCloseTo(
        (Date.parse(now) - Date.parse(lead.created_at)) / 86_400_000,
        6,
      );
      const history = await store.sql<Record<string, unknown>>(
        `SELECT * FROM client_lead_history WHERE client_id = ?`,
        [clientId],
      );
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        lead_id: lead.id,
        client_name: 'Dana Ruiz',
        lead_source: 'web',
        insurance_type_code: 'auto',
      });
      expect(Number(history[0]!.note_count)).toBe(1);
      expect(Number(history[0]!.communication_count)).toBe(1);
    });

    it('turns a business lead into a business client from its commercial document, creating the won opportunity', async () => {
      const { store, people } = ctx;
      const lead = await makeBusinessLead(store, people.agent, {
        quoted_premium: 3100,
        coverage: [{ column: 'commercial_data', version: 1, doc: commercialV1 }],
      });
      const [clientId, oppId] = [id(), id()];
      const now = '2025-03-16T10:00:00.000Z';
      const res = await store.run(
        'convertLead',
        { lead_id: lead.id, client_id: clientId, new_opportunity_id: oppId },
        people.agent,
        now,
      );
      expect(res).toEqual({ lead_id: lead.id, client_id: clientId, opportunity_id: oppId, contacts_moved: 0 });
      expect(await store.get('clients', clientId)).toMatchObject({
        client_type: 'business',
        business_name: 'Bean There LLC',
        first_name: null,
        last_name: null,
        industry: 'Coffee shop',
        naics_code: '722515',
        annual_revenue: 640000,
        employee_count: 13,
      });
      expect(await store.get('opportunities', oppId)).toMatchObject({
        lead_id: lead.id,
        client_id: clientId,
        name: "Business Owner's Policy",
        insurance_type_id: INS.bop,
        stage: 'won',
        amount: 3100,
        probability: 100,
        closed_at: now,
        created_at: now,
      });
      const [summary] = await store.sql<Record<string, unknown>>(
        `SELECT client_name, client_type FROM lead_conversion_summary WHERE lead_id = ?`,
        [lead.id],
      );
      expect(summary).toEqual({ client_name: 'Bean There LLC', client_type: 'business' });
    });

    it('refuses a second conversion, changing nothing', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const clientId = id();
      await store.run('convertLead', { lead_id: lead.id, client_id: clientId }, people.agent);
      const counts = await store.counts();
      const row = await store.get('leads', lead.id);
      await expectNoChange(store, async () => {
        const err = await expectAppError(
          store.run('convertLead', { lead_id: lead.id }, people.agent),
          'precondition_failed',
          'lead_id',
        );
        expect(err.message).toBe(`lead ${lead.id} was already converted to client ${clientId}`);
        await expectAppError(
          store.run('convertLead', { lead_id: lead.id, client_id: clientId }, people.admin),
          'precondition_failed',
          'lead_id',
        );
      });
      expect(await store.counts()).toEqual(counts);
      expect(await store.get('leads', lead.id)).toEqual(row);
    });

    it('keeps a converted lead final', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      await store.run('convertLead', { lead_id: lead.id }, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('changeLeadStatus', { lead_id: lead.id, status_id: STATUS.quoted }, people.agent),
          'precondition_failed',
          'status_id',
        );
        await expectAppError(
          store.run('updateLead', { id: lead.id, patch: { lead_type: 'business', business_name: 'X' } }, people.agent),
          'precondition_failed',
          'lead_type',
        );
        await expectAppError(
          store.run('softDelete', { table: 'leads', id: lead.id }, people.agent),
          'precondition_failed',
          'id',
        );
        await expectAppError(
          store.run('createOpportunity', { lead_id: lead.id, name: 'More' }, people.agent),
          'precondition_failed',
          'lead_id',
        );
        await expectAppError(
          store.run('scheduleFollowUp', { lead_id: lead.id, at: '2025-05-01T00:00:00Z' }, people.agent),
          'precondition_failed',
          'lead_id',
        );
      });
    });

    it('refuses lost leads, foreign or lost opportunities, taken client ids and unknown leads', async () => {
      const { store, people } = ctx;
      const lost = await makeLead(store, people.agent);
      await store.run('changeLeadStatus', { lead_id: lost.id, status_id: STATUS.lost }, people.agent);
      const lead = await makeLead(store, people.agent);
      const other = await makeLead(store, people.agent);
      const foreignOpp = await store.run('createOpportunity', { lead_id: other.id, name: 'Other' }, people.agent);
      const lostOpp = await store.run('createOpportunity', { lead_id: lead.id, name: 'Lost one' }, people.agent);
      await store.run('closeOpportunity', { id: lostOpp.id, outcome: 'lost' }, people.agent);
      const taken = await store.run('convertLead', { lead_id: other.id }, people.agent);
      await expectNoChange(store, async () => {
        const e = await expectAppError(
          store.run('convertLead', { lead_id: lost.id }, people.agent),
          'precondition_failed',
          'lead_id',
        );
        expect(e.message).toMatch(/lost lead cannot be converted/);
        await expectAppError(
          store.run('convertLead', { lead_id: lead.id, opportunity_id: foreignOpp.id }, people.agent),
          'invalid_input',
          'opportunity_id',
        );
        await expectAppError(
          store.run('convertLead', { lead_id: lead.id, opportunity_id: lostOpp.id }, people.agent),
          'precondition_failed',
          'opportunity_id',
        );
        await expectAppError(
          store.run('convertLead', { lead_id: lead.id, client_id: taken.client_id }, people.agent),
          'conflict',
          'client_id',
        );
        await expectAppError(store.run('convertLead', { lead_id: id() }, people.agent), 'not_found', 'lead_id');
        await expectAppError(
          store.run('convertLead', { lead_id: lead.id }, people.otherAgent),
          kind === 'postgres' ? 'not_found' : 'forbidden',
        );
      });
    });

    it('is atomic: a failure at any write leaves every table as it was', async () => {
      const { store, people } = ctx;
      const busy = await makeBusyLead(store, people.agent, people.manager);
      const args = { lead_id: busy.lead.id, client_id: id(), event_id: id(), new_opportunity_id: id() };
      const before = await store.dumpAll();
      let writes = 0;
      for (let n = 1; n < 100; n++) {
        const fault = failOnWrite(n);
        try {
          await store.run('convertLead', args, people.agent, '2025-03-20T10:00:00.000Z', { wrapTx: fault.wrap });
        } catch (err) {
          expect(fault.state.failed, String(err)).toBe(true);
          expect((err as Error).message).toBe(`injected failure on write ${n}`);
          expect(await store.dumpAll(), `after a failure on write ${n}`).toEqual(before);
          continue;
        }
        // no write failed: the conversion committed, and it made n - 1 writes
        expect(fault.state.failed).toBe(false);
        writes = n - 1;
        break;
      }
      // client, 2 contacts, marketing settings, opportunity, lead, event
      expect(writes).toBe(7);
      expect(await store.get('leads', busy.lead.id)).toMatchObject({
        is_converted: true,
        converted_to_client_id: args.client_id,
      });
    });

    it('is atomic on reassignment too', async () => {
      const { store, people } = ctx;
      const busy = await makeBusyLead(store, people.agent, people.manager);
      const before = await store.dumpAll();
      for (const n of [1, 2, 5, 10, 13]) {
        const fault = failOnWrite(n);
        await expect(
          store.run(
            'assignLead',
            { lead_id: busy.lead.id, owner_id: people.otherAgent.userId },
            people.admin,
            undefined,
            { wrapTx: fault.wrap },
          ),
        ).rejects.toThrow(`write ${n}`);
        expect(await store.dumpAll(), `after a failure on write ${n}`).toEqual(before);
      }
    });
  });
}
