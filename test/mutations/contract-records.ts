/** Editing records: clients entered directly and edited by type, ticket comment threads. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { expectAppError, expectNoChange, FTS_TEXT, hiddenCode, id, makeClient, makeLead, useStore } from './helpers';

export function recordsSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('editing records', () => {
    const ctx = useStore(kind, covered);

    it('creates a client for an existing customer, individual or business, owned by its creator', async () => {
      const { store, people } = ctx;
      const at = '2025-05-01T08:00:00.000Z';
      const person = await store.run(
        'createClient',
        { client_type: 'individual', first_name: 'Ida', last_name: 'Walker', date_of_birth: '1970-02-03' },
        people.agent,
        at,
      );
      expect(await store.get('clients', person.id)).toMatchObject({
        client_type: 'individual',
        first_name: 'Ida',
        last_name: 'Walker',
        date_of_birth: '1970-02-03',
        status: 'active',
        client_since: at,
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        deleted_at: null,
      });
      const firm = await store.run(
        'createClient',
        { client_type: 'business', business_name: 'Acme Roofing', fein: '123456789' },
        people.agent,
      );
      expect(await store.get('clients', firm.id)).toMatchObject({ business_name: 'Acme Roofing', fein: '12-3456789' });
    });

    it('refuses a client without its identity or with the other type’s identifiers', async () => {
      const { store, people } = ctx;
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('createClient', { client_type: 'individual', first_name: 'No' }, people.agent),
          'invalid_input',
          'last_name',
        );
        await expectAppError(
          store.run('createClient', { client_type: 'business', first_name: 'A', last_name: 'B' }, people.agent),
          'invalid_input',
          'first_name',
        );
        await expectAppError(
          store.run('createClient', { client_type: 'business', business_name: 'X', fein: '12-34' }, people.agent),
          'invalid_input',
          'fein',
        );
      });
    });

    it('edits a client’s details by type; clearing a name or setting a FEIN on a person is refused', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const at = '2025-05-02T08:00:00.000Z';
      expect(
        await store.run(
          'updateClient',
          { id: client.id, patch: { first_name: 'Christine', occupation: FTS_TEXT, email: 'c@example.com' } },
          people.agent,
          at,
        ),
      ).toEqual({ id: client.id, changed: ['email', 'first_name', 'occupation'] });
      expect(await store.get('clients', client.id)).toMatchObject({
        first_name: 'Christine',
        occupation: FTS_TEXT,
        email: 'c@example.com',
        updated_at: at,
      });
      const firm = await makeClient(store, people.agent, {
        client_type: 'business',
        first_name: null,
        last_name: null,
        business_name: 'Old Name LLC',
      });
      await store.run('updateClient', { id: firm.id, patch: { fein: '98-7654321', employee_count: 4 } }, people.agent);
      expect(await store.get('clients', firm.id)).toMatchObject({ fein: '98-7654321', employee_count: 4 });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('updateClient', { id: client.id, patch: { last_name: null } }, people.agent),
          'invalid_input',
          'patch.last_name',
        );
        await expectAppError(
          store.run('updateClient', { id: client.id, patch: { fein: '12-3456789' } }, people.agent),
          'invalid_input',
          'patch.fein',
        );
        await expectAppError(
          store.run('updateClient', { id: firm.id, patch: { date_of_birth: '1990-01-01' } }, people.agent),
          'invalid_input',
          'patch.date_of_birth',
        );
        await expectAppError(
          store.run('updateClient', { id: id(), patch: { email: null } }, people.agent),
          'not_found',
          'id',
        );
        await expectAppError(
          store.run('updateClient', { id: client.id, patch: { email: null } }, people.otherAgent),
          hiddenCode(store),
        );
      });
    });

    it('keeps a ticket’s comments as notes on its record, linked by the ticket id', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const t = await store.run('createTicket', { lead_id: lead.id, subject: 'COI' }, people.agent);
      const at = '2025-05-03T08:00:00.000Z';
      const c = await store.run('addTicketComment', { ticket_id: t.id, body: FTS_TEXT }, people.agent, at);
      expect(await store.get('lead_notes', c.id)).toMatchObject({
        lead_id: lead.id,
        client_id: null,
        body: FTS_TEXT,
        tags: ['ticket'],
        metadata: { ticket_id: t.id },
        owner_id: people.agent.userId,
        created_by: people.agent.userId,
      });
      expect((await store.get('support_tickets', t.id))!.updated_at).toBe(at);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('addTicketComment', { ticket_id: t.id, body: '  ' }, people.agent),
          'invalid_input',
          'body',
        );
        await expectAppError(
          store.run('addTicketComment', { ticket_id: id(), body: 'x' }, people.agent),
          'not_found',
          'ticket_id',
        );
        await expectAppError(
          store.run('addTicketComment', { ticket_id: t.id, body: 'x' }, people.otherAgent),
          hiddenCode(store),
        );
      });
    });
  });
}
