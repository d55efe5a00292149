/** Ticket threads, campaign detail and the Trash, on a real replica. */
import { describe, expect, it } from 'vitest';
import { call, createLead, mutate, useApp } from './support';

describe('records behind the editors', () => {
  const ctx = useApp();

  it('a ticket lists its own comments, oldest first, not the record’s other notes or other tickets’', async () => {
    const app = ctx.app;
    const lead = await createLead(app, { first_name: 'Tom', last_name: 'Thread' });
    const t1 = await mutate(app, 'createTicket', { lead_id: lead.id, subject: 'Need a COI' });
    const t2 = await mutate(app, 'createTicket', { lead_id: lead.id, subject: 'Billing' });
    await mutate(app, 'addNote', { lead_id: lead.id, body: 'plain note' });
    await mutate(app, 'addTicketComment', { ticket_id: t1.id, body: 'first' });
    await mutate(app, 'addTicketComment', { ticket_id: t2.id, body: 'other ticket' });
    await mutate(app, 'addTicketComment', { ticket_id: t1.id, body: 'second' });
    const detail = await call(app, 'tickets.get', { id: t1.id });
    expect(detail.ticket.subject).toBe('Need a COI');
    expect(detail.subject_name).toBe('Tom Thread');
    expect(detail.comments.map((c) => c.body)).toEqual(['first', 'second']);
  });

  it('a campaign shows its enrollments with names and the leads it sourced', async () => {
    const app = ctx.app;
    const campaign = await mutate(app, 'createCampaign', { name: 'Renewals', status: 'active' });
    const lead = await createLead(app, { first_name: 'Ann', last_name: 'Audience', campaign_id: campaign.id });
    await mutate(app, 'enrollInCampaign', { campaign_id: campaign.id, lead_id: lead.id });
    const detail = await call(app, 'campaigns.get', { id: campaign.id });
    expect(detail.campaign.name).toBe('Renewals');
    expect(detail.sourced_leads).toBe(1);
    expect(detail.enrollments).toMatchObject([{ lead_id: lead.id, name: 'Ann Audience', status: 'enrolled' }]);
  });

  it('the Trash lists soft-deleted records newest first, and a restored one leaves it', async () => {
    const app = ctx.app;
    const lead = await createLead(app, { first_name: 'Del', last_name: 'Eted' });
    const contact = await mutate(app, 'addContact', { lead_id: lead.id, first_name: 'Cy', last_name: 'Contact' });
    await mutate(app, 'softDelete', { table: 'contacts', id: contact.id });
    // Newest first needs two distinct times: the deletions are stamped to the millisecond.
    await new Promise((r) => setTimeout(r, 5));
    await mutate(app, 'softDelete', { table: 'leads', id: lead.id });
    const trash = await call(app, 'trash.list', {});
    expect(trash.slice(0, 2).map((t) => [t.table, t.name])).toEqual([
      ['leads', 'Del Eted'],
      ['contacts', 'Cy Contact'],
    ]);
    await mutate(app, 'restore', { table: 'leads', id: lead.id });
    expect((await call(app, 'trash.list', {})).map((t) => t.id)).not.toContain(lead.id);
  });
});
