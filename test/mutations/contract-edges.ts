/**
 * Values the schemas must settle the same way on both stores: either both refuse them
 * (invalid_input, before any write) or both store exactly the same thing.
 */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import {
  COMM,
  commercialV1,
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  makeBusinessLead,
  makeClient,
  makeLead,
  useStore,
} from './helpers';

export function edgesSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('values both stores must agree on', () => {
    const ctx = useStore(kind, covered);

    it('refuses text Postgres cannot store (NUL, unpaired surrogates), in values and keys', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(makeLead(store, people.agent, { first_name: 'a\u0000b' }), 'invalid_input', 'first_name');
        await expectAppError(makeLead(store, people.agent, { tags: ['ok', '\ud800x'] }), 'invalid_input', 'tags[1]');
        await expectAppError(makeLead(store, people.agent, { last_name: 'x\udc00' }), 'invalid_input', 'last_name');
        await expectAppError(
          store.run('editCustomFields', { lead_id: lead.id, set: { 'k\u0000': 1 } }, people.agent),
          'invalid_input',
          'set',
        );
        await expectAppError(
          store.run('addNote', { lead_id: lead.id, body: 'nul \u0000 here' }, people.agent),
          'invalid_input',
          'body',
        );
      });
      // a proper surrogate pair (an emoji) is fine
      const ok = await makeLead(store, people.agent, { first_name: 'Zoë 🚗' });
      expect((await store.get('leads', ok.id))!.first_name).toBe('Zoë 🚗');
    });

    it('refuses "__proto__" keys rather than dropping them', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent);
      const proto = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('editCustomFields', { lead_id: lead.id, set: proto }, people.agent),
          'invalid_input',
          'set.__proto__',
        );
        await expectAppError(makeLead(store, people.agent, { metadata: proto }), 'invalid_input', 'metadata.__proto__');
        await expectAppError(
          store.run(
            'updateLead',
            JSON.parse(`{"id": "${lead.id}", "__proto__": {"patch": {"priority": 1}}}`),
            people.agent,
          ),
          'invalid_input',
          '__proto__',
        );
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('keeps money within numeric(12,2) and to the cent', async () => {
      const { store, people } = ctx;
      await expectAppError(makeLead(store, people.agent, { quoted_premium: 1e10 }), 'invalid_input', 'quoted_premium');
      const lead = await makeLead(store, people.agent, {
        quoted_premium: 9_999_999_999.99,
        current_premium: 0.005,
        umbrella_premium: 1234.5678,
      });
      expect(await store.get('leads', lead.id)).toMatchObject({
        quoted_premium: 9_999_999_999.99,
        current_premium: 0.01,
        umbrella_premium: 1234.57,
      });
    });

    it('keeps dates and times within years 0001-9999', async () => {
      const { store, people } = ctx;
      await expectNoChange(store, async () => {
        await expectAppError(
          makeLead(store, people.agent, { date_of_birth: '0000-01-01' }),
          'invalid_input',
          'date_of_birth',
        );
        await expectAppError(
          makeLead(store, people.agent, { next_follow_up_at: '9999-12-31T23:59:59-05:00' }),
          'invalid_input',
          'next_follow_up_at',
        );
        await expectAppError(
          makeLead(store, people.agent, { next_follow_up_at: '0001-01-01T00:00:00+01:00' }),
          'invalid_input',
          'next_follow_up_at',
        );
      });
      const lead = await makeLead(store, people.agent, {
        date_of_birth: '0001-01-01',
        next_follow_up_at: '9999-12-31T23:59:59+00:00',
      });
      expect(await store.get('leads', lead.id)).toMatchObject({
        date_of_birth: '0001-01-01',
        next_follow_up_at: '9999-12-31T23:59:59.000Z',
      });
    });

    it('bounds free-form metadata', async () => {
      const { store, people } = ctx;
      await expectAppError(
        makeLead(store, people.agent, { metadata: { blob: 'x'.repeat(20_000) } }),
        'invalid_input',
        'metadata',
      );
      const lead = await makeLead(store, people.agent, { metadata: { referral: { by: 'Pat', reward: 25 } } });
      expect((await store.get('leads', lead.id))!.metadata).toEqual({ referral: { by: 'Pat', reward: 25 } });
    });

    it('converts a business whose document holds numbers too large for client columns', async () => {
      const { store, people } = ctx;
      const doc = { ...structuredClone(commercialV1), annualRevenue: 5e11, employees: { fullTime: 3e9, partTime: 0 } };
      const lead = await makeBusinessLead(store, people.agent, {
        coverage: [{ column: 'commercial_data', version: 1, doc }],
      });
      const { client_id } = await store.run('convertLead', { lead_id: lead.id }, people.agent);
      expect(await store.get('clients', client_id)).toMatchObject({
        annual_revenue: null,
        employee_count: null,
        industry: 'Coffee shop',
      });
      const cents = { ...structuredClone(commercialV1), annualRevenue: 640000.555 };
      const lead2 = await makeBusinessLead(store, people.agent, {
        coverage: [{ column: 'commercial_data', version: 1, doc: cents }],
      });
      const res = await store.run('convertLead', { lead_id: lead2.id }, people.agent);
      expect((await store.get('clients', res.client_id))!.annual_revenue).toBe(640000.56);
    });

    it("refuses linking another owner's contact, and unknown contacts on ticket updates", async () => {
      const { store, people } = ctx;
      const mine = await makeLead(store, people.agent);
      const client = await makeClient(store, people.agent);
      const theirs = await store.run(
        'addContact',
        { lead_id: (await makeLead(store, people.otherAgent)).id, first_name: 'T', last_name: 'Heirs' },
        people.otherAgent,
      );
      const ticket = await store.run('createTicket', { client_id: client.id, subject: 'Billing' }, people.agent);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run(
            'logCommunication',
            { lead_id: mine.id, communication_type_id: COMM.call, contact_id: theirs.id },
            people.agent,
          ),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('createTicket', { lead_id: mine.id, subject: 'x', contact_id: theirs.id }, people.agent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('updateTicket', { id: ticket.id, patch: { contact_id: theirs.id } }, people.agent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('updateTicket', { id: ticket.id, patch: { contact_id: id() } }, people.agent),
          'not_found',
          'patch.contact_id',
        );
      });
      const own = await store.run(
        'addContact',
        { client_id: client.id, first_name: 'O', last_name: 'Wn' },
        people.agent,
      );
      await store.run('updateTicket', { id: ticket.id, patch: { contact_id: own.id } }, people.agent);
      expect((await store.get('support_tickets', ticket.id))!.contact_id).toBe(own.id);
    });
  });
}
