/** The book of business read from a real replica file: work lists, a client's book, chains and search. */
import { describe, expect, it } from 'vitest';
import { rebuildDerived, suspendDerived } from '../../db/sqlite/derived';
import { addDaysToDate } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { autoV2 } from '../unit/coverage/fixtures';
import { call, createLead, INS, mutate, STATUS, useApp } from './support';

const [PROGRESSIVE, TRAVELERS] = CARRIER_SEEDS.map((c) => c.id) as [string, string];
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => addDaysToDate(TODAY, n);

describe('the book of business on the replica', () => {
  const ctx = useApp();
  const w = {} as Record<'client' | 'first' | 'soon' | 'mid' | 'late' | 'cancelled' | 'old' | 'renewed', string>;

  async function term(client: string, expires: number, values: Record<string, unknown> = {}) {
    const p = await mutate(ctx.app, 'addPolicy', {
      client_id: client,
      carrier_id: PROGRESSIVE,
      insurance_type_id: INS.auto,
      policy_number: `PA-${Math.random().toString().slice(2, 8)}`,
      effective_date: inDays(expires - 365),
      expiration_date: inDays(expires),
      written_premium: 1000,
      ...values,
    });
    return p.id as string;
  }

  it('converts a lead with a carrier into a client with its first term', async () => {
    const lead = await createLead(ctx.app, {
      first_name: 'Rita',
      last_name: 'Moreno',
      quoted_premium: 1200,
      coverage: [{ column: 'auto_data', version: 2, doc: autoV2 }],
    });
    const res = await mutate(ctx.app, 'convertLead', {
      lead_id: lead.id,
      carrier_id: PROGRESSIVE,
      policy_number: 'PA-2025-0042',
      effective_date: inDays(-345),
    });
    w.client = res.client_id;
    w.first = res.policy_id;
    const book = await call(ctx.app, 'clients.book', { id: w.client });
    expect(book.policies.map((p) => [p.policy_number, p.carrier_name, p.line_name, p.written_premium])).toEqual([
      ['PA-2025-0042', 'Progressive', 'Personal Auto', 1200],
    ]);
    expect(book.in_force).toMatchObject({ policies_in_force: 1, premium_in_force: 1200 });
  });

  it('lists renewals due in the window, soonest first, paged, filtered, flagged, without cancelled terms', async () => {
    const { app } = ctx;
    const other = (await mutate(app, 'convertLead', {
      lead_id: (await createLead(app, { last_name: 'Other', quoted_premium: 500 })).id,
    })) as { client_id: string };
    w.soon = await term(other.client_id, 5, { carrier_id: TRAVELERS, insurance_type_id: INS.home });
    w.mid = await term(other.client_id, 40);
    w.late = await term(other.client_id, 80);
    w.cancelled = await term(other.client_id, 10);
    await mutate(app, 'cancelPolicy', { policy_id: w.cancelled, cancellation_date: TODAY, reason: 'sold the car' });
    // renewed at +12%: the live term is a retention risk; the closed one leaves the list
    w.old = await term(other.client_id, -1);
    const renewed = await mutate(app, 'renewPolicy', {
      policy_id: w.old,
      written_premium: 1120,
      effective_date: inDays(-300),
      expiration_date: inDays(30),
    });
    w.renewed = renewed.id;

    const ids = async (q: Record<string, unknown>) =>
      (await call(app, 'policies.renewals', q)).map((p) => p.id).filter((id) => id !== w.first);
    expect(await ids({ days: 60 })).toEqual([w.soon, w.renewed, w.mid]);
    expect(await ids({ days: 90 })).toEqual([w.soon, w.renewed, w.mid, w.late]);
    expect(await ids({ days: 30, carrier_id: TRAVELERS })).toEqual([w.soon]);
    expect(await ids({ days: 90, insurance_type_id: INS.home })).toEqual([w.soon]);
    const list = await call(app, 'policies.renewals', { days: 60 });
    const flagged = list.find((p) => p.id === w.renewed)!;
    expect(flagged).toMatchObject({ premium_change_pct: 12, retention_risk: true, client_name: 'Pat Other' });
    expect(list.find((p) => p.id === w.mid)!.retention_risk).toBe(false);
    // the local retention rule ranks the +12% renewal above a steady term of the same client
    expect(flagged.retention!.reasons[0]).toBe('premium rose 12.0% at the last renewal');
    expect(flagged.retention!.score).toBeGreaterThan(list.find((p) => p.id === w.mid)!.retention!.score);
    // the clients' signals are read for the whole page: each row has its own client's counts
    await mutate(app, 'createTicket', { client_id: other.client_id, subject: 'Billing question' });
    const withTicket = await call(app, 'policies.renewals', { days: 90 });
    for (const row of withTicket)
      expect(row.retention!.reasons.includes('1 open ticket')).toBe(row.client_id === other.client_id);
    // the other client holds five live terms (a bundle), the first client one
    const single = withTicket.find((p) => p.client_id !== other.client_id);
    if (single) expect(single.retention!.reasons).toContain('a single policy (no bundle)');
    expect(withTicket.find((p) => p.id === w.mid)!.retention!.reasons).not.toContain('a single policy (no bundle)');
    // keyset paging walks the same order
    const first = await call(app, 'policies.renewals', { days: 90, limit: 2 });
    const rest = await call(app, 'policies.renewals', {
      days: 90,
      after: { date: first[1]!.expiration_date, id: first[1]!.id },
    });
    const whole = await call(app, 'policies.renewals', { days: 90 });
    expect([...first, ...rest].map((p) => p.id)).toEqual(whole.map((p) => p.id));
    // marking a term non-renewed also takes it off the list
    await mutate(app, 'markNonRenewed', { policy_id: w.mid, reason: 'moving away' });
    expect(await ids({ days: 60 })).toEqual([w.soon, w.renewed]);
  });

  it('reads the renewal list from its partial index', () => {
    const plan = ctx.app.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT p.id FROM policies p WHERE p.deleted_at IS NULL AND p.status IN ('active', 'pending') AND p.expiration_date >= ? AND p.expiration_date <= ? ORDER BY p.expiration_date, p.id LIMIT 50`,
      )
      .all(TODAY, inDays(60)) as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' | ')).toContain('idx_policies_live_expiration');
  });

  it("reads an owner's or a carrier's renewal list in page order, with no sort step", () => {
    for (const column of ['owner_id', 'carrier_id']) {
      const plan = (
        ctx.app.db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT p.id FROM policies p WHERE p.deleted_at IS NULL AND p.status IN ('active', 'pending') AND p.expiration_date >= ? AND p.expiration_date <= ? AND p.${column} = ? ORDER BY p.expiration_date, p.id LIMIT 50`,
          )
          .all(TODAY, inDays(60), 'x') as Array<{ detail: string }>
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan, column).toContain(`(${column}=? AND expiration_date>? AND expiration_date<?)`);
      expect(plan, column).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('shows a chain of terms in order from any of its terms', async () => {
    const detail = await call(ctx.app, 'policies.get', { id: w.old });
    expect(detail.terms.map((t) => t.id)).toEqual([w.old, w.renewed]);
    expect((await call(ctx.app, 'policies.get', { id: w.renewed })).terms.map((t) => t.status)).toEqual([
      'renewed',
      'active',
    ]);
  });

  it("gives the client page its household's members and policies", async () => {
    const { app } = ctx;
    const made = await mutate(app, 'setHousehold', { client_id: w.client, new_household: { name: 'Moreno family' } });
    const spouse = (await mutate(app, 'convertLead', {
      lead_id: (await createLead(app, { first_name: 'Tom', last_name: 'Moreno', quoted_premium: 800 })).id,
      carrier_id: TRAVELERS,
      policy_number: 'HO 555 123',
      effective_date: inDays(-100),
    })) as { client_id: string; policy_id: string };
    await mutate(app, 'setHousehold', { client_id: spouse.client_id, household_id: made.household_id });
    const book = await call(app, 'clients.book', { id: w.client });
    expect(book.household?.household.name).toBe('Moreno family');
    expect(book.household?.members.map((m) => [m.name, m.policies_in_force])).toEqual([
      ['Rita Moreno', 1],
      ['Tom Moreno', 1],
    ]);
    expect(book.household?.premium_in_force).toBe(2000);
    // the page's per-client in-force figures are the view's, read through the client index
    for (const m of book.household!.members) {
      const view = app.db
        .prepare(
          'SELECT policies_in_force, premium_in_force, commission_in_force, lines_in_force, carriers_in_force, next_expiration_date FROM client_policies_in_force WHERE client_id = ?',
        )
        .get(m.client_id);
      const { client_id: _id, name: _name, ...figures } = m;
      expect(figures).toEqual(view);
    }
    expect(book.household?.policies.map((p) => p.id).sort()).toEqual([w.first, spouse.policy_id].sort());
  });

  it('lists prospects by X-date, lost ones included, converted ones not', async () => {
    const { app } = ctx;
    const soon = await createLead(app, {
      last_name: 'Soon',
      current_carrier: 'Acme',
      policy_expiration_date: inDays(20),
    });
    const lost = await createLead(app, { last_name: 'Lost', policy_expiration_date: inDays(50) });
    await mutate(app, 'changeLeadStatus', { lead_id: lost.id, status_id: STATUS.lost, reason: 'price' });
    await createLead(app, { last_name: 'Far', policy_expiration_date: inDays(200) });
    const won = await createLead(app, { last_name: 'Won', policy_expiration_date: inDays(10), quoted_premium: 1 });
    await mutate(app, 'convertLead', { lead_id: won.id });
    const list = await call(app, 'policies.xdates', { days: 60 });
    expect(list.map((x) => x.lead_id)).toEqual([soon.id, lost.id]);
    expect(list[1]).toMatchObject({ status_category: 'lost', follow_up_note: expect.stringContaining('X-date') });
    expect(list[1]!.next_follow_up_at).toBe(`${inDays(5)}T15:00:00.000Z`);
  });

  it('finds policy numbers and VINs typed in part, with or without dashes and spaces', async () => {
    const { app } = ctx;
    const found = async (text: string) => (await call(app, 'search.global', { text })).map((r) => [r.kind, r.id]);
    expect(await found('pa 2025 00')).toEqual([['policy', w.first]]);
    expect(await found('PA-2025-0042')).toEqual([['policy', w.first]]);
    expect(await found('ho555')).toContainEqual(['policy', expect.any(String)]);
    const vin = autoV2.vehicles[0]!.vin!;
    const hits = await found(vin.slice(0, 11).toLowerCase());
    // the converted lead's VIN, and its policy's (which carried the lead's coverage)
    expect(hits).toContainEqual(['policy', w.first]);
    const [first] = await call(app, 'search.global', { text: 'pa-2025-0042' });
    expect(first).toMatchObject({ client_id: w.client, title: 'PA-2025-0042 · Personal Auto · Progressive' });
  });

  it('filters the policies list by a policy number typed in part, or by client name', async () => {
    const byNumber = await call(ctx.app, 'policies.list', { text: 'pa2025-00' });
    expect(byNumber.map((p) => p.id)).toEqual([w.first]);
    const byName = await call(ctx.app, 'policies.list', { text: 'tom moreno' });
    expect(byName.map((p) => p.policy_number)).toEqual(['HO 555 123']);
  });

  it('rebuilds the search keys a first sync set aside to what the triggers keep', async () => {
    const { db } = ctx.app;
    const keys = () => db.prepare('SELECT key, kind, field, ref_id FROM search_keys ORDER BY key, ref_id').all();
    const before = keys();
    expect(before.length).toBeGreaterThan(5);
    suspendDerived(db);
    db.prepare('DELETE FROM search_keys').run();
    await rebuildDerived(db, async () => {});
    expect(keys()).toEqual(before);
  });
});
