/**
 * The rest of the book: renewal opportunities, households, carriers, bad terms, another team's
 * policies, retention risks, X-dates.
 */
import { expect, it } from 'vitest';
import type { Row } from '../../shared/model/catalogue';
import {
  expectAppError,
  expectNoChange,
  hiddenCode,
  id,
  INS,
  makeClient,
  makeLead,
  STATUS,
  type StoreContext,
} from './helpers';
import { makePolicy, PROGRESSIVE, TODAY } from './policy-fixtures';

/** Registers its tests in the caller's describe, on the caller's store. */
export function policyBookTests(ctx: StoreContext) {
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
      expectAppError(store.run('createRenewalOpportunity', { policy_id: p.id }, people.agent), 'conflict', 'policy_id'),
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
        store.run('applyAiAnnotations', { table: 'policies', id: p.id, fields: { written_premium: 1 } }, people.agent),
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
}
