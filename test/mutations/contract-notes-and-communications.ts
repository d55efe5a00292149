/** addNote and logCommunication: on a lead or a client, owned like it, refused where they should be. */
import { describe, expect, it } from 'vitest';
import {
  COMM,
  events,
  expectAppError,
  expectNoChange,
  FTS_TEXT,
  hiddenCode,
  id,
  makeClient,
  makeLead,
  STATUS,
  type StoreContext,
} from './helpers';

/** Registers its tests in the caller's describe, on the caller's store. */
export function notesAndCommunicationsTests(ctx: StoreContext) {
  describe('addNote', () => {
    it('adds a note to a lead or a client, owned like its subject, text verbatim', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const now = '2025-03-03T08:00:00.000Z';
      const note = await store.run(
        'addNote',
        { lead_id: lead.id, body: `  ${FTS_TEXT}  `, is_pinned: true, tags: ['call'] },
        people.manager,
        now,
      );
      expect(await store.get('lead_notes', note.id)).toEqual({
        ...note,
        lead_id: lead.id,
        client_id: null,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        body: FTS_TEXT,
        is_pinned: true,
        tags: ['call'],
        created_by: people.manager.userId,
        created_at: now,
        updated_at: now,
      });
      const client = await makeClient(store, people.agent);
      const onClient = await store.run('addNote', { client_id: client.id, body: 'renewal in May' }, people.agent);
      expect(await store.get('lead_notes', onClient.id)).toMatchObject({
        lead_id: null,
        client_id: client.id,
        owner_id: people.agent.userId,
      });
    });

    it('needs exactly one subject and a body', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const client = await makeClient(store, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(store.run('addNote', { body: 'x' }, people.agent), 'invalid_input', 'lead_id');
        await expectAppError(
          store.run('addNote', { lead_id: lead.id, client_id: client.id, body: 'x' }, people.agent),
          'invalid_input',
          'lead_id',
        );
        await expectAppError(
          store.run('addNote', { lead_id: lead.id, body: '   ' }, people.agent),
          'invalid_input',
          'body',
        );
        await expectAppError(
          store.run('addNote', { client_id: id(), body: 'x' }, people.agent),
          'not_found',
          'client_id',
        );
        await expectAppError(
          store.run('addNote', { client_id: client.id, body: 'x' }, people.otherAgent),
          hiddenCode(store),
        );
      });
    });
  });

  describe('logCommunication', () => {
    it('moves a new lead to contacted on the first outbound conversation', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const now = '2025-03-04T16:00:00.000Z';
      const eventId = id();
      const comm = await store.run(
        'logCommunication',
        {
          lead_id: lead.id,
          event_id: eventId,
          communication_type_id: COMM.call,
          subject: FTS_TEXT,
          body: 'Talked "coverage" - NEAR(ok)',
          duration_seconds: 300,
          follow_up_at: '2025-03-06T16:00:00Z',
        },
        people.agent,
        now,
      );
      expect(await store.get('lead_communications', comm.id)).toMatchObject({
        subject: FTS_TEXT,
        body: 'Talked "coverage" - NEAR(ok)',
        occurred_at: now,
        direction: 'outbound',
        owner_id: people.agent.userId,
        duration_seconds: 300,
      });
      expect(await store.get('leads', lead.id)).toMatchObject({
        status_id: STATUS.contacted,
        status_changed_at: now,
        first_contacted_at: now,
        last_contacted_at: now,
        next_follow_up_at: '2025-03-06T16:00:00.000Z',
      });
      expect((await events(store, lead.id)).find((e) => e.id === eventId)).toMatchObject({
        kind: 'status_changed',
        payload: { from: STATUS.new, to: STATUS.contacted },
      });

      // later conversations keep the first contact time and write no further status event
      const before = (await events(store, lead.id)).length;
      await store.run(
        'logCommunication',
        { lead_id: lead.id, communication_type_id: COMM.email, occurred_at: '2025-03-05T10:00:00Z' },
        people.agent,
      );
      expect(await store.get('leads', lead.id)).toMatchObject({
        first_contacted_at: now,
        last_contacted_at: '2025-03-05T10:00:00.000Z',
        status_id: STATUS.contacted,
      });
      expect(await events(store, lead.id)).toHaveLength(before);
    });

    it('records a follow-up set with the activity on the timeline, by its actor; refuses one in the past', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const now = '2025-03-04T16:00:30.000Z';
      const followUpEvent = id();
      const comm = await store.run(
        'logCommunication',
        {
          lead_id: lead.id,
          communication_type_id: COMM.call,
          follow_up_at: '2025-03-04T16:00:00Z',
          follow_up_event_id: followUpEvent,
        },
        people.manager,
        now,
      );
      expect((await events(store, lead.id)).find((e) => e.id === followUpEvent)).toMatchObject({
        kind: 'follow_up_scheduled',
        actor_id: people.manager.userId,
        occurred_at: now,
        payload: { at: '2025-03-04T16:00:00.000Z', communication_id: comm.id },
      });
      // A date before the mutation's own minute is refused, naming the field; the current one stays.
      await expectNoChange(store, () =>
        expectAppError(
          store.run(
            'logCommunication',
            { lead_id: lead.id, communication_type_id: COMM.call, follow_up_at: '2025-03-04T15:59:59Z' },
            people.agent,
            now,
          ),
          'invalid_input',
          'follow_up_at',
        ),
      );
      expect((await store.get('leads', lead.id))!.next_follow_up_at).toBe('2025-03-04T16:00:00.000Z');
    });

    it('leaves the status of a lead alone for inbound contact, and stamps clients', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      await store.run(
        'logCommunication',
        { lead_id: lead.id, communication_type_id: COMM.call, direction: 'inbound' },
        people.agent,
      );
      expect((await store.get('leads', lead.id))!.status_id).toBe(STATUS.new);
      const client = await makeClient(store, people.agent);
      const now = '2025-03-06T11:00:00.000Z';
      await store.run(
        'logCommunication',
        { client_id: client.id, communication_type_id: COMM.email },
        people.agent,
        now,
      );
      expect(await store.get('clients', client.id)).toMatchObject({ last_contact_at: now, updated_at: now });
    });

    it('refuses unknown types, contacts and campaigns', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('logCommunication', { lead_id: lead.id, communication_type_id: id() }, people.agent),
          'not_found',
          'communication_type_id',
        );
        await expectAppError(
          store.run(
            'logCommunication',
            { lead_id: lead.id, communication_type_id: COMM.call, contact_id: id() },
            people.agent,
          ),
          'not_found',
          'contact_id',
        );
        await expectAppError(
          store.run(
            'logCommunication',
            { lead_id: lead.id, communication_type_id: COMM.call, campaign_id: id() },
            people.agent,
          ),
          'not_found',
          'campaign_id',
        );
        await expectAppError(
          store.run(
            'logCommunication',
            { lead_id: lead.id, communication_type_id: COMM.call, direction: 'sideways' },
            people.agent,
          ),
          'invalid_input',
          'direction',
        );
      });
    });
  });
}
