/**
 * Today's Renewals and X-dates sections and the dashboard's book figures, read from a real replica
 * file whose terms are made through the mutations; each expectation is worked out here from the
 * fixtures, not by the queries' SQL.
 */
import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { addUser, call, createLead, INS, mutate, STATUS, useApp } from './support';

const [PROGRESSIVE, TRAVELERS] = CARRIER_SEEDS.map((c) => c.id) as [string, string];
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => addDaysToDate(TODAY, n);
let seq = 0;

type App = ReturnType<typeof useApp>['app'];

/** A client owned by `owner` (assigned before conversion), with no first term. */
async function client(app: App, last: string, owner?: string): Promise<string> {
  const lead = await createLead(app, { last_name: last });
  if (owner) await mutate(app, 'assignLead', { lead_id: lead.id, owner_id: owner });
  return ((await mutate(app, 'convertLead', { lead_id: lead.id })) as { client_id: string }).client_id;
}

async function term(app: App, clientId: string, expires: number, values: Record<string, unknown> = {}) {
  const expiration = inDays(expires);
  const p = await mutate(app, 'addPolicy', {
    client_id: clientId,
    carrier_id: PROGRESSIVE,
    insurance_type_id: INS.auto,
    policy_number: `T-${++seq}`,
    effective_date: addMonths(expiration, -12),
    expiration_date: expiration,
    written_premium: 1000,
    ...values,
  });
  return p.id as string;
}

describe("Today's renewal and X-date sections", () => {
  const ctx = useApp();

  it('lists renewals by priority (an at-risk term pulled forward) and X-dates soonest first, with counts', async () => {
    const { app } = ctx;
    const a = await client(app, 'Avery');
    const b = await client(app, 'Blake');
    const c = await client(app, 'Casey');
    const other = addUser(app, 'Olive Other');
    const theirs = await client(app, 'Theirs', other);
    const soon = await term(app, a, 5);
    const mid = await term(app, b, 25);
    // renewed at +20% and expiring in 40 days: at risk, so 40 - 30 = 10 days of urgency
    const old = await term(app, c, -300);
    const risky = (
      await mutate(app, 'renewPolicy', {
        policy_id: old,
        written_premium: 1200,
        effective_date: inDays(-325),
        expiration_date: inDays(40),
      })
    ).id as string;
    await term(app, a, 90, { insurance_type_id: INS.home }); // outside the 60-day window
    const gone = await term(app, b, 10, { insurance_type_id: INS.home });
    await mutate(app, 'cancelPolicy', { policy_id: gone, cancellation_date: TODAY, reason: 'sold' });
    const otherTerm = await term(app, theirs, 3);

    const x1 = await createLead(app, { last_name: 'Xavier', policy_expiration_date: inDays(12) });
    const x2 = await createLead(app, { last_name: 'Yolanda', policy_expiration_date: inDays(4) });
    await mutate(app, 'changeLeadStatus', { lead_id: x2.id, status_id: STATUS.lost, reason: 'price' });
    await createLead(app, { last_name: 'Zed', policy_expiration_date: inDays(120) });

    const mine = await call(app, 'today.book', { scope: 'mine' });
    expect(mine.renewals.days).toBe(60);
    expect(mine.renewals.items.map((p) => p.id)).toEqual([soon, risky, mid]);
    expect(mine.renewals.count).toBe(3);
    expect(mine.xdates.items.map((x) => x.lead_id)).toEqual([x2.id, x1.id]);
    expect(mine.xdates.count).toBe(2);
    expect(mine.xdates.days).toBe(45);

    const team = await call(app, 'today.book', { scope: 'team', limit: 2 });
    expect(team.renewals.items.map((p) => p.id)).toEqual([otherTerm, soon]);
    expect(team.renewals.count).toBe(4);
    expect(team.xdates.items).toHaveLength(2);

    // The windows follow the settings: a 30-day renewal window leaves the 40-day term out.
    await call(app, 'book.settings.save', { renewal_lead_days: 30, xdate_window_days: 10 });
    const narrow = await call(app, 'today.book', { scope: 'mine' });
    expect(narrow.renewals.items.map((p) => p.id)).toEqual([soon, mid]);
    // The X-date section looks 30 days ahead at least.
    expect(narrow.xdates.days).toBe(30);
    await call(app, 'book.settings.save', { renewal_lead_days: 0 });
    expect((await call(app, 'today.book', { scope: 'mine' })).renewals.days).toBe(60);
  });
});

describe('the dashboard book figures', () => {
  const ctx = useApp();

  it('sums premium in force, retention and new vs renewal premium, by carrier and producer', async () => {
    const { app } = ctx;
    const me = app.actor().userId;
    const pat = addUser(app, 'Pat Producer');
    const mine = await client(app, 'Mine');
    const patClient = await client(app, 'Pats', pat);
    interface Fixture {
      id: string;
      owner: string;
      carrier: string;
      premium: number;
      effective: string;
      expiration: string;
      status: string;
      renews: boolean;
      cancelled?: string;
    }
    const terms: Fixture[] = [];
    const add = async (clientId: string, owner: string, carrier: string, premium: number, expires: number) => {
      const id = await term(app, clientId, expires, { carrier_id: carrier, written_premium: premium });
      const expiration = inDays(expires);
      const f: Fixture = {
        id,
        owner,
        carrier,
        premium,
        effective: addMonths(expiration, -12),
        expiration,
        status: 'active',
        renews: false,
      };
      terms.push(f);
      return f;
    };
    // in force, new business (took effect in the last 12 months)
    await add(mine, me, PROGRESSIVE, 1000, 100);
    await add(patClient, pat, TRAVELERS, 2500.5, 200);
    // expired 30 days ago and renewed: the old term counts as renewed, the new one is renewal premium
    const renewedOld = await add(mine, me, TRAVELERS, 800, -30);
    const next = await mutate(app, 'renewPolicy', { policy_id: renewedOld.id, written_premium: 880 });
    renewedOld.status = 'renewed';
    terms.push({
      id: next.id,
      owner: me,
      carrier: TRAVELERS,
      premium: 880,
      effective: renewedOld.expiration,
      expiration: addMonths(renewedOld.expiration, 12),
      status: 'active',
      renews: true,
    });
    // non-renewed two months ago (Pat's)
    const lostTerm = await add(patClient, pat, PROGRESSIVE, 600, -60);
    await mutate(app, 'markNonRenewed', { policy_id: lostTerm.id, reason: 'moved away' });
    lostTerm.status = 'non_renewed';
    // cancelled 10 days before it expired (at renewal) and cancelled mid-term (not a renewal loss)
    const atRenewal = await add(mine, me, PROGRESSIVE, 700, -20);
    await mutate(app, 'cancelPolicy', { policy_id: atRenewal.id, cancellation_date: inDays(-30), reason: 'left' });
    Object.assign(atRenewal, { status: 'cancelled', cancelled: inDays(-30) });
    const midTerm = await add(patClient, pat, TRAVELERS, 500, -10);
    await mutate(app, 'cancelPolicy', { policy_id: midTerm.id, cancellation_date: inDays(-200), reason: 'sold' });
    Object.assign(midTerm, { status: 'cancelled', cancelled: inDays(-200) });
    // expired long ago (outside the period) and live but past its expiration (undecided): neither counts
    const ancient = await add(mine, me, PROGRESSIVE, 999, -500);
    await mutate(app, 'markNonRenewed', { policy_id: ancient.id, reason: 'long ago' });
    ancient.status = 'non_renewed';
    await add(mine, me, PROGRESSIVE, 450, -5);
    // No mutation marks a term expired (it comes that way from the agency system through sync).
    const lapsed = await add(patClient, pat, TRAVELERS, 300, -90);
    app.db.prepare(`UPDATE policies SET status = 'expired' WHERE id = ?`).run(lapsed.id);
    lapsed.status = 'expired';

    const from = addMonths(TODAY, -12);
    const expect1 = (list: Fixture[]) => {
      const inForce = list.filter((t) => t.status === 'active' && t.expiration >= TODAY);
      const written = list.filter((t) => t.effective >= from && t.effective <= TODAY);
      const up = list.filter((t) => t.expiration >= from && t.expiration <= TODAY);
      const renewed = up.filter((t) => t.status === 'renewed').length;
      const lost = up.filter(
        (t) =>
          t.status === 'non_renewed' ||
          t.status === 'expired' ||
          (t.status === 'cancelled' && t.cancelled! >= addDaysToDate(t.expiration, -30)),
      ).length;
      const sum = (l: Fixture[]) => Math.round(l.reduce((s, t) => s + t.premium, 0) * 100) / 100;
      return {
        policies_in_force: inForce.length,
        premium_in_force: sum(inForce),
        new_business_premium: sum(written.filter((t) => !t.renews)),
        renewal_premium: sum(written.filter((t) => t.renews)),
        renewed,
        lost,
        retention_rate: renewed + lost ? renewed / (renewed + lost) : null,
      };
    };
    const book = await call(app, 'dashboard.book', {});
    expect(book.totals).toEqual(expect1(terms));
    // spelled out once, so a wrong rule in both places would still show
    expect(book.totals).toMatchObject({ policies_in_force: 3, premium_in_force: 4380.5, renewed: 1, lost: 3 });
    expect(book.totals.retention_rate).toBeCloseTo(0.25, 5);
    for (const carrier of [PROGRESSIVE, TRAVELERS]) {
      const slice = book.by_carrier.find((s) => s.id === carrier)!;
      const { id: _id, name: _name, ...figures } = slice;
      expect(figures).toEqual(expect1(terms.filter((t) => t.carrier === carrier)));
    }
    expect(book.by_carrier.map((s) => s.name).sort()).toEqual(['Progressive', 'Travelers']);
    for (const owner of [me, pat]) {
      const { id: _id, name: _name, ...figures } = book.by_producer.find((s) => s.id === owner)!;
      expect(figures).toEqual(expect1(terms.filter((t) => t.owner === owner)));
    }
    expect(book.by_producer.find((s) => s.id === pat)!.name).toBe('Pat Producer');
  });
});
