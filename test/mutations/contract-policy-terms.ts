/** Policy terms: adding, renewing, cancelling, non-renewing and reinstating, and editing a term. */
import { expect, it } from 'vitest';
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import type { Row } from '../../shared/model/catalogue';
import { autoV2, expectAppError, expectNoChange, homeV1, INS, makeClient, type StoreContext } from './helpers';
import { makePolicy, PROGRESSIVE, TODAY, TRAVELERS } from './policy-fixtures';

/** Registers its tests in the caller's describe, on the caller's store. */
export function policyTermTests(ctx: StoreContext) {
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
    await store.run('cancelPolicy', { policy_id: p.id, cancellation_date: date, reason: 'non-payment' }, people.agent);
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
}
