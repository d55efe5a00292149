/** Opportunities (create, move, win, lose) and service tickets. */
import { describe, expect, it } from 'vitest';
import {
  expectAppError,
  expectNoChange,
  FTS_TEXT,
  hiddenCode,
  id,
  INS,
  makeClient,
  makeLead,
  type StoreContext,
} from './helpers';

/** Registers its tests in the caller's describe, on the caller's store. */
export function opportunitiesAndTicketsTests(ctx: StoreContext) {
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
        await store.run('moveOpportunityStage', { id: opp.id, stage: 'quoting', probability: 60 }, people.agent, later),
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
        await expectAppError(store.run('createTicket', { lead_id: lead.id }, people.agent), 'invalid_input', 'subject');
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
}
