/** Opportunities, tickets, campaigns, marketing settings, softDelete and restore. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import {
  events,
  expectAppError,
  expectNoChange,
  FTS_TEXT,
  hiddenCode,
  id,
  INS,
  makeCampaign,
  makeClient,
  makeLead,
  useStore,
} from './helpers';

export function salesSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('sales and service', () => {
    const ctx = useStore(kind, covered);

    describe('opportunities', () => {
      it('creates, moves and wins an opportunity', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { insurance_type_id: INS.home });
        const now = '2025-03-08T10:00:00.000Z';
        const opp = await store.run(
          'createOpportunity',
          { lead_id: lead.id, name: 'Home HO-3', amount: 1320.75, probability: 40, expected_close_date: '2025-04-15' },
          people.agent,
          now,
        );
        expect(await store.get('opportunities', opp.id)).toMatchObject({
          lead_id: lead.id,
          client_id: null,
          insurance_type_id: INS.home,
          stage: 'prospecting',
          amount: 1320.75,
          probability: 40,
          expected_close_date: '2025-04-15',
          stage_changed_at: now,
          closed_at: null,
          owner_id: people.agent.userId,
        });
        const later = '2025-03-09T10:00:00.000Z';
        expect(
          await store.run(
            'moveOpportunityStage',
            { id: opp.id, stage: 'quoting', probability: 60 },
            people.agent,
            later,
          ),
        ).toEqual({ id: opp.id, stage: 'quoting', changed: true });
        expect(await store.get('opportunities', opp.id)).toMatchObject({
          stage: 'quoting',
          probability: 60,
          stage_changed_at: later,
        });
        expect(await store.run('moveOpportunityStage', { id: opp.id, stage: 'quoting' }, people.agent)).toMatchObject({
          changed: false,
        });

        const closed = '2025-03-10T10:00:00.000Z';
        await store.run(
          'closeOpportunity',
          {
            id: opp.id,
            outcome: 'won',
            amount: 1400,
            carrier: 'Acme Mutual',
            policy_number: 'HO-123',
            effective_date: '2025-04-01',
          },
          people.agent,
          closed,
        );
        expect(await store.get('opportunities', opp.id)).toMatchObject({
          stage: 'won',
          probability: 100,
          closed_at: closed,
          amount: 1400,
          carrier: 'Acme Mutual',
          policy_number: 'HO-123',
          effective_date: '2025-04-01',
        });
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('moveOpportunityStage', { id: opp.id, stage: 'proposal' }, people.agent),
            'precondition_failed',
            'id',
          );
          await expectAppError(
            store.run('closeOpportunity', { id: opp.id, outcome: 'lost' }, people.agent),
            'precondition_failed',
            'id',
          );
        });
      });

      it('loses an opportunity with a reason; works on clients', async () => {
        const { store, people } = ctx;
        const client = await makeClient(store, people.agent);
        const opp = await store.run(
          'createOpportunity',
          { client_id: client.id, name: 'Umbrella', insurance_type_id: INS.life },
          people.agent,
        );
        await store.run('closeOpportunity', { id: opp.id, outcome: 'lost', reason: 'price' }, people.agent);
        expect(await store.get('opportunities', opp.id)).toMatchObject({
          client_id: client.id,
          stage: 'lost',
          probability: 0,
          close_reason: 'price',
        });
      });

      it('refuses bad values, closed stages and unknown records', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const opp = await store.run('createOpportunity', { lead_id: lead.id, name: 'Auto' }, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('createOpportunity', { lead_id: lead.id, name: 'X', amount: -5 }, people.agent),
            'invalid_input',
            'amount',
          );
          await expectAppError(
            store.run('createOpportunity', { lead_id: lead.id, name: 'X', stage: 'won' }, people.agent),
            'invalid_input',
            'stage',
          );
          await expectAppError(
            store.run('createOpportunity', { lead_id: lead.id, name: 'X', insurance_type_id: id() }, people.agent),
            'not_found',
            'insurance_type_id',
          );
          await expectAppError(
            store.run('moveOpportunityStage', { id: opp.id, stage: 'won' }, people.agent),
            'invalid_input',
            'stage',
          );
          await expectAppError(
            store.run('moveOpportunityStage', { id: id(), stage: 'quoting' }, people.agent),
            'not_found',
            'id',
          );
          await expectAppError(
            store.run('closeOpportunity', { id: opp.id, outcome: 'won' }, people.otherAgent),
            hiddenCode(store),
          );
        });
      });
    });

    describe('tickets', () => {
      it('opens, updates, resolves, reopens and closes a ticket', async () => {
        const { store, people } = ctx;
        const client = await makeClient(store, people.otherAgent);
        const contact = await store.run(
          'addContact',
          { client_id: client.id, first_name: 'Tia', last_name: 'Ticket' },
          people.otherAgent,
        );
        const t = await store.run(
          'createTicket',
          {
            client_id: client.id,
            subject: FTS_TEXT,
            description: 'Need a COI - ASAP',
            priority: 'high',
            issue_type: 'document_request',
            contact_id: contact.id,
            assigned_to: people.staff.userId,
            due_at: '2025-03-12T17:00:00Z',
          },
          people.staff,
        );
        expect(await store.get('support_tickets', t.id)).toMatchObject({
          subject: FTS_TEXT,
          status: 'open',
          priority: 'high',
          assigned_to: people.staff.userId,
          owner_id: people.otherAgent.userId,
          team_id: people.otherAgent.teamId,
          due_at: '2025-03-12T17:00:00.000Z',
        });

        expect(
          await store.run('updateTicket', { id: t.id, patch: { status: 'pending', priority: 'urgent' } }, people.staff),
        ).toEqual({ id: t.id, changed: ['priority', 'status'] });
        const resolvedAt = '2025-03-11T09:00:00.000Z';
        expect(
          await store.run('resolveTicket', { id: t.id, resolution: 'Sent the COI' }, people.otherAgent, resolvedAt),
        ).toEqual({ id: t.id, status: 'resolved' });
        expect(await store.get('support_tickets', t.id)).toMatchObject({
          status: 'resolved',
          resolution: 'Sent the COI',
          resolved_at: resolvedAt,
        });
        await store.run('updateTicket', { id: t.id, patch: { status: 'open' } }, people.otherAgent);
        expect(await store.get('support_tickets', t.id)).toMatchObject({ status: 'open', resolved_at: null });
        const closedAt = '2025-03-12T09:00:00.000Z';
        await store.run('resolveTicket', { id: t.id, resolution: 'Done', close: true }, people.otherAgent, closedAt);
        expect(await store.get('support_tickets', t.id)).toMatchObject({ status: 'closed', resolved_at: closedAt });
        await expectNoChange(store, () =>
          expectAppError(
            store.run('resolveTicket', { id: t.id, resolution: 'again' }, people.otherAgent),
            'precondition_failed',
            'id',
          ),
        );
      });

      it('refuses unknown assignees, contacts and tickets; keeps status changes to open/pending', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const t = await store.run('createTicket', { lead_id: lead.id, subject: 'Question' }, people.agent);
        expect(await store.get('support_tickets', t.id)).toMatchObject({
          lead_id: lead.id,
          status: 'open',
          priority: 'normal',
          issue_type: 'other',
        });
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('createTicket', { lead_id: lead.id, subject: 'x', assigned_to: id() }, people.agent),
            'not_found',
            'assigned_to',
          );
          await expectAppError(
            store.run('createTicket', { lead_id: lead.id, subject: 'x', contact_id: id() }, people.agent),
            'not_found',
            'contact_id',
          );
          await expectAppError(
            store.run('createTicket', { lead_id: lead.id }, people.agent),
            'invalid_input',
            'subject',
          );
          await expectAppError(
            store.run('updateTicket', { id: t.id, patch: { status: 'resolved' } }, people.agent),
            'invalid_input',
            'patch.status',
          );
          await expectAppError(
            store.run('updateTicket', { id: t.id, patch: { assigned_to: id() } }, people.agent),
            'not_found',
            'patch.assigned_to',
          );
          await expectAppError(
            store.run('updateTicket', { id: id(), patch: { priority: 'low' } }, people.agent),
            'not_found',
            'id',
          );
          await expectAppError(
            store.run('resolveTicket', { id: t.id, resolution: ' ' }, people.agent),
            'invalid_input',
            'resolution',
          );
          await expectAppError(
            store.run('resolveTicket', { id: t.id, resolution: 'x' }, people.otherAgent),
            hiddenCode(store),
          );
        });
      });
    });

    describe('campaigns', () => {
      it('creates campaigns (not agents) and enrolls leads once', async () => {
        const { store, people } = ctx;
        const now = '2025-03-01T12:00:00.000Z';
        const c = await store.run(
          'createCampaign',
          {
            name: 'Renewal blitz',
            channel: 'email',
            starts_at: '2025-03-01T00:00:00Z',
            ends_at: '2025-04-01T00:00:00Z',
            budget: 5000,
            insurance_type_id: INS.auto,
            color: '#2563eb',
          },
          people.manager,
          now,
        );
        expect(await store.get('campaigns', c.id)).toMatchObject({
          name: 'Renewal blitz',
          status: 'draft',
          budget: 5000,
          created_by: people.manager.userId,
          created_at: now,
          color: '#2563eb',
        });
        await expectNoChange(store, async () => {
          await expectAppError(store.run('createCampaign', { name: 'Mine' }, people.agent), 'forbidden');
          await expectAppError(
            store.run(
              'createCampaign',
              { name: 'Backwards', starts_at: '2025-04-01T00:00:00Z', ends_at: '2025-03-01T00:00:00Z' },
              people.manager,
            ),
            'invalid_input',
            'ends_at',
          );
          await expectAppError(
            store.run('createCampaign', { name: 'Red', color: 'red' }, people.manager),
            'invalid_input',
            'color',
          );
        });

        const lead = await makeLead(store, people.agent);
        const eventId = id();
        const e = await store.run(
          'enrollInCampaign',
          { lead_id: lead.id, campaign_id: c.id, event_id: eventId },
          people.agent,
        );
        expect(await store.get('campaign_enrollments', e.id)).toMatchObject({
          campaign_id: c.id,
          lead_id: lead.id,
          status: 'enrolled',
          owner_id: people.agent.userId,
        });
        expect((await events(store, lead.id)).find((x) => x.id === eventId)).toMatchObject({
          kind: 'campaign_enrolled',
          payload: { campaign_id: c.id, name: 'Renewal blitz' },
        });
        const done = await makeCampaign(store, people.staff, { status: 'completed' });
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: c.id }, people.agent),
            'precondition_failed',
            'campaign_id',
          );
          await expectAppError(
            store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: done.id }, people.agent),
            'precondition_failed',
            'campaign_id',
          );
          await expectAppError(
            store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: id() }, people.agent),
            'not_found',
            'campaign_id',
          );
        });
        // an enrollment that was deleted may be made again
        await store.run('softDelete', { table: 'campaign_enrollments', id: e.id }, people.agent);
        await store.run('enrollInCampaign', { lead_id: lead.id, campaign_id: c.id }, people.agent);
        expect(await store.find('campaign_enrollments', { lead_id: lead.id })).toHaveLength(2);
      });

      it('keeps one marketing-settings row per lead and stamps consent and opt-outs', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const t1 = '2025-03-02T09:00:00.000Z';
        const first = await store.run(
          'setMarketingSettings',
          { lead_id: lead.id, settings: { email_opt_in: true, frequency: 'monthly', consent_source: 'web form' } },
          people.agent,
          t1,
        );
        expect(await store.get('lead_marketing_settings', first.id)).toMatchObject({
          lead_id: lead.id,
          email_opt_in: true,
          sms_opt_in: false,
          phone_opt_in: true,
          frequency: 'monthly',
          consent_at: t1,
          opted_out_at: null,
        });
        const t2 = '2025-03-03T09:00:00.000Z';
        const second = await store.run(
          'setMarketingSettings',
          { lead_id: lead.id, settings: { phone_opt_in: false, opt_out_reason: 'asked' } },
          people.agent,
          t2,
        );
        expect(second.id).toBe(first.id);
        expect(await store.find('lead_marketing_settings', { lead_id: lead.id })).toEqual([
          expect.objectContaining({
            email_opt_in: true,
            phone_opt_in: false,
            consent_at: t1,
            opted_out_at: t2,
            opt_out_reason: 'asked',
          }),
        ]);
        await expectAppError(
          store.run('setMarketingSettings', { lead_id: lead.id, settings: { frequency: 'hourly' } }, people.agent),
          'invalid_input',
          'settings.frequency',
        );
      });
    });

    describe('softDelete and restore', () => {
      it('marks and unmarks a record; a deleted lead cannot be changed', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const del = '2025-03-04T09:00:00.000Z';
        expect(await store.run('softDelete', { table: 'leads', id: lead.id }, people.agent, del)).toEqual({
          table: 'leads',
          id: lead.id,
          changed: true,
        });
        expect(await store.get('leads', lead.id)).toMatchObject({ deleted_at: del, updated_at: del });
        await expectNoChange(store, async () => {
          expect(await store.run('softDelete', { table: 'leads', id: lead.id }, people.agent)).toMatchObject({
            changed: false,
          });
          await expectAppError(
            store.run('updateLead', { id: lead.id, patch: { priority: 1 } }, people.agent),
            'not_found',
            'id',
          );
          await expectAppError(
            store.run('addNote', { lead_id: lead.id, body: 'x' }, people.agent),
            'not_found',
            'lead_id',
          );
        });
        expect(await store.run('restore', { table: 'leads', id: lead.id }, people.agent)).toEqual({
          table: 'leads',
          id: lead.id,
          changed: true,
        });
        expect((await store.get('leads', lead.id))!.deleted_at).toBeNull();
        expect(await store.run('restore', { table: 'leads', id: lead.id }, people.agent)).toMatchObject({
          changed: false,
        });
        await store.run('updateLead', { id: lead.id, patch: { priority: 1 } }, people.agent);
      });

      it('deletes child records too, and refuses unknown tables, ids and other owners', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const note = await store.run('addNote', { lead_id: lead.id, body: 'temp' }, people.agent);
        await store.run('softDelete', { table: 'lead_notes', id: note.id }, people.manager);
        expect((await store.get('lead_notes', note.id))!.deleted_at).not.toBeNull();
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('softDelete', { table: 'users', id: people.agent.userId }, people.admin),
            'invalid_input',
            'table',
          );
          await expectAppError(store.run('softDelete', { table: 'leads', id: id() }, people.agent), 'not_found', 'id');
          await expectAppError(
            store.run('restore', { table: 'lead_notes', id: note.id }, people.otherAgent),
            hiddenCode(store),
          );
        });
      });
    });
  });
}
