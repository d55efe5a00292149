/** createTask, updateTask (reassign), completeTask, reopenTask, and the field history of updateLead. */
import { describe, expect, it } from 'vitest';
import { CARRIER_SEEDS, insuranceTypeByCode } from '../../shared/lookups';
import type { MutationName } from '../../shared/mutations/registry';
import { scopeWhere } from '../../shared/sync/scope';
import type { StoreKind } from '../support/stores';
import {
  events,
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  makeClient,
  makeLead,
  STATUS,
  useStore,
} from './helpers';

const DUE = '2025-05-01T15:00:00.000Z';

export function tasksSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('tasks', () => {
    const ctx = useStore(kind, covered);

    it("puts a task on a policy term: on the client's timeline, refused on another team's policy", async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const policy = await store.run(
        'addPolicy',
        {
          client_id: client.id,
          carrier_id: CARRIER_SEEDS[0]!.id,
          insurance_type_id: insuranceTypeByCode('auto').id,
          policy_number: `TP-${id().slice(-6)}`,
          effective_date: '2025-01-01',
          expiration_date: '2026-01-01',
          written_premium: 900,
        },
        people.agent,
      );
      const eventId = id();
      const task = await store.run(
        'createTask',
        { policy_id: policy.id, title: 'Renewal call', due_at: DUE, event_id: eventId },
        people.agent,
      );
      expect(task).toMatchObject({
        policy_id: policy.id,
        lead_id: null,
        client_id: null,
        owner_id: people.agent.userId,
      });
      expect(
        (await store.find('timeline_events', { client_id: client.id })).find((e) => e.id === eventId),
      ).toMatchObject({ kind: 'follow_up_scheduled', payload: { task_id: task.id, title: 'Renewal call' } });
      await expectNoChange(store, () =>
        expectAppError(
          store.run('createTask', { policy_id: policy.id, title: 'Not mine', due_at: DUE }, people.otherAgent),
          hiddenCode(store),
        ),
      );
    });

    it("gives a CSR a task on another team's lead: the task is theirs to see and work, the lead stays hidden", async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const eventId = id();
      const task = await store.run(
        'createTask',
        {
          lead_id: lead.id,
          title: 'Send ID cards',
          due_at: DUE,
          priority: 'high',
          assigned_to: people.staff.userId,
          event_id: eventId,
        },
        people.admin,
      );
      expect(task).toMatchObject({
        owner_id: people.staff.userId,
        team_id: people.staff.teamId,
        assigned_to: people.staff.userId,
        assigned_by: people.admin.userId,
        created_by: people.admin.userId,
        status: 'open',
        priority: 'high',
        due_at: DUE,
      });
      // the creation is on the lead's timeline with its actor, under the lead's ownership
      expect((await events(store, lead.id)).find((e) => e.id === eventId)).toMatchObject({
        kind: 'follow_up_scheduled',
        actor_id: people.admin.userId,
        owner_id: people.agent.userId,
        payload: { task_id: task.id, title: 'Send ID cards', assigned_to: people.staff.userId },
      });
      // the CSR's sync scope holds the task (same rule as RLS), not the lead
      const scope = scopeWhere('staff', people.staff.userId, people.staff.teamId, 'tasks');
      const matches = (row: { owner_id: string; team_id: string | null }) =>
        row.owner_id === scope.params!['1'] || row.team_id === scope.params!['2'];
      expect(matches(task)).toBe(true);
      expect(matches(lead)).toBe(false);
      await expectAppError(store.run('addNote', { lead_id: lead.id, body: 'x' }, people.staff), hiddenCode(store));
      // yet the CSR edits and completes the task (on Postgres, under row-level security as the CSR)
      await store.run('updateTask', { id: task.id, patch: { notes: 'Emailed twice' } }, people.staff);
      const done = await store.run('completeTask', { id: task.id, outcome: 'sent' }, people.staff);
      expect(done).toEqual({ id: task.id, status: 'done' });
      expect(await store.get('tasks', task.id)).toMatchObject({
        status: 'done',
        completed_by: people.staff.userId,
        outcome: 'sent',
        notes: 'Emailed twice',
      });
      // a record the CSR may not write gets no timeline entry from them (the task row records who and when)
      expect((await events(store, lead.id)).filter((e) => e.actor_id === people.staff.userId)).toEqual([]);
    });

    it('refuses to assign outside what the assigner may: agents to others, managers to other teams', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run(
            'createTask',
            { lead_id: lead.id, title: 'x', due_at: DUE, assigned_to: people.otherAgent.userId },
            people.agent,
          ),
          'forbidden',
          'assigned_to',
        );
        await expectAppError(
          store.run(
            'createTask',
            { lead_id: lead.id, title: 'x', due_at: DUE, assigned_to: people.staff.userId },
            people.manager,
          ),
          'forbidden',
          'assigned_to',
        );
      });
      const south = await makeLead(store, people.otherAgent);
      await expectAppError(
        store.run('createTask', { lead_id: south.id, title: 'x', due_at: DUE }, people.agent),
        hiddenCode(store),
      );
      await expectAppError(
        store.run('createTask', { title: 'x', due_at: DUE }, people.agent),
        'invalid_input',
        'lead_id',
      );
      // an agent's task for themselves is fine
      const own = await store.run('createTask', { lead_id: lead.id, title: 'Quote', due_at: DUE }, people.agent);
      expect(own).toMatchObject({ owner_id: people.agent.userId, assigned_to: people.agent.userId });
    });

    it('reassigns within the team with a timeline entry; the old assignee loses it; done tasks reopen', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const task = await store.run('createTask', { lead_id: lead.id, title: 'Renewal', due_at: DUE }, people.agent);
      const eventId = id();
      await expectAppError(
        store.run('updateTask', { id: task.id, patch: { assigned_to: people.manager.userId } }, people.agent),
        'forbidden',
        'patch.assigned_to',
      );
      const res = await store.run(
        'updateTask',
        { id: task.id, event_id: eventId, patch: { assigned_to: people.manager.userId, priority: 'urgent' } },
        people.manager,
      );
      expect(res).toMatchObject({ reassigned: true });
      expect(await store.get('tasks', task.id)).toMatchObject({
        owner_id: people.manager.userId,
        assigned_to: people.manager.userId,
        assigned_by: people.manager.userId,
        priority: 'urgent',
      });
      expect((await events(store, lead.id)).find((e) => e.id === eventId)).toMatchObject({
        kind: 'assigned',
        actor_id: people.manager.userId,
        payload: { task_id: task.id, from: people.agent.userId, to: people.manager.userId },
      });
      await expectAppError(store.run('completeTask', { id: task.id }, people.agent), hiddenCode(store));
      await store.run('completeTask', { id: task.id }, people.manager);
      await expectAppError(store.run('completeTask', { id: task.id }, people.manager), 'precondition_failed', 'id');
      await expectAppError(
        store.run('updateTask', { id: task.id, patch: { title: 'y' } }, people.manager),
        'precondition_failed',
        'id',
      );
      const reopenId = id();
      await store.run(
        'reopenTask',
        { id: task.id, event_id: reopenId, due_at: '2025-06-01T09:00:00Z' },
        people.manager,
      );
      expect(await store.get('tasks', task.id)).toMatchObject({
        status: 'open',
        completed_at: null,
        completed_by: null,
        due_at: '2025-06-01T09:00:00.000Z',
      });
      expect((await events(store, lead.id)).find((e) => e.id === reopenId)).toMatchObject({
        actor_id: people.manager.userId,
        payload: { task_id: task.id, reopened: true },
      });
      await expectAppError(store.run('reopenTask', { id: task.id }, people.manager), 'precondition_failed', 'id');
    });

    it('puts tasks on clients and tickets too', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const ticket = await store.run('createTicket', { lead_id: lead.id, subject: 'Claim' }, people.agent);
      const onTicket = await store.run(
        'createTask',
        { ticket_id: ticket.id, title: 'Chase adjuster', due_at: DUE },
        people.agent,
      );
      expect(onTicket).toMatchObject({ ticket_id: ticket.id, lead_id: null });
      expect((await events(store, lead.id)).some((e) => e.payload.task_id === onTicket.id)).toBe(true);
      await expectAppError(
        store.run('createTask', { lead_id: lead.id, ticket_id: ticket.id, title: 'x', due_at: DUE }, people.agent),
        'invalid_input',
        'lead_id',
      );
    });

    it('updateLead records each changed field (old, new, who, when) in the same transaction', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent, { email: 'old@example.com', priority: 3 });
      const changeId = id();
      const now = '2025-05-02T10:00:00.000Z';
      await store.run(
        'updateLead',
        { id: lead.id, patch: { email: 'new@example.com', priority: 3, source: 'web' }, change_id: changeId },
        people.agent,
        now,
      );
      expect(await store.get('record_changes', changeId)).toMatchObject({
        lead_id: lead.id,
        client_id: null,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        mutation: 'updateLead',
        actor_id: people.agent.userId,
        changed_at: now,
        changes: [
          { field: 'email', from: 'old@example.com', to: 'new@example.com' },
          { field: 'source', from: null, to: 'web' },
        ],
      });
      // an edit that changes nothing leaves no history
      const sameId = id();
      await store.run('updateLead', { id: lead.id, patch: { priority: 3 }, change_id: sameId }, people.agent);
      expect(await store.get('record_changes', sameId)).toBeUndefined();
      // the lead's other edits keep history too: status, tags, owner
      const statusChange = id();
      await store.run(
        'changeLeadStatus',
        { lead_id: lead.id, status_id: STATUS.quoted, change_id: statusChange },
        people.agent,
      );
      // lost_at was null and stays null: not a change
      expect((await store.get('record_changes', statusChange))?.changes).toEqual([
        { field: 'status_id', from: STATUS.new, to: STATUS.quoted },
        { field: 'quoted_at', from: null, to: expect.any(String) },
      ]);
      const tagChange = id();
      await store.run('editLeadTags', { lead_id: lead.id, add: ['bundle'], change_id: tagChange }, people.agent);
      expect((await store.get('record_changes', tagChange))?.changes).toEqual([
        { field: 'tags', from: [], to: ['bundle'] },
      ]);
      const ownerChange = id();
      await store.run(
        'assignLead',
        { lead_id: lead.id, owner_id: people.manager.userId, change_id: ownerChange },
        people.manager,
      );
      expect(await store.get('record_changes', ownerChange)).toMatchObject({
        owner_id: people.manager.userId,
        actor_id: people.manager.userId,
        changes: [{ field: 'owner_id', from: people.agent.userId, to: people.manager.userId }],
      });
      // a failed edit leaves none either
      await expectNoChange(store, () =>
        expectAppError(
          store.run('updateLead', { id: lead.id, patch: { email: 'x@example.com' } }, people.otherAgent),
          hiddenCode(store),
        ),
      );
    });

    it('updateClient records its field history and keeps the identity its type needs', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const changeId = id();
      await store.run(
        'updateClient',
        { id: client.id, patch: { email: 'new@example.com', occupation: 'Nurse' }, change_id: changeId },
        people.agent,
      );
      expect(await store.get('clients', client.id)).toMatchObject({ email: 'new@example.com', occupation: 'Nurse' });
      expect(await store.get('record_changes', changeId)).toMatchObject({
        client_id: client.id,
        lead_id: null,
        owner_id: client.owner_id,
        actor_id: people.agent.userId,
        mutation: 'updateClient',
        changes: [
          { field: 'email', from: client.email, to: 'new@example.com' },
          { field: 'occupation', from: null, to: 'Nurse' },
        ],
      });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('updateClient', { id: client.id, patch: { last_name: null } }, people.agent),
          'invalid_input',
          'patch.last_name',
        );
        await expectAppError(
          store.run('updateClient', { id: client.id, patch: { email: 'x@example.com' } }, people.otherAgent),
          hiddenCode(store),
        );
      });
    });
  });
}
