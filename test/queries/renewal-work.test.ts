/**
 * Automatic renewal work (electron/main/book/renewal-work.ts) on a real replica file: one
 * renewal opportunity and one follow-up task per term entering the window, exactly once, only
 * for the user's own terms, following the setting, and none when it is 0.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDueRenewalWork } from '../../electron/main/book/renewal-work';
import { addDaysToDate, addMonths } from '../../shared/book/terms';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { addUser, call, closeTemp, createLead, INS, mutate, openTemp, useApp } from './support';

const PROGRESSIVE = CARRIER_SEEDS[0]!.id;
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => addDaysToDate(TODAY, n);
let seq = 0;

type App = ReturnType<typeof useApp>['app'];

async function client(app: App, owner?: string): Promise<string> {
  const lead = await createLead(app, { last_name: `Client${++seq}` });
  if (owner) await mutate(app, 'assignLead', { lead_id: lead.id, owner_id: owner });
  return ((await mutate(app, 'convertLead', { lead_id: lead.id })) as { client_id: string }).client_id;
}

async function term(app: App, clientId: string, expires: number): Promise<string> {
  const expiration = inDays(expires);
  const p = await mutate(app, 'addPolicy', {
    client_id: clientId,
    carrier_id: PROGRESSIVE,
    insurance_type_id: INS.auto,
    policy_number: `RW-${++seq}`,
    effective_date: addMonths(expiration, -12),
    expiration_date: expiration,
    written_premium: 1000,
  });
  return p.id as string;
}

/** The renewal opportunities and the tasks on each term, read straight from the replica. */
function workOf(app: App, policyId: string) {
  const opportunities = app.db
    .prepare(`SELECT * FROM opportunities WHERE json_extract(metadata, '$.renews_policy_id') = ?`)
    .all(policyId) as Array<{ stage: string; owner_id: string; expected_close_date: string }>;
  const tasks = app.db.prepare(`SELECT * FROM tasks WHERE policy_id = ?`).all(policyId) as Array<{
    assigned_to: string;
    title: string;
    priority: string;
  }>;
  return { opportunities, tasks };
}

describe('automatic renewal work', () => {
  const ctx = useApp();
  const run = () => createDueRenewalWork({ db: ctx.app.db, writer: ctx.app.writer, actor: ctx.app.actor });

  it('makes one opportunity and one task per own term entering the window, exactly once', async () => {
    const { app } = ctx;
    const me = app.actor().userId;
    const mine = await client(app);
    const soon = await term(app, mine, 10);
    const edge = await term(app, mine, 60);
    const far = await term(app, mine, 61);
    const past = await term(app, mine, -3);
    const cancelled = await term(app, mine, 20);
    await mutate(app, 'cancelPolicy', { policy_id: cancelled, cancellation_date: TODAY, reason: 'sold' });
    const theirs = await term(app, await client(app, addUser(app, 'Other Agent')), 5);

    expect((await run()).sort()).toEqual([soon, edge].sort());
    for (const id of [soon, edge]) {
      const { opportunities, tasks } = workOf(app, id);
      expect(opportunities).toHaveLength(1);
      expect(opportunities[0]).toMatchObject({ stage: 'quoting', owner_id: me });
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ assigned_to: me, priority: 'high' });
      expect(tasks[0]!.title).toContain('RW-');
    }
    for (const id of [far, past, cancelled, theirs]) expect(workOf(app, id)).toEqual({ opportunities: [], tasks: [] });
    // They went through the named mutations, so they sync like any change.
    const names = app.db.prepare(`SELECT name FROM outbox ORDER BY created_at DESC, id DESC LIMIT 4`).pluck().all();
    expect(names.sort()).toEqual(['createRenewalOpportunity', 'createRenewalOpportunity', 'createTask', 'createTask']);

    // Again: nothing new, even after the person lost the renewal opportunity.
    expect(await run()).toEqual([]);
    const opp = app.db
      .prepare(`SELECT id FROM opportunities WHERE json_extract(metadata, '$.renews_policy_id') = ?`)
      .pluck()
      .get(soon) as string;
    await mutate(app, 'closeOpportunity', { id: opp, outcome: 'lost', reason: 'went elsewhere' });
    expect(await run()).toEqual([]);
    expect(workOf(app, soon).tasks).toHaveLength(1);
  });

  it('follows the setting: a wider window reaches further, 0 turns it off', async () => {
    const { app } = ctx;
    const c = await client(app);
    const at80 = await term(app, c, 80);
    await call(app, 'book.settings.save', { renewal_lead_days: 0 });
    const at7 = await term(app, c, 7);
    expect(await run()).toEqual([]);
    expect(workOf(app, at7).opportunities).toEqual([]);
    await call(app, 'book.settings.save', { renewal_lead_days: 90 });
    expect(await call(app, 'book.settings.get', {})).toEqual({ renewal_lead_days: 90, xdate_window_days: 45 });
    // The 61-day term of the first test is in a 90-day window too.
    const made = await run();
    expect(made).toContain(at80);
    expect(made).toContain(at7);
    expect(made).toHaveLength(3);
  });
});

describe('the renewal pass of a running app', () => {
  it('runs after a policy change when renewalWork is on, and not when it is off', async () => {
    const on = openTemp({ renewalWork: true });
    const off = openTemp();
    try {
      for (const t of [on, off]) await term(t.app, await client(t.app), 15);
      const count = (app: App) =>
        app.db
          .prepare(`SELECT count(*) FROM opportunities WHERE json_extract(metadata, '$.renews_policy_id') IS NOT NULL`)
          .pluck()
          .get() as number;
      await vi.waitFor(() => expect(count(on.app)).toBe(1), { timeout: 5000, interval: 100 });
      await new Promise((r) => setTimeout(r, 1500));
      expect(count(off.app)).toBe(0);
      expect(count(on.app)).toBe(1);
    } finally {
      closeTemp(on);
      closeTemp(off);
    }
  });
});
