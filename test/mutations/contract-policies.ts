/** The book of business: policy terms, renewals, cancellations, households, carriers, X-dates. */
import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import type { Row } from '../../shared/model/catalogue';
import type { Actor } from '../../shared/mutations/define';
import type { MutationName } from '../../shared/mutations/registry';
import { failOnWrite, type Store, type StoreKind } from '../support/stores';
import {
  autoV2,
  expectAppError,
  expectNoChange,
  hiddenCode,
  homeV1,
  id,
  INS,
  makeClient,
  makeLead,
  STATUS,
  useStore,
} from './helpers';

const [PROGRESSIVE, TRAVELERS] = CARRIER_SEEDS.map((c) => c.id) as [string, string];
/** Terms relative to the real today, so "in force" (which reads the clock) holds. */
const TODAY = new Date().toISOString().slice(0, 10);

async function makePolicy(store: Store, actor: Actor, clientId: string, values: Record<string, unknown> = {}) {
  const effective = (values.effective_date as string | undefined) ?? addDaysToDate(TODAY, -200);
  return store.run(
    'addPolicy',
    {
      client_id: clientId,
      carrier_id: PROGRESSIVE,
      insurance_type_id: INS.auto,
      policy_number: `PA-${id().slice(-6)}`,
      effective_date: effective,
      expiration_date: addMonths(effective, 12),
      written_premium: 1000,
      ...values,
    },
    actor,
  ) as Promise<Row<'policies'>>;
}

export function policiesSuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('policies', () => {
    const ctx = useStore(kind, covered);

    it('adds a term owned like its client, with its length, commission and coverage, and counts it in force', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const effective = addDaysToDate(TODAY, -30);
      const p = await makePolicy(store, people.manager, client.id, {
        effective_date: effective,
        expiration_date: addMonths(effective, 6),
        written_premium: 812.345,
        commission_rate: 12.5,
        billing: 'agency',
        coverage: { column: 'auto_data', version: 2, doc: autoV2 },
      });
      expect(await store.get('policies', p.id)).toMatchObject({
        owner_id: people.agent.userId,
        team_id: people.agent.teamId,
        status: 'active',
        term_months: 6,
        written_premium: 812.35,
        commission_amount: 101.54,
        billing: 'agency',
        auto_data_schema_version: 2,
        renews_policy_id: null,
        premium_change_pct: null,
      });
      await makePolicy(store, people.agent, client.id, { insurance_type_id: INS.home, written_premium: 1500 });
      const [row] = await store.sql<Record<string, unknown>>(
        'SELECT * FROM client_policies_in_force WHERE client_id = ?',
        [client.id],
      );
      expect(row).toMatchObject({ client_name: 'Chris Client', owner_id: people.agent.userId });
      expect(Number(row!.policies_in_force)).toBe(2);
      expect(Number(row!.premium_in_force)).toBeCloseTo(2312.35, 2);
      expect(Number(row!.lines_in_force)).toBe(2);
      expect(row!.next_expiration_date).toBe(addMonths(effective, 6));
    });

    it('renews a chain of five terms that reads back in order, keeping each premium change', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const first = await makePolicy(store, people.agent, client.id, {
        effective_date: addDaysToDate(TODAY, -365 * 4 - 100),
        written_premium: 1000,
        commission_rate: 10,
      });
      const premiums = [1050, 1260, 1197, 1300.5];
      let last = first;
      for (const premium of premiums) {
        const next = (await store.run(
          'renewPolicy',
          { policy_id: last.id, written_premium: premium },
          people.agent,
        )) as Row<'policies'>;
        expect(next).toMatchObject({
          renews_policy_id: last.id,
          effective_date: last.expiration_date,
          status: 'active',
        });
        expect(await store.get('policies', last.id)).toMatchObject({ status: 'renewed' });
        last = next;
      }
      // newest to oldest along renews_policy_id
      const chain: Row<'policies'>[] = [];
      for (let at: string | null = last.id; at;) {
        const term: Row<'policies'> = (await store.get('policies', at))!;
        chain.push(term);
        at = term.renews_policy_id;
      }
      expect(chain.map((t) => t.written_premium).reverse()).toEqual([1000, ...premiums]);
      expect(chain.map((t) => t.premium_change_pct).reverse()).toEqual([null, 5, 20, -5, 8.65]);
      expect(chain.map((t) => t.status).reverse()).toEqual(['renewed', 'renewed', 'renewed', 'renewed', 'active']);
      expect(chain.every((t) => t.policy_number === first.policy_number && t.commission_rate === 10)).toBe(true);
      for (let i = 1; i < chain.length; i++) expect(chain[i - 1]!.effective_date).toBe(chain[i]!.expiration_date);
      expect(last.commission_amount).toBe(130.05);
      // a term is renewed once only
      await expectNoChange(store, () =>
        expectAppError(
          store.run('renewPolicy', { policy_id: chain[1]!.id, written_premium: 1 }, people.agent),
          'precondition_failed',
          'policy_id',
        ),
      );
    });

    it('cancels, marks non-renewed and reinstates, keeping dates and reasons consistent', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const p = await makePolicy(store, people.agent, client.id);
      const date = addDaysToDate(TODAY, -10);
      await store.run(
        'cancelPolicy',
        { policy_id: p.id, cancellation_date: date, reason: 'non-payment' },
        people.agent,
      );
      expect(await store.get('policies', p.id)).toMatchObject({
        status: 'cancelled',
        cancellation_date: date,
        cancellation_reason: 'non-payment',
      });
      await expectNoChange(store, () =>
        expectAppError(
          store.run('renewPolicy', { policy_id: p.id, written_premium: 900 }, people.agent),
          'precondition_failed',
          'policy_id',
        ),
      );
      await store.run('reinstatePolicy', { policy_id: p.id }, people.agent);
      expect(await store.get('policies', p.id)).toMatchObject({
        status: 'active',
        cancellation_date: null,
        cancellation_reason: null,
      });
      await store.run('markNonRenewed', { policy_id: p.id, reason: 'carrier left the state' }, people.agent);
      expect(await store.get('policies', p.id)).toMatchObject({
        status: 'non_renewed',
        non_renewal_reason: 'carrier left the state',
      });
      await expectAppError(
        store.run('cancelPolicy', { policy_id: p.id, cancellation_date: date, reason: 'x' }, people.agent),
        'precondition_failed',
        'policy_id',
      );
    });

    it('edits a term field by field, reporting fields changed meanwhile as stale', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const p = await makePolicy(store, people.agent, client.id, { commission_rate: 10 });
      const res = await store.run(
        'updatePolicy',
        { id: p.id, patch: { written_premium: 1100, carrier_id: TRAVELERS }, base: { written_premium: 999 } },
        people.agent,
      );
      expect(res).toEqual({ id: p.id, changed: ['carrier_id', 'written_premium'], stale: ['written_premium'] });
      expect(await store.get('policies', p.id)).toMatchObject({
        written_premium: 1100,
        carrier_id: TRAVELERS,
        commission_amount: 110,
      });
      // The term's field history: who changed which field from what to what, on the policy.
      const history = await store.find('record_changes', { policy_id: p.id });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ mutation: 'updatePolicy', actor_id: people.agent.userId, lead_id: null });
      expect(history[0]!.changes).toEqual(
        expect.arrayContaining([
          { field: 'written_premium', from: 1000, to: 1100 },
          { field: 'carrier_id', from: PROGRESSIVE, to: TRAVELERS },
        ]),
      );
      await expectNoChange(store, () =>
        expectAppError(
          store.run(
            'updatePolicy',
            { id: p.id, patch: { coverage: { column: 'home_data', version: 1, doc: homeV1 } } },
            people.agent,
          ),
          'invalid_input',
          'coverage.column',
        ),
      );
    });

    it('makes a renewal opportunity from a term, once', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const p = await makePolicy(store, people.agent, client.id, { written_premium: 1400 });
      const opp = (await store.run(
        'createRenewalOpportunity',
        { policy_id: p.id },
        people.agent,
      )) as Row<'opportunities'>;
      expect(await store.get('opportunities', opp.id)).toMatchObject({
        client_id: client.id,
        stage: 'quoting',
        amount: 1400,
        expected_close_date: p.expiration_date,
        carrier: 'Progressive',
        policy_number: p.policy_number,
        metadata: { renews_policy_id: p.id },
      });
      await expectNoChange(store, () =>
        expectAppError(
          store.run('createRenewalOpportunity', { policy_id: p.id }, people.agent),
          'conflict',
          'policy_id',
        ),
      );
    });

    it('groups clients in a household under one owner', async () => {
      const { store, people } = ctx;
      const a = await makeClient(store, people.agent, { first_name: 'Ana' });
      const b = await makeClient(store, people.agent, { first_name: 'Ben' });
      const other = await makeClient(store, people.manager, { first_name: 'Mia' });
      const made = await store.run(
        'setHousehold',
        { client_id: a.id, new_household: { name: 'Client family' } },
        people.agent,
      );
      const household = made.household_id!;
      expect(await store.get('households', household)).toMatchObject({
        name: 'Client family',
        household_type: 'family',
        owner_id: people.agent.userId,
      });
      await store.run('setHousehold', { client_id: b.id, household_id: household }, people.agent);
      expect((await store.find('clients', { household_id: household })).map((c) => c.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      await expectNoChange(store, () =>
        expectAppError(
          store.run('setHousehold', { client_id: other.id, household_id: household }, people.manager),
          'precondition_failed',
          'household_id',
        ),
      );
      await store.run('setHousehold', { client_id: b.id, household_id: null }, people.agent);
      expect(await store.get('clients', b.id)).toMatchObject({ household_id: null });
    });

    it('lets staff add a carrier, not an agent, and refuses a second of the same name', async () => {
      const { store, people } = ctx;
      const c = (await store.run(
        'addCarrier',
        { name: 'Prairie Mutual', naic_code: '54321', lines: ['auto'] },
        people.staff,
      )) as Row<'carriers'>;
      expect(await store.get('carriers', c.id)).toMatchObject({
        name: 'Prairie Mutual',
        lines: ['auto'],
        is_active: true,
      });
      await expectNoChange(store, async () => {
        await expectAppError(store.run('addCarrier', { name: 'Other' }, people.agent), 'forbidden', 'name');
        await expectAppError(store.run('addCarrier', { name: 'prairie mutual' }, people.manager), 'conflict', 'name');
      });
    });

    it('refuses bad terms with an error naming the field, changing nothing', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const live = await makePolicy(store, people.agent, client.id);
      const good = {
        client_id: client.id,
        carrier_id: PROGRESSIVE,
        insurance_type_id: INS.auto,
        policy_number: 'PA-9',
        effective_date: '2025-06-01',
        expiration_date: '2026-06-01',
        written_premium: 500,
      };
      await expectNoChange(store, async () => {
        const cases: Array<[Record<string, unknown>, string, 'invalid_input' | 'not_found']> = [
          [{ expiration_date: '2025-05-01' }, 'expiration_date', 'invalid_input'],
          [{ expiration_date: '2025-06-01' }, 'expiration_date', 'invalid_input'],
          [{ written_premium: -1 }, 'written_premium', 'invalid_input'],
          [{ carrier_id: id() }, 'carrier_id', 'not_found'],
          [{ policy_number: 'P'.repeat(200) }, 'policy_number', 'invalid_input'],
          [{ policy_number: '  ' }, 'policy_number', 'invalid_input'],
        ];
        for (const [bad, field, code] of cases) {
          const err = await expectAppError(store.run('addPolicy', { ...good, ...bad }, people.agent), code, field);
          expect(err.message).toContain(field === 'carrier_id' ? 'carrier' : field);
        }
        await expectAppError(
          store.run('updatePolicy', { id: live.id, patch: { expiration_date: live.effective_date } }, people.agent),
          'invalid_input',
          'expiration_date',
        );
        await expectAppError(
          store.run('renewPolicy', { policy_id: live.id, written_premium: -5 }, people.agent),
          'invalid_input',
          'written_premium',
        );
        await expectAppError(
          store.run('cancelPolicy', { policy_id: live.id, cancellation_date: '1999-01-01', reason: 'x' }, people.agent),
          'invalid_input',
          'cancellation_date',
        );
      });
    });

    it("keeps another team's policies out of an agent's reach", async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const p = await makePolicy(store, people.agent, client.id);
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run('renewPolicy', { policy_id: p.id, written_premium: 1 }, people.otherAgent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('cancelPolicy', { policy_id: p.id, cancellation_date: TODAY, reason: 'x' }, people.otherAgent),
          hiddenCode(store),
        );
        await expectAppError(
          store.run('updatePolicy', { id: p.id, patch: { written_premium: 1 } }, people.staff),
          hiddenCode(store),
        );
        // a policy can only be added to a client the actor may change
        await expectAppError(
          store.run(
            'addPolicy',
            {
              client_id: client.id,
              carrier_id: PROGRESSIVE,
              insurance_type_id: INS.auto,
              policy_number: 'X',
              effective_date: '2025-01-01',
              expiration_date: '2026-01-01',
              written_premium: 1,
            },
            people.otherAgent,
          ),
          hiddenCode(store),
        );
      });
      // the manager of the agent's team may renew it
      await store.run('renewPolicy', { policy_id: p.id, written_premium: 1100 }, people.manager);
    });

    it('records a retention risk with its reasons on a term, only for those who may change it', async () => {
      const { store, people } = ctx;
      const client = await makeClient(store, people.agent);
      const p = await makePolicy(store, people.agent, client.id);
      const reasons = ['premium rose 14% at the last renewal', 'no contact in six months'];
      await store.run(
        'applyAiAnnotations',
        { table: 'policies', id: p.id, fields: { ai_retention_risk: 72, ai_retention_reasons: reasons } },
        people.agent,
      );
      expect(await store.get('policies', p.id)).toMatchObject({ ai_retention_risk: 72, ai_retention_reasons: reasons });
      await expectNoChange(store, async () => {
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'policies', id: p.id, fields: { ai_retention_risk: 101 } },
            people.agent,
          ),
          'invalid_input',
          'fields.ai_retention_risk',
        );
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'policies', id: p.id, fields: { written_premium: 1 } },
            people.agent,
          ),
          'invalid_input',
        );
        await expectAppError(
          store.run(
            'applyAiAnnotations',
            { table: 'policies', id: p.id, fields: { ai_retention_risk: 5 } },
            people.otherAgent,
          ),
          hiddenCode(store),
        );
      });
    });

    it('schedules an X-date follow-up when a lead with a known expiration is lost', async () => {
      const { store, people } = ctx;
      const now = '2025-03-10T12:00:00.000Z';
      const lead = await makeLead(store, people.agent, {
        current_carrier: 'Acme',
        current_premium: 1800,
        policy_expiration_date: '2025-06-30',
      });
      await store.run(
        'changeLeadStatus',
        { lead_id: lead.id, status_id: STATUS.lost, reason: 'price' },
        people.agent,
        now,
      );
      expect(await store.get('leads', lead.id)).toMatchObject({
        lost_at: now,
        next_follow_up_at: '2025-05-16T15:00:00.000Z',
        follow_up_note: 'X-date 2025-06-30: re-quote before their policy renews',
      });
      // an expiration already past rolls to next year's X-date; the window is a setting
      const old = await makeLead(store, people.agent, { policy_expiration_date: '2024-12-01' });
      await store.run(
        'changeLeadStatus',
        { lead_id: old.id, status_id: STATUS.lost, xdate_window_days: 30 },
        people.agent,
        now,
      );
      expect(await store.get('leads', old.id)).toMatchObject({
        next_follow_up_at: '2025-11-01T15:00:00.000Z',
        policy_expiration_date: '2025-12-01',
      });
      // no expiration, no X-date
      const none = await makeLead(store, people.agent);
      await store.run('changeLeadStatus', { lead_id: none.id, status_id: STATUS.lost }, people.agent, now);
      expect((await store.get('leads', none.id))!.next_follow_up_at).toBeNull();
    });
  });

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
