/** addContact, updateContact, setPrimaryContact and upsertAddress. */
import { describe, expect, it } from 'vitest';
import {
  expectAppError,
  expectNoChange,
  FTS_TEXT,
  hiddenCode,
  id,
  makeBusinessLead,
  makeClient,
  makeLead,
  type StoreContext,
} from './helpers';

/** Registers its tests in the caller's describe, on the caller's store. */
export function contactsAndAddressesTests(ctx: StoreContext) {
  const { kind } = ctx;
  describe('contacts', () => {
    it('adds contacts and keeps one primary per lead', async () => {
      const { store, people } = ctx;
      const lead = await makeBusinessLead(store, people.agent);
      const a = await store.run(
        'addContact',
        {
          lead_id: lead.id,
          first_name: 'Ana',
          last_name: 'Bean',
          email: 'ana@bean.test',
          roles: ['owner', 'decision_maker'],
          is_primary_contact: true,
        },
        people.agent,
      );
      expect(await store.get('contacts', a.id)).toMatchObject({
        lead_id: lead.id,
        client_id: null,
        owner_id: people.agent.userId,
        roles: ['owner', 'decision_maker'],
        is_primary_contact: true,
        company: null,
      });
      const b = await store.run(
        'addContact',
        { lead_id: lead.id, first_name: 'Bo', last_name: 'Bean', job_title: FTS_TEXT, is_primary_contact: true },
        people.agent,
      );
      expect((await store.get('contacts', a.id))!.is_primary_contact).toBe(false);
      expect(await store.get('contacts', b.id)).toMatchObject({ is_primary_contact: true, job_title: FTS_TEXT });

      expect(await store.run('setPrimaryContact', { contact_id: a.id }, people.agent)).toEqual({
        contact_id: a.id,
        changed: true,
      });
      expect((await store.find('contacts', { lead_id: lead.id, is_primary_contact: true })).map((c) => c.id)).toEqual([
        a.id,
      ]);
      await expectNoChange(store, async () => {
        expect(await store.run('setPrimaryContact', { contact_id: a.id }, people.agent)).toEqual({
          contact_id: a.id,
          changed: false,
        });
      });

      const now = '2025-03-07T09:00:00.000Z';
      expect(
        await store.run(
          'updateContact',
          { id: b.id, patch: { phone: '217-555-0199', linkedin_url: 'https://linkedin.com/in/bo' } },
          people.agent,
          now,
        ),
      ).toEqual({ id: b.id, changed: ['phone', 'linkedin_url'] });
      expect(await store.get('contacts', b.id)).toMatchObject({
        phone: '217-555-0199',
        linkedin_url: 'https://linkedin.com/in/bo',
        updated_at: now,
        first_name: 'Bo',
      });

      const client = await makeClient(store, people.agent);
      const c = await store.run(
        'addContact',
        { client_id: client.id, first_name: 'Cy', last_name: 'Client' },
        people.agent,
      );
      expect(await store.get('contacts', c.id)).toMatchObject({ lead_id: null, client_id: client.id });
    });

    it('refuses missing names, bad values, unknown and foreign contacts', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const theirs = await store.run(
        'addContact',
        { lead_id: (await makeLead(store, people.otherAgent)).id, first_name: 'T', last_name: 'Heirs' },
        people.otherAgent,
      );
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('addContact', { lead_id: lead.id, last_name: 'Only' }, people.agent),
          'invalid_input',
          'first_name',
        );
        await expectAppError(
          store.run(
            'addContact',
            { lead_id: lead.id, first_name: 'A', last_name: 'B', roles: ['x'.repeat(41)] },
            people.agent,
          ),
          'invalid_input',
          'roles[0]',
        );
        await expectAppError(
          store.run('updateContact', { id: id(), patch: { first_name: 'X' } }, people.agent),
          'not_found',
          'id',
        );
        await expectAppError(
          store.run('updateContact', { id: theirs.id, patch: { first_name: 'X' } }, people.agent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('updateContact', { id: theirs.id, patch: {} }, people.otherAgent),
          'invalid_input',
          'patch',
        );
        await expectAppError(
          store.run('updateContact', { id: theirs.id, patch: { email: 'nope' } }, people.otherAgent),
          'invalid_input',
          'patch.email',
        );
        await expectAppError(
          store.run('setPrimaryContact', { contact_id: theirs.id }, people.agent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('setPrimaryContact', { contact_id: id() }, people.agent),
          'not_found',
          'contact_id',
        );
      });
    });
  });

  describe('upsertAddress', () => {
    it('creates an address linked to a lead, and edits it (no longer verified)', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const res = await store.run(
        'upsertAddress',
        { line1: '12 Elm St', city: 'Springfield', state: ' il ', postal_code: '62704', link: { lead_id: lead.id } },
        people.manager,
      );
      expect(res.created).toBe(true);
      expect(await store.get('addresses', res.id)).toMatchObject({
        line1: '12 Elm St',
        state: 'IL',
        country: 'US',
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        is_verified: false,
      });
      expect((await store.get('leads', lead.id))!.address_id).toBe(res.id);

      await store.sql(`UPDATE addresses SET is_verified = ?, verified_at = ? WHERE id = ?`, [
        store.kind === 'sqlite' ? 1 : true,
        '2025-03-01T00:00:00.000Z',
        res.id,
      ]);
      const edit = await store.run(
        'upsertAddress',
        {
          id: res.id,
          line1: '14 Elm St',
          city: 'Springfield',
          state: 'IL',
          postal_code: '62704-1234',
          latitude: 39.78,
        },
        people.agent,
      );
      expect(edit).toEqual({ id: res.id, created: false });
      expect(await store.get('addresses', res.id)).toMatchObject({
        line1: '14 Elm St',
        postal_code: '62704-1234',
        latitude: 39.78,
        is_verified: false,
        verified_at: null,
      });
    });

    it("links clients' physical and mailing addresses", async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const phys = await store.run(
        'upsertAddress',
        { line1: '1 A St', city: 'Peoria', state: 'IL', postal_code: '61602', link: { client_id: client.id } },
        people.agent,
      );
      const mail = await store.run(
        'upsertAddress',
        {
          line1: 'PO Box 9',
          city: 'Peoria',
          state: 'IL',
          postal_code: '61601',
          link: { client_id: client.id, as: 'mailing' },
        },
        people.agent,
      );
      expect(await store.get('clients', client.id)).toMatchObject({
        address_id: phys.id,
        mailing_address_id: mail.id,
      });
    });

    it('refuses bad states and ZIPs, mailing addresses on leads, and foreign addresses', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const theirs = await store.run(
        'upsertAddress',
        { line1: '9 Oak', city: 'Joliet', state: 'IL', postal_code: '60431' },
        people.otherAgent,
      );
      const base = { line1: '1 A St', city: 'Peoria', state: 'IL', postal_code: '61602' };
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('upsertAddress', { ...base, state: 'XX' }, people.agent),
          'invalid_input',
          'state',
        );
        await expectAppError(
          store.run('upsertAddress', { ...base, postal_code: '6160' }, people.agent),
          'invalid_input',
          'postal_code',
        );
        await expectAppError(
          store.run('upsertAddress', { ...base, latitude: 91 }, people.agent),
          'invalid_input',
          'latitude',
        );
        await expectAppError(
          store.run('upsertAddress', { ...base, link: { lead_id: lead.id, as: 'mailing' } }, people.agent),
          'invalid_input',
          'link.as',
        );
        await expectAppError(
          store.run('upsertAddress', { ...base, link: { lead_id: id() } }, people.agent),
          'not_found',
          'lead_id',
        );
        // someone else's address: refused, whether the store shows it to us or not
        // Postgres: RLS hides the row, so the mutation tries to insert it and the primary key
        // refuses (a raw unique violation, which the gateway's rejectionOf answers as conflict).
        const foreign = store.run('upsertAddress', { ...base, id: theirs.id }, people.agent);
        if (kind === 'sqlite') await expectAppError(foreign, 'forbidden');
        else await expect(foreign).rejects.toMatchObject({ code: '23505' });
      });
    });
  });
}
