/** Tasks through the API on a real replica: My work / Team work, Today's buckets and counts, reminders, field history. */
import { describe, expect, it } from 'vitest';
import { addUser, call, createLead, mutate, useApp } from './support';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
const UNTIL = at(8); // the end of "today" as the screen computes it

describe('tasks queries', () => {
  const ctx = useApp({ now: () => NOW });

  it('sorts the signed-in user’s open tasks into overdue, due today and upcoming; team adds others’; reminders once', async () => {
    const { app } = ctx;
    const lead = await createLead(app, { first_name: 'Ines', last_name: 'Moreau' });
    const other = addUser(app, 'Olga Other');
    const task = (title: string, due: string, extra: Record<string, unknown> = {}) =>
      mutate<{ id: string }>(app, 'createTask', { lead_id: lead.id, title, due_at: due, ...extra });
    await task('Overdue call', at(-1));
    await task('Later today', at(3));
    await task('In two days', at(48), { remind_at: at(-0.5) });
    await task('Next month', at(24 * 30));
    const done = await task('Already done', at(-5));
    await mutate(app, 'completeTask', { id: done.id });
    await task('For Olga', at(2), { assigned_to: other });

    const mine = await call(app, 'tasks.today', { until: UNTIL });
    expect(mine.counts).toEqual({ overdue: 1, today: 1, upcoming: 1 });
    expect(mine.overdue.map((t) => t.title)).toEqual(['Overdue call']);
    expect(mine.today.map((t) => t.title)).toEqual(['Later today']);
    expect(mine.upcoming.map((t) => t.title)).toEqual(['In two days']);
    expect(mine.overdue[0]).toMatchObject({
      overdue: true,
      subject_name: 'Ines Moreau',
      subject: { kind: 'lead', id: lead.id },
    });

    // this replica's user is an admin: the team view is everyone's
    const team = await call(app, 'tasks.today', { scope: 'team', until: UNTIL });
    expect(team.counts).toEqual({ overdue: 1, today: 2, upcoming: 1 });
    expect(team.today.map((t) => t.title)).toEqual(['For Olga', 'Later today']);

    const myWork = await call(app, 'tasks.list', { scope: 'mine' });
    expect(myWork.map((t) => t.title)).toEqual(['Overdue call', 'Later today', 'In two days', 'Next month']);
    const teamWork = await call(app, 'tasks.list', { scope: 'team' });
    expect(teamWork).toHaveLength(5);
    expect((await call(app, 'tasks.list', { scope: 'mine', status: 'done' })).map((t) => t.title)).toEqual([
      'Already done',
    ]);
    expect(await call(app, 'tasks.list', { scope: 'team', lead_id: lead.id })).toHaveLength(5);

    // reminders in (since, now]: the overdue one by its due time, the upcoming one by its reminder time, not Olga's
    const reminders = await call(app, 'tasks.reminders', { since: at(-2) });
    expect(reminders.map((t) => t.title)).toEqual(['Overdue call', 'In two days']);
    expect(await call(app, 'tasks.reminders', { since: NOW.toISOString() })).toEqual([]);
  });

  it('lists a lead’s field history newest first, with who', async () => {
    const { app } = ctx;
    const lead = await createLead(app, { email: 'a@example.com' });
    await mutate(app, 'updateLead', { id: lead.id, patch: { email: 'b@example.com' } });
    await mutate(app, 'editLeadTags', { lead_id: lead.id, add: ['vip'] });
    const history = await call(app, 'history.list', { lead_id: lead.id });
    expect(history.map((h) => h.changes)).toEqual([
      [{ field: 'tags', from: [], to: ['vip'] }],
      [{ field: 'email', from: 'a@example.com', to: 'b@example.com' }],
    ]);
    expect(history.every((h) => h.actor_id === app.actor().userId)).toBe(true);
  });
});
