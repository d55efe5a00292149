/** assignLead, changeLeadStatus, scheduleFollowUp, completeFollowUp, and who may touch a lead. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import {
  events,
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  LEAD_CHILD_TABLES,
  makeBusyLead,
  makeLead,
  STATUS,
  useStore,
} from './helpers';

export function pipelineSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('pipeline', () => {
    const ctx = useStore(kind, covered);

    describe('assignLead', () => {
      it("moves the lead, every child row and its address to the new owner's ownership", async () => {
        const { store, people } = ctx;
        const busy = await makeBusyLead(store, people.agent, people.manager);
        const ownership = async () => {
          const out: Record<string, Array<[string | null, string | null]>> = {};
          for (const t of LEAD_CHILD_TABLES)
            out[t] = (await store.find(t, { lead_id: busy.lead.id })).map((r) => [r.owner_id, r.team_id]);
          return out;
        };
        const childCount = Object.values(await ownership()).flat().length;
        const eventId = id();
        const res = await store.run(
          'assignLead',
          { lead_id: busy.lead.id, owner_id: people.otherAgent.userId, event_id: eventId },
          people.admin,
        );
        expect(res).toEqual({ lead_id: busy.lead.id, owner_id: people.otherAgent.userId, moved: childCount });
        const south: [string, string] = [people.otherAgent.userId, people.otherAgent.teamId!];
        expect(await store.get('leads', busy.lead.id)).toMatchObject({ owner_id: south[0], team_id: south[1] });
        expect(await store.get('addresses', busy.address.id)).toMatchObject({ owner_id: south[0], team_id: south[1] });
        for (const [table, rows] of Object.entries(await ownership())) {
          expect(rows.length, table).toBeGreaterThan(0);
          expect(rows, table).toEqual(rows.map(() => south));
        }
        const assigned = (await events(store, busy.lead.id)).find((e) => e.id === eventId);
        expect(assigned).toMatchObject({
          kind: 'assigned',
          owner_id: south[0],
          payload: { from: people.agent.userId, to: south[0] },
        });
        // the previous owner no longer may touch it
        await expectAppError(
          store.run('addNote', { lead_id: busy.lead.id, body: 'x' }, people.agent),
          hiddenCode(store),
        );
      });

      it('lets a manager take a team lead; refuses agents and other teams', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('assignLead', { lead_id: lead.id, owner_id: people.manager.userId }, people.agent),
            'forbidden',
            'owner_id',
          );
          await expectAppError(
            store.run('assignLead', { lead_id: lead.id, owner_id: people.otherAgent.userId }, people.manager),
            'forbidden',
            'owner_id',
          );
          await expectAppError(
            store.run('assignLead', { lead_id: lead.id, owner_id: id() }, people.admin),
            'not_found',
            'owner_id',
          );
        });
        const res = await store.run(
          'assignLead',
          { lead_id: lead.id, owner_id: people.manager.userId },
          people.manager,
        );
        expect(res.moved).toBe(1); // the created event
        expect(await store.get('leads', lead.id)).toMatchObject({
          owner_id: people.manager.userId,
          team_id: people.manager.teamId,
        });
        const again = await store.run(
          'assignLead',
          { lead_id: lead.id, owner_id: people.manager.userId },
          people.manager,
        );
        expect(again).toEqual({ lead_id: lead.id, owner_id: people.manager.userId, moved: 0 });
      });
    });

    describe('changeLeadStatus', () => {
      it('stamps status_changed_at (and quoted_at) and records the change', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const now = '2025-03-10T15:30:00.000Z';
        const eventId = id();
        expect(
          await store.run(
            'changeLeadStatus',
            { lead_id: lead.id, status_id: STATUS.quoted, event_id: eventId },
            people.agent,
            now,
          ),
        ).toEqual({ lead_id: lead.id, status_id: STATUS.quoted, changed: true });
        expect(await store.get('leads', lead.id)).toMatchObject({
          status_id: STATUS.quoted,
          status_changed_at: now,
          quoted_at: now,
          updated_at: now,
          lost_at: null,
        });
        expect((await events(store, lead.id)).find((e) => e.id === eventId)).toMatchObject({
          kind: 'status_changed',
          occurred_at: now,
          payload: { from: STATUS.new, to: STATUS.quoted, reason: null },
        });
        // the same status again changes nothing
        await expectNoChange(store, async () => {
          expect(
            await store.run('changeLeadStatus', { lead_id: lead.id, status_id: STATUS.quoted }, people.agent),
          ).toMatchObject({ changed: false });
        });
      });

      it('records why a lead was lost and clears its follow-up', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent, { next_follow_up_at: '2025-04-01T09:00:00Z' });
        const now = '2025-03-11T09:00:00.000Z';
        await store.run(
          'changeLeadStatus',
          { lead_id: lead.id, status_id: STATUS.lost, reason: 'bought elsewhere' },
          people.agent,
          now,
        );
        expect(await store.get('leads', lead.id)).toMatchObject({
          status_id: STATUS.lost,
          lost_at: now,
          lost_reason: 'bought elsewhere',
          next_follow_up_at: null,
        });
        await store.run('changeLeadStatus', { lead_id: lead.id, status_id: STATUS.nurture }, people.agent);
        expect(await store.get('leads', lead.id)).toMatchObject({ status_id: STATUS.nurture, lost_at: null });
      });

      it('refuses the won status, unknown statuses and unknown leads', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          const won = await expectAppError(
            store.run('changeLeadStatus', { lead_id: lead.id, status_id: STATUS.converted }, people.agent),
            'precondition_failed',
            'status_id',
          );
          expect(won.message).toMatch(/convertLead/);
          await expectAppError(
            store.run('changeLeadStatus', { lead_id: lead.id, status_id: id() }, people.agent),
            'not_found',
            'status_id',
          );
          await expectAppError(
            store.run('changeLeadStatus', { lead_id: id(), status_id: STATUS.quoted }, people.agent),
            'not_found',
            'lead_id',
          );
          await expectAppError(
            store.run('changeLeadStatus', { lead_id: lead.id, status_id: 'quoted' }, people.agent),
            'invalid_input',
            'status_id',
          );
        });
      });
    });

    describe('follow-ups', () => {
      it('schedules and completes a follow-up', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        const schedId = id();
        await store.run(
          'scheduleFollowUp',
          { lead_id: lead.id, at: '2025-03-20T14:00:00+02:00', note: 'send quote', priority: 1, event_id: schedId },
          people.agent,
        );
        expect(await store.get('leads', lead.id)).toMatchObject({
          next_follow_up_at: '2025-03-20T12:00:00.000Z',
          follow_up_note: 'send quote',
          priority: 1,
        });
        expect((await events(store, lead.id)).find((e) => e.id === schedId)).toMatchObject({
          kind: 'follow_up_scheduled',
          payload: { at: '2025-03-20T12:00:00.000Z', note: 'send quote' },
        });

        const now = '2025-03-20T12:05:00.000Z';
        const doneId = id();
        const res = await store.run(
          'completeFollowUp',
          { lead_id: lead.id, outcome: 'quote sent', next_at: '2025-03-27T12:00:00Z', event_id: doneId },
          people.agent,
          now,
        );
        expect(res).toEqual({ lead_id: lead.id, next_follow_up_at: '2025-03-27T12:00:00.000Z' });
        expect(await store.get('leads', lead.id)).toMatchObject({
          next_follow_up_at: '2025-03-27T12:00:00.000Z',
          follow_up_note: null,
          last_contacted_at: now,
        });
        expect((await events(store, lead.id)).find((e) => e.id === doneId)).toMatchObject({
          kind: 'follow_up_completed',
          payload: { due: '2025-03-20T12:00:00.000Z', outcome: 'quote sent' },
        });
      });

      it('refuses bad times and completing what was never scheduled', async () => {
        const { store, people } = ctx;
        const lead = await makeLead(store, people.agent);
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('scheduleFollowUp', { lead_id: lead.id, at: 'next tuesday' }, people.agent),
            'invalid_input',
            'at',
          );
          await expectAppError(
            store.run('scheduleFollowUp', { lead_id: lead.id, at: '2025-03-20T14:00:00Z', priority: 0 }, people.agent),
            'invalid_input',
            'priority',
          );
          await expectAppError(
            store.run('completeFollowUp', { lead_id: lead.id }, people.agent),
            'precondition_failed',
            'lead_id',
          );
        });
      });
    });

    describe('who may touch a lead', () => {
      it("keeps agents off each other's leads", async () => {
        const { store, people } = ctx;
        const theirs = await makeLead(store, people.otherAgent, { next_follow_up_at: '2025-04-01T09:00:00Z' });
        await expectNoChange(store, async () => {
          await expectAppError(
            store.run('changeLeadStatus', { lead_id: theirs.id, status_id: STATUS.contacted }, people.agent),
            hiddenCode(store),
          );
          await expectAppError(
            store.run('scheduleFollowUp', { lead_id: theirs.id, at: '2025-04-02T09:00:00Z' }, people.agent),
            hiddenCode(store),
          );
          await expectAppError(store.run('completeFollowUp', { lead_id: theirs.id }, people.agent), hiddenCode(store));
          await expectAppError(
            store.run('addNote', { lead_id: theirs.id, body: 'sneaky' }, people.agent),
            hiddenCode(store),
          );
          await expectAppError(
            store.run('softDelete', { table: 'leads', id: theirs.id }, people.agent),
            hiddenCode(store),
          );
          await expectAppError(
            store.run('editLeadTags', { lead_id: theirs.id, add: ['x'] }, people.manager),
            hiddenCode(store),
          );
        });
      });

      if (kind === 'postgres')
        it('refuses with forbidden on Postgres too when RLS does not hide the row', async () => {
          const { store, people } = ctx;
          const theirs = await makeLead(store, people.otherAgent);
          await expectNoChange(store, () =>
            expectAppError(
              store.run(
                'changeLeadStatus',
                { lead_id: theirs.id, status_id: STATUS.contacted },
                people.agent,
                undefined,
                { rls: false },
              ),
              'forbidden',
            ),
          );
        });

      it("lets managers and staff work their team's leads", async () => {
        const { store, people } = ctx;
        const north = await makeLead(store, people.agent);
        const south = await makeLead(store, people.otherAgent);
        await store.run('changeLeadStatus', { lead_id: north.id, status_id: STATUS.contacted }, people.manager);
        await store.run('addNote', { lead_id: north.id, body: 'manager note' }, people.manager);
        await store.run('changeLeadStatus', { lead_id: south.id, status_id: STATUS.contacted }, people.staff);
        await store.run('changeLeadStatus', { lead_id: south.id, status_id: STATUS.quoted }, people.admin);
        expect((await store.get('leads', north.id))!.status_id).toBe(STATUS.contacted);
        expect((await store.get('leads', south.id))!.status_id).toBe(STATUS.quoted);
        const [note] = await store.find('lead_notes', { lead_id: north.id });
        expect(note).toMatchObject({
          owner_id: people.agent.userId,
          team_id: people.agent.teamId,
          created_by: people.manager.userId,
        });
        await expectAppError(
          store.run('changeLeadStatus', { lead_id: south.id, status_id: STATUS.nurture }, people.manager),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('changeLeadStatus', { lead_id: north.id, status_id: STATUS.nurture }, people.staff),
          hiddenCode(store),
        );
      });
    });
  });
}
