/** Lead and client detail (merged timelines), Today and the dashboard, on a real replica. */
import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../shared/api/types';
import { uuidv7 } from '../../shared/ids';
import { call, COMM, createLead, INS, mutate, sleep, STATUS, useApp } from './support';

/** Newest first; equal times by id, newest id first. */
function expectNewestFirst(items: TimelineItem[]) {
  const sorted = [...items].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  expect(items.map((i) => i.id)).toEqual(sorted.map((i) => i.id));
}

describe('lead detail', () => {
  const ctx = useApp();

  it('merges notes, communications, status changes, opportunities, tickets and AI into one timeline, newest first', async () => {
    const app = ctx.app;
    const lead = await createLead(app, { first_name: 'Rosa', last_name: 'Timeline', email: 'rosa@example.test' });
    const step = async <T>(p: Promise<T>) => {
      const v = await p;
      await sleep(3);
      return v;
    };
    await sleep(3);
    const note = await step(mutate(app, 'addNote', { lead_id: lead.id, body: 'Wants a bundle quote.' }));
    const comm = await step(
      mutate(app, 'logCommunication', {
        lead_id: lead.id,
        communication_type_id: COMM.call,
        subject: 'Intro call',
        body: 'Left details',
        outcome: 'reached',
      }),
    );
    await step(
      mutate(app, 'changeLeadStatus', { lead_id: lead.id, status_id: STATUS.quoted, reason: 'sent proposal' }),
    );
    const opp = await step(
      mutate(app, 'createOpportunity', { lead_id: lead.id, name: 'Auto + Home bundle', amount: 2100 }),
    );
    const ticket = await step(
      mutate(app, 'createTicket', {
        lead_id: lead.id,
        subject: 'ID cards',
        description: 'Send temporary ID cards',
        priority: 'high',
      }),
    );
    const aiId = uuidv7();
    app.db
      .prepare(
        `INSERT INTO ai_interactions (id, created_at, updated_at, owner_id, type, lead_id, model, prompt, summary) VALUES (?, ?, ?, ?, 'next_action', ?, 'test-model', 'p', 'Call back Tuesday')`,
      )
      .run(aiId, new Date().toISOString(), new Date().toISOString(), app.actor().userId, lead.id);

    const detail = await call(app, 'leads.get', { id: lead.id });
    expect(detail.lead).toMatchObject({ id: lead.id, status_id: STATUS.quoted, is_converted: false });
    expect(detail.owner).toMatchObject({ id: app.actor().userId });
    expect(detail.client).toBeNull();
    expect(detail.opportunities.map((o) => o.id)).toEqual([opp.id]);

    const tl = detail.timeline;
    expectNewestFirst(tl);
    const events = tl.filter((i) => i.kind === 'event');
    expect(events.map((e) => e.title)).toEqual(['status_changed', 'status_changed', 'created']);
    expect(events[0]!.meta).toMatchObject({ from: STATUS.contacted, to: STATUS.quoted, reason: 'sent proposal' });
    expect(events[1]!.meta).toMatchObject({ from: STATUS.new, to: STATUS.contacted, reason: 'first contact logged' });
    // Each step happened later than the one before; the AI row is the newest, the created event the oldest.
    const order = tl.map((i) => i.id);
    const pos = (id: string) => order.indexOf(id);
    expect(order[0]).toBe(aiId);
    expect(tl.at(-1)!.title).toBe('created');
    expect(pos(ticket.id)).toBeLessThan(pos(opp.id));
    expect(pos(opp.id)).toBeLessThan(pos(events[0]!.id));
    expect(pos(events[0]!.id)).toBeLessThan(pos(comm.id));
    expect(pos(comm.id)).toBeLessThan(pos(note.id));
    // Every entry names who did it (the local user here: every row above was written as them).
    for (const item of tl)
      expect(item, item.kind).toMatchObject({ actor_id: app.actor().userId, actor_name: 'Me (this device)' });
    expect(tl.find((i) => i.id === note.id)).toMatchObject({
      kind: 'note',
      body: 'Wants a bundle quote.',
      lead_id: lead.id,
    });
    expect(tl.find((i) => i.id === comm.id)).toMatchObject({
      kind: 'communication',
      title: 'Phone call: Intro call',
      meta: { type: 'call', channel: 'phone', outcome: 'reached' },
    });
    expect(tl.find((i) => i.id === opp.id)).toMatchObject({
      kind: 'opportunity',
      title: 'Opportunity: Auto + Home bundle',
      meta: { stage: 'prospecting', amount: 2100 },
    });
    expect(tl.find((i) => i.id === ticket.id)).toMatchObject({
      kind: 'ticket',
      title: 'Ticket: ID cards',
      meta: { status: 'open', priority: 'high' },
    });
    expect(tl.find((i) => i.id === aiId)).toMatchObject({
      kind: 'ai',
      title: 'AI next action',
      body: 'Call back Tuesday',
      meta: { model: 'test-model' },
    });
  });

  it('drops soft-deleted rows from the timeline', async () => {
    const lead = await createLead(ctx.app);
    const note = await mutate(ctx.app, 'addNote', { lead_id: lead.id, body: 'temporary' });
    await mutate(ctx.app, 'softDelete', { table: 'lead_notes', id: note.id });
    const { timeline } = await call(ctx.app, 'leads.get', { id: lead.id });
    expect(timeline.map((i) => i.kind)).toEqual(['event']);
  });

  it('after conversion: the lead shows its client, the client shows the lead it came from and its history', async () => {
    const app = ctx.app;
    const lead = await createLead(app, { first_name: 'Conrad', last_name: 'Verte', quoted_premium: 980 });
    const note = await mutate(app, 'addNote', { lead_id: lead.id, body: 'Pre-sale note' });
    const contact = await mutate(app, 'addContact', { lead_id: lead.id, first_name: 'Cleo', last_name: 'Verte' });
    const opp = await mutate(app, 'createOpportunity', { lead_id: lead.id, name: 'Auto', amount: 1100 });
    await sleep(3);
    const conv = await mutate(app, 'convertLead', { lead_id: lead.id, policy_number: 'PA-1' });
    await sleep(3);
    const after = await mutate(app, 'addNote', { client_id: conv.client_id, body: 'Welcome call done' });

    const leadView = await call(app, 'leads.get', { id: lead.id });
    expect(leadView.lead).toMatchObject({
      is_converted: true,
      status_id: STATUS.converted,
      converted_to_client_id: conv.client_id,
    });
    expect(leadView.client).toMatchObject({
      id: conv.client_id,
      first_name: 'Conrad',
      last_name: 'Verte',
      client_type: 'individual',
    });
    expect(leadView.contacts.map((c) => c.id)).toEqual([contact.id]);

    const client = await call(app, 'clients.get', { id: conv.client_id });
    expect(client.client).toMatchObject({ id: conv.client_id, last_name: 'Verte' });
    expect(client.leads).toHaveLength(1);
    expect(client.leads[0]).toMatchObject({ lead_id: lead.id, insurance_type_code: 'auto' });
    expect(client.leads[0]!.days_to_convert).toBeGreaterThanOrEqual(0);
    expect(client.contacts.map((c) => c.id)).toEqual([contact.id]);
    expect(client.opportunities).toMatchObject([
      { id: opp.id, stage: 'won', amount: 1100, policy_number: 'PA-1', client_id: conv.client_id },
    ]);

    const tl = client.timeline;
    expectNewestFirst(tl);
    expect(new Set(tl.map((i) => i.id)).size).toBe(tl.length);
    expect(tl[0]).toMatchObject({ id: after.id, kind: 'note', client_id: conv.client_id });
    const converted = tl.filter((i) => i.kind === 'event' && i.title === 'converted');
    expect(converted).toHaveLength(1);
    expect(converted[0]!.meta).toMatchObject({ opportunity_id: opp.id, contacts_moved: 1 });
    expect(tl.map((i) => i.id)).toEqual(expect.arrayContaining([note.id, opp.id]));
    expect(tl.at(-1)).toMatchObject({ kind: 'event', title: 'created', lead_id: lead.id });
  });

  it('unknown or deleted records are not_found, not crashes', async () => {
    const lead = await createLead(ctx.app);
    await mutate(ctx.app, 'softDelete', { table: 'leads', id: lead.id });
    for (const [command, id] of [
      ['leads.get', lead.id],
      ['leads.get', uuidv7()],
      ['clients.get', uuidv7()],
      ['clients.get', lead.id],
    ] as const) {
      expect(await ctx.app.dispatch(command, { id })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: expect.stringContaining(id) },
      });
    }
  });
});

describe('today', () => {
  let clock = new Date();
  const ctx = useApp({ now: () => clock });
  const noon = () => {
    const d = new Date();
    d.setHours(12, 0, 0, 0);
    return d;
  };
  const at = (hours: number) => new Date(noon().getTime() + hours * 3_600_000).toISOString();

  it('lists overdue and due-today follow-ups by score; future, converted and deleted ones stay off', async () => {
    const app = ctx.app;
    clock = noon();
    const lead = async (name: string, followUp: string | null, extra: Record<string, unknown> = {}) => {
      const l = await createLead(app, { last_name: name, ...extra });
      if (followUp) await mutate(app, 'scheduleFollowUp', { lead_id: l.id, at: followUp, note: `call ${name}` });
      return l.id;
    };
    const hot = await lead('Hot', at(-72), { quoted_premium: 6000 });
    await mutate(app, 'changeLeadStatus', { lead_id: hot, status_id: STATUS.quoted });
    const late = await lead('Late', at(-26), { priority: 5 });
    const todayId = await lead('Today', at(2));
    const tiny = await lead('Tiny', at(-1), { priority: 4 });
    await lead('Future', at(50));
    await lead('NoFollowUp', null);
    const converted = await lead('Converted', at(-5));
    await mutate(app, 'convertLead', { lead_id: converted });
    app.db.prepare('UPDATE leads SET next_follow_up_at = ? WHERE id = ?').run(at(-5), converted);
    const deleted = await lead('Deleted', at(-5));
    await mutate(app, 'softDelete', { table: 'leads', id: deleted });

    const list = await call(app, 'today.list', {});
    const items = list.items;
    expect(items.map((i) => i.lead_id).sort()).toEqual([hot, late, todayId, tiny].sort());
    expect(list.counts).toEqual({ overdue: 3, due_today: 1, upcoming: 1 });
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
    expect(items[0]).toMatchObject({
      lead_id: hot,
      overdue: true,
      name: 'Pat Hot',
      note: 'call Hot',
      quoted_premium: 6000,
      owner_id: app.actor().userId,
      owner_name: 'Me (this device)',
    });
    expect(items.find((i) => i.lead_id === todayId)).toMatchObject({ overdue: false, due_at: at(2) });
    expect(items.find((i) => i.lead_id === late)).toMatchObject({ overdue: true });
    for (const item of items) expect(item.reasons.length).toBeGreaterThan(0);

    const beforeTwo = (await call(app, 'today.list', { until: at(1) })).items;
    expect(beforeTwo.map((i) => i.lead_id)).not.toContain(todayId);
    expect(beforeTwo).toHaveLength(3);
    // A full list keeps room for today's follow-ups: the overdue backlog fills what is left.
    const two = (await call(app, 'today.list', { limit: 2 })).items;
    expect(two.map((i) => i.lead_id)).toContain(todayId);
    expect(two).toHaveLength(2);
    expect((await call(app, 'today.list', { limit: 2 })).counts).toEqual(list.counts);
    expect((await call(app, 'today.list', { owner_id: uuidv7() })).items).toEqual([]);
    expect((await call(app, 'today.list', { owner_id: app.actor().userId })).items.length).toBe(4);

    // Mine is the default; another agent's follow-ups show only with the team switch, with their name.
    const other = uuidv7();
    const stamp = new Date().toISOString();
    app.db
      .prepare(`INSERT INTO users (id, created_at, updated_at, email, full_name, role) VALUES (?, ?, ?, ?, ?, 'agent')`)
      .run(other, stamp, stamp, 'olga@agency.test', 'Olga Other');
    const theirs = await lead('Theirs', null, { owner_id: other, next_follow_up_at: at(-3) });
    expect((await call(app, 'today.list', {})).items.map((i) => i.lead_id)).not.toContain(theirs);
    const team = await call(app, 'today.list', { scope: 'team' });
    expect(team.counts.overdue).toBe(4);
    expect(team.items.find((i) => i.lead_id === theirs)).toMatchObject({ owner_id: other, owner_name: 'Olga Other' });

    // Completing a follow-up takes the lead off Today.
    await mutate(app, 'completeFollowUp', { lead_id: late, outcome: 'reached' });
    expect((await call(app, 'today.list', {})).items.map((i) => i.lead_id)).not.toContain(late);
  });
});

describe('dashboard', () => {
  let clock = new Date();
  const ctx = useApp({ now: () => clock });

  it('counts a conversion: funnel, weekly conversions, by agent, by insurance type, premium won', async () => {
    const app = ctx.app;
    const won = await createLead(app, { last_name: 'Winner', quoted_premium: 1500 });
    await mutate(app, 'createOpportunity', { lead_id: won.id, name: 'Auto policy', amount: 2400 });
    await createLead(app, { last_name: 'Open', insurance_type_id: INS.home, quoted_premium: 700 });
    const conv = await mutate(app, 'convertLead', { lead_id: won.id });
    clock = new Date(Date.now() + 60_000);

    const d = await call(app, 'dashboard.get', {});
    const me = app.actor().userId;
    expect(d.conversions).toBe(1);
    expect(d.premium_won).toBe(2400);
    expect(d.funnel.sort((a, b) => a.status_id.localeCompare(b.status_id))).toEqual([
      { status_id: STATUS.new, count: 1 },
      { status_id: STATUS.converted, count: 1 },
    ]);
    expect(d.close).toEqual({ won: 1, lost: 0 });
    expect(d.live).toEqual({ open: 1, total: 2 });
    expect(d.conversions_by_week).toHaveLength(1);
    // Weekly premium is what was won (the closed opportunity), not the lead's quote.
    expect(d.conversions_by_week[0]).toMatchObject({
      count: 1,
      premium: 2400,
      week: expect.stringMatching(/^\d{4}-W\d{2}$/),
    });
    expect(d.by_agent).toEqual([{ owner_id: me, name: 'Me (this device)', open: 1, converted: 1, premium: 2400 }]);
    expect(d.by_insurance_type.sort((a, b) => a.insurance_type_id.localeCompare(b.insurance_type_id))).toEqual([
      { insurance_type_id: INS.auto, leads: 1, converted: 1, premium: 2400 },
      { insurance_type_id: INS.home, leads: 1, converted: 0, premium: 0 },
    ]);
    const client = await call(app, 'clients.get', { id: conv.client_id });
    expect(client.opportunities).toMatchObject([{ stage: 'won', amount: 2400 }]);

    // A window that ends before the sale counts no conversion and no premium.
    const past = await call(app, 'dashboard.get', { from: '2020-01-01T00:00:00Z', to: '2020-06-01T00:00:00Z' });
    expect(past).toMatchObject({ conversions: 0, premium_won: 0, conversions_by_week: [] });
    expect(past.by_agent[0]).toMatchObject({ converted: 0, premium: 0 });
    // weeks sets the default window.
    expect((await call(app, 'dashboard.get', { weeks: 1 })).conversions).toBe(1);
  });
});
