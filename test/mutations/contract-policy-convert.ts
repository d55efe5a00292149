/** convertLead's first policy term: what it writes, in one transaction, and what it refuses. */
import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import { failOnWrite, type StoreKind } from '../support/stores';
import { autoV2, expectAppError, expectNoChange, id, INS, makeLead, useStore } from './helpers';
import { PROGRESSIVE } from './policy-fixtures';

export function firstTermSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('convertLead writes the first policy term', () => {
    const ctx = useStore(kind, covered);
    const convertArgs = (leadId: string) => ({
      lead_id: leadId,
      client_id: id(),
      event_id: id(),
      new_opportunity_id: id(),
      policy_id: id(),
      carrier_id: PROGRESSIVE,
      policy_number: 'PA-2025-001',
      effective_date: '2025-04-01',
      commission_rate: 12,
    });

    it('with carrier, number and effective date, from the won opportunity and the lead’s coverage', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent, {
        quoted_premium: 1640,
        coverage: [{ column: 'auto_data', version: 2, doc: autoV2 }],
      });
      const args = convertArgs(lead.id);
      const res = await store.run('convertLead', args, people.agent);
      expect(res).toMatchObject({ client_id: args.client_id, policy_id: args.policy_id });
      const terms = await store.find('policies', { client_id: args.client_id });
      expect(terms).toHaveLength(1);
      expect(terms[0]).toMatchObject({
        id: args.policy_id,
        carrier_id: PROGRESSIVE,
        insurance_type_id: INS.auto,
        opportunity_id: args.new_opportunity_id,
        policy_number: 'PA-2025-001',
        effective_date: '2025-04-01',
        expiration_date: '2026-04-01',
        term_months: 12,
        written_premium: 1640,
        commission_amount: 196.8,
        status: 'active',
        owner_id: people.agent.userId,
        auto_data: (await store.get('leads', lead.id))!.auto_data,
        auto_data_schema_version: 2,
      });
    });

    it('is one transaction: a failure at any write leaves nothing, and a success writes exactly one term', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent, { quoted_premium: 900 });
      await store.run('createOpportunity', { lead_id: lead.id, name: 'Auto', amount: 950 }, people.agent);
      const args = convertArgs(lead.id);
      const before = await store.dumpAll();
      let writes = 0;
      for (let n = 1; n < 50; n++) {
        const fault = failOnWrite(n);
        try {
          await store.run('convertLead', args, people.agent, '2025-03-20T10:00:00.000Z', { wrapTx: fault.wrap });
        } catch (err) {
          expect((err as Error).message).toBe(`injected failure on write ${n}`);
          expect(await store.dumpAll(), `after a failure on write ${n}`).toEqual(before);
          continue;
        }
        writes = n - 1;
        break;
      }
      // client, opportunity, policy, lead, event
      expect(writes).toBe(5);
      const terms = await store.find('policies', { client_id: args.client_id });
      expect(terms.map((t) => [t.written_premium, t.opportunity_id])).toEqual([[950, expect.any(String)]]);
    });

    it('refuses an unknown carrier, a missing number or bad dates, converting nothing', async () => {
      const { store, people } = ctx;
      const lead = await makeLead(store, people.agent, { quoted_premium: 900 });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('convertLead', { ...convertArgs(lead.id), carrier_id: id() }, people.agent),
          'not_found',
          'carrier_id',
        );
        await expectAppError(
          store.run('convertLead', { ...convertArgs(lead.id), policy_number: undefined }, people.agent),
          'invalid_input',
          'policy_number',
        );
        await expectAppError(
          store.run('convertLead', { ...convertArgs(lead.id), expiration_date: '2025-01-01' }, people.agent),
          'invalid_input',
          'expiration_date',
        );
      });
      const bare = await makeLead(store, people.agent);
      await expectNoChange(store, () =>
        expectAppError(store.run('convertLead', convertArgs(bare.id), people.agent), 'invalid_input', 'premium'),
      );
    });
  });
}
