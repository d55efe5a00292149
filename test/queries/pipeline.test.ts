/** The Leads screen's query on a real replica: filters, and kanban columns that match the list. */
import { describe, expect, it } from 'vitest';
import type { PipelineQuery } from '../../shared/api/inputs';
import { ids, type Model, STATUSES, usePipelineWorld } from './pipeline-world';
import { call, INS, STATUS } from './support';

const { ctx, model, owners, live, list } = usePipelineWorld();

async function expectFilter(q: PipelineQuery, keep: (m: Model) => boolean) {
  const want = model.filter((m) => !m.deleted && (q.include_converted || !m.converted) && keep(m));
  expect(want.length, 'the fixture should match something').toBeGreaterThan(0);
  expect(want.length, 'the fixture should not match everything').toBeLessThan(model.length - 1);
  expect(ids(await list(q))).toEqual(ids(want));
}

describe('pipeline filters', () => {
  it('lists live, unconverted leads by default', async () => {
    expect(ids(await list({}))).toEqual(ids(live()));
  });
  it('includes converted leads only when asked', async () => {
    const all = await list({ include_converted: true });
    expect(ids(all)).toEqual(ids(model.filter((m) => !m.deleted)));
    expect(
      all
        .filter((i) => i.is_converted)
        .map((i) => i.id)
        .sort(),
    ).toEqual(ids(model.filter((m) => m.converted)));
  });
  it('by status (one or several)', async () => {
    await expectFilter({ status_ids: [STATUS.quoted] }, (m) => m.status === STATUS.quoted);
    await expectFilter({ status_ids: [STATUS.quoted, STATUS.new] }, (m) =>
      [STATUS.quoted, STATUS.new].includes(m.status),
    );
    await expectFilter({ status_ids: [STATUS.converted], include_converted: true }, (m) => m.converted);
  });
  it('by insurance type and owner', async () => {
    await expectFilter({ insurance_type_ids: [INS.home] }, (m) => m.type === INS.home);
    await expectFilter({ owner_ids: [owners[1]!] }, (m) => m.owner === owners[1]);
    await expectFilter(
      { owner_ids: [owners[1]!, owners[2]!], insurance_type_ids: [INS.auto] },
      (m) => m.owner !== owners[0] && m.type === INS.auto,
    );
  });
  it('by tags (all must match, case-insensitively)', async () => {
    await expectFilter({ tags: ['vip'] }, (m) => m.tags.includes('vip'));
    await expectFilter({ tags: ['VIP'] }, (m) => m.tags.includes('vip'));
    await expectFilter({ tags: ['referral', 'vip-2'] }, (m) => m.tags.includes('referral'));
    expect(await list({ tags: ['vip', 'referral'] })).toEqual([]);
  });
  it('by custom fields (string, number, boolean)', async () => {
    await expectFilter({ custom_fields: { region: 'north' } }, (m) => m.custom.region === 'north');
    await expectFilter({ custom_fields: { score: 2 } }, (m) => m.custom.score === 2);
    await expectFilter({ custom_fields: { smoker: true } }, (m) => m.custom.smoker === true);
    await expectFilter(
      { custom_fields: { smoker: false, region: 'south' } },
      (m) => m.custom.smoker === false && m.custom.region === 'south',
    );
    expect(await list({ custom_fields: { region: 'west' } })).toEqual([]);
    expect(await list({ custom_fields: { 'no such field': 1 } })).toEqual([]);
  });
  it('by vehicle make from the auto coverage document', async () => {
    await expectFilter({ vehicle_make: 'Honda' }, (m) => m.make === 'Honda');
    await expectFilter({ vehicle_make: 'freightliner' }, (m) => m.make === 'Honda');
    expect(await list({ vehicle_make: 'Tesla' })).toEqual([]);
  });
  it('by name text, prefix-matched, all words', async () => {
    await expectFilter({ text: 'acm' }, (m) => m.name.startsWith('Acme'));
    await expectFilter({ text: 'lee bak' }, (m) => m.last_name === 'Baker');
    await expectFilter({ text: 'Widgets 14' }, (m) => m.name === 'Acme Widgets 14');
    for (const text of ['"', 'NEAR(', 'a OR', '-', '*', '((', 'x:y', '^']) expect(await list({ text })).toBeDefined();
    expect(await list({ text: '!!!' })).toEqual([]);
  });
  it('by X-date window, both days included, either end open', async () => {
    const inWindow = (from: string | null, to: string | null) => (m: Model) =>
      m.xdate !== null && (!from || m.xdate >= from) && (!to || m.xdate <= to);
    await expectFilter({ xdate_from: '2031-05-11', xdate_to: '2031-06-12' }, inWindow('2031-05-11', '2031-06-12'));
    await expectFilter({ xdate_from: '2031-06-10' }, inWindow('2031-06-10', null));
    await expectFilter({ xdate_to: '2031-05-14' }, inWindow(null, '2031-05-14'));
    await expectFilter({ xdate_from: '2031-07-12', xdate_to: '2031-07-12' }, inWindow('2031-07-12', '2031-07-12'));
    await expectFilter(
      { xdate_from: '2031-05-01', xdate_to: '2031-06-30', status_ids: [STATUS.quoted, STATUS.new] },
      (m) => inWindow('2031-05-01', '2031-06-30')(m) && [STATUS.quoted, STATUS.new].includes(m.status),
    );
    expect(await list({ xdate_from: '2032-01-01' })).toEqual([]);
  });
  it('refuses an X-date window that ends before it starts, naming the field', async () => {
    await expect(call(ctx.app, 'leads.list', { xdate_from: '2031-06-01', xdate_to: '2031-05-01' })).rejects.toThrow(
      /xdate_to/,
    );
    await expect(call(ctx.app, 'leads.list', { xdate_from: '2031-13-01' })).rejects.toThrow(/xdate_from/);
  });
  it('combines filters', async () => {
    await expectFilter(
      { text: 'lee', custom_fields: { region: 'north' }, status_ids: STATUSES },
      (m) => m.last_name !== null && m.custom.region === 'north',
    );
  });
});

describe('kanban', () => {
  async function expectKanbanMatchesList(q: PipelineQuery) {
    const columns = await call(ctx.app, 'leads.kanban', q);
    const items = await list(q);
    const want = new Map<string, { count: number; premium: number }>();
    for (const i of items) {
      const c = want.get(i.status_id) ?? { count: 0, premium: 0 };
      want.set(i.status_id, { count: c.count + 1, premium: c.premium + (i.quoted_premium ?? 0) });
    }
    expect(columns.length).toBe(want.size);
    for (const col of columns) expect(col).toEqual({ status_id: col.status_id, ...want.get(col.status_id)! });
    return columns;
  }
  it('counts and sums premium per status, like the list', async () => {
    const columns = await expectKanbanMatchesList({});
    expect(columns.reduce((s, c) => s + c.count, 0)).toBe(live().length);
    expect(columns.find((c) => c.status_id === STATUS.converted)).toBeUndefined();
  });
  it('applies the same filters', async () => {
    await expectKanbanMatchesList({ include_converted: true });
    await expectKanbanMatchesList({ owner_ids: [owners[2]!] });
    await expectKanbanMatchesList({ tags: ['vip'], custom_fields: { region: 'north' } });
    await expectKanbanMatchesList({ text: 'baker' });
    await expectKanbanMatchesList({ xdate_from: '2031-05-11', xdate_to: '2031-06-12' });
    expect(await call(ctx.app, 'leads.kanban', { text: '"*' })).toEqual([]);
  });
});
