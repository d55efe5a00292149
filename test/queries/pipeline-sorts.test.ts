/**
 * The Leads screen's query on a real replica: every sort, keyset paging (NULLs last), and the
 * stored list items.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SORTS, type PipelineQuery, type PipelineSort } from '../../shared/api/inputs';
import type { LeadListItem } from '../../shared/api/types';
import { listItemJson } from '../../db/queries/pipeline';
import { ids, usePipelineWorld } from './pipeline-world';
import { call, createLead, INS, mutate, newId } from './support';

const { ctx, model, owners, live, list } = usePipelineWorld();

/** The order the pipeline promises: (value, id) in the direction asked, NULL values last by id. */
function expected(items: LeadListItem[], sort: PipelineSort, dir: 'asc' | 'desc'): string[] {
  const lastName = new Map(model.map((m) => [m.id, m.last_name]));
  const key = (i: LeadListItem) => (sort === 'last_name' ? lastName.get(i.id)! : (i[sort] as string | number | null));
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const sign = dir === 'asc' ? 1 : -1;
  const values = items.filter((i) => key(i) !== null).sort((a, b) => sign * (cmp(key(a)!, key(b)!) || cmp(a.id, b.id)));
  const nulls = items.filter((i) => key(i) === null).sort((a, b) => sign * cmp(a.id, b.id));
  return [...values, ...nulls].map((i) => i.id);
}

async function walk(q: PipelineQuery, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: PipelineQuery['after'];
  for (let pages = 0; pages < 200; pages++) {
    const page = await call(ctx.app, 'leads.list', { ...q, limit, after });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((i) => i.id));
    if (!page.next) return seen;
    expect(page.items.length).toBe(limit);
    after = JSON.parse(JSON.stringify(page.next)) as PipelineQuery['after'];
  }
  throw new Error('pagination did not end');
}

describe('pipeline sorts and keyset pagination', () => {
  it('the fixture has NULLs and ties in every nullable sort', async () => {
    const all = await list({});
    for (const col of ['quoted_premium', 'next_follow_up_at', 'status_changed_at', 'policy_expiration_date'] as const) {
      expect(all.some((i) => i[col] === null)).toBe(true);
      expect(all.some((i) => i[col] !== null)).toBe(true);
    }
    expect(live().some((m) => m.last_name === null)).toBe(true);
  });

  for (const sort of PIPELINE_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`sorts by ${sort} ${dir} and pages through every row once (sizes 1, 2, 7, 500)`, async () => {
        const all = await list({});
        const want = expected(all, sort, dir);
        expect((await list({ sort, dir })).map((i) => i.id)).toEqual(want);
        for (const size of [1, 2, 7, 500]) {
          const got = await walk({ sort, dir }, size);
          expect(new Set(got).size, `duplicates at page size ${size}`).toBe(got.length);
          expect(got, `order at page size ${size}`).toEqual(want);
        }
      });
    }
  }

  it('pages a filtered list with converted leads included', async () => {
    const q: PipelineQuery = {
      include_converted: true,
      insurance_type_ids: [INS.auto, INS.life],
      sort: 'quoted_premium',
      dir: 'desc',
    };
    const all = await list(q);
    expect(all.length).toBeGreaterThan(5);
    const want = expected(all, 'quoted_premium', 'desc');
    for (const size of [1, 2, 7]) expect(await walk(q, size)).toEqual(want);
  });

  for (const sort of ['policy_expiration_date', 'updated_at', 'last_name'] as const) {
    it(`pages an X-date window sorted by ${sort} across page boundaries`, async () => {
      const q: PipelineQuery = { xdate_from: '2031-05-11', xdate_to: '2031-07-13', sort, dir: 'asc' };
      const all = await list(q);
      const window = live().filter((m) => m.xdate !== null && m.xdate >= '2031-05-11' && m.xdate <= '2031-07-13');
      expect(ids(all)).toEqual(ids(window));
      expect(all.length).toBeGreaterThan(7);
      const want = expected(all, sort, 'asc');
      for (const size of [1, 3, 7]) expect(await walk(q, size)).toEqual(want);
      for (const size of [2, 5]) expect(await walk({ ...q, dir: 'desc' }, size)).toEqual(expected(all, sort, 'desc'));
    });
  }

  it('defaults to updated_at desc, 50 a page', async () => {
    const page = await call(ctx.app, 'leads.list', {});
    expect(page.items.map((i) => i.id)).toEqual(expected(await list({}), 'updated_at', 'desc'));
    expect(page.next).toBeNull();
  });

  it('list items carry the fields the screen shows', async () => {
    const [item] = await list({ owner_ids: [owners[1]!] });
    const m = model.find((x) => x.id === item!.id)!;
    expect(item).toMatchObject({
      owner_name: 'Avery Agent',
      tags: m.tags,
      is_converted: false,
      status_id: m.status,
      insurance_type_id: m.type,
    });
  });

  it('every item field equals the stored row, awkward text and numbers included', async () => {
    // Items are read as JSON text built by SQLite: quotes, backslashes, control characters,
    // non-ASCII text and doubles that need 17 digits must come back exactly as stored.
    const odd = await createLead(ctx.app, {
      first_name: 'Zoë "Q" \\ O\'Neil',
      last_name: 'Ng\n\t😀',
      email: 'zoe.o+x@example.com',
      insurance_type_id: INS.auto,
      tags: ['say "hi"', 'back\\slash', 'ünï'],
    });
    // Mutations round money to cents; a synced row may still carry any double.
    ctx.app.db.prepare('UPDATE leads SET quoted_premium = ? WHERE id = ?').run(0.1 + 0.2, odd.id);
    try {
      await expectItemsMatchRows(odd.id);
    } finally {
      await mutate(ctx.app, 'softDelete', { table: 'leads', id: odd.id });
    }
  });

  it('every stored list item is what the list query would build from its lead, after every kind of edit', () => {
    // The fixture inserted, edited, re-statused, converted, soft-deleted leads and set coverage.
    const db = ctx.app.db;
    const leads = db.prepare('SELECT count(*) FROM leads').pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM lead_list_items').pluck().get()).toBe(leads);
    const stale = db
      .prepare(
        `SELECT l.id FROM leads l JOIN lead_list_items li ON li.lead_id = l.id WHERE li.item IS NOT ${listItemJson('l')}`,
      )
      .pluck()
      .all();
    expect(stale).toEqual([]);
  });

  it('a lead whose stored item is missing is still listed, with the same item', async () => {
    const byUpdated = await list({ include_converted: true });
    const byName = await list({ include_converted: true, sort: 'last_name', dir: 'asc' });
    const victim = byUpdated[3]!.id;
    ctx.app.db.prepare('DELETE FROM lead_list_items WHERE lead_id = ?').run(victim);
    try {
      expect(await list({ include_converted: true })).toEqual(byUpdated);
      expect(await list({ include_converted: true, sort: 'last_name', dir: 'asc' })).toEqual(byName);
    } finally {
      // Any edit puts it back: the update trigger writes the item whether or not a row was there.
      ctx.app.db.prepare('UPDATE leads SET priority = priority WHERE id = ?').run(victim);
    }
    expect(ctx.app.db.prepare('SELECT count(*) FROM lead_list_items WHERE lead_id = ?').pluck().get(victim)).toBe(1);
  });

  async function expectItemsMatchRows(oddId: string) {
    const items = await list({ include_converted: true });
    const rows = ctx.app.db
      .prepare(
        'SELECT l.*, u.full_name AS owner_name FROM leads l LEFT JOIN users u ON u.id = l.owner_id WHERE l.deleted_at IS NULL',
      )
      .all() as Array<Record<string, string | number | null>>;
    expect(items.length).toBe(rows.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const item of items) {
      const r = byId.get(item.id)!;
      const name = r.business_name
        ? r.business_name
        : `${r.first_name ?? ''} ${r.last_name ?? ''}`.replace(/^ +| +$/g, '');
      expect(item).toEqual({
        id: r.id,
        name,
        lead_type: r.lead_type,
        status_id: r.status_id,
        insurance_type_id: r.insurance_type_id,
        owner_id: r.owner_id,
        owner_name: r.owner_name,
        email: r.email,
        phone: r.phone,
        quoted_premium: r.quoted_premium,
        priority: r.priority,
        ai_follow_up_priority: r.ai_follow_up_priority,
        next_follow_up_at: r.next_follow_up_at,
        last_contacted_at: r.last_contacted_at,
        status_changed_at: r.status_changed_at,
        created_at: r.created_at,
        updated_at: r.updated_at,
        tags: JSON.parse(r.tags as string),
        is_converted: r.is_converted === 1,
        current_carrier: r.current_carrier,
        current_premium: r.current_premium,
        policy_expiration_date: r.policy_expiration_date,
      });
    }
    const got = items.find((i) => i.id === oddId)!;
    expect(got.name).toBe('Zoë "Q" \\ O\'Neil Ng\n\t😀');
    expect(got.quoted_premium).toBe(0.1 + 0.2);
    expect(got.tags).toEqual(['say "hi"', 'back\\slash', 'ünï']);
  }

  it('owner names follow edits to users, from this connection or another', async () => {
    const owner = owners[2]!;
    const names = async () => new Set((await list({ owner_ids: [owner] })).map((i) => i.owner_name));
    expect(await names()).toEqual(new Set(['Blake Broker']));
    ctx.app.db.prepare('UPDATE users SET full_name = ? WHERE id = ?').run('Blake Renamed', owner);
    expect(await names()).toEqual(new Set(['Blake Renamed']));
    // A sync process or the CLI writes through its own connection.
    const other = new Database(ctx.path);
    try {
      other.prepare('UPDATE users SET full_name = ? WHERE id = ?').run('Blake Broker', owner);
    } finally {
      other.close();
    }
    expect(await names()).toEqual(new Set(['Blake Broker']));
  });

  it('a lead whose owner is not in users has no owner name', async () => {
    const lead = model.find((m) => !m.deleted && !m.converted)!;
    const ghost = newId();
    ctx.app.db.pragma('foreign_keys = OFF');
    try {
      ctx.app.db.prepare('UPDATE leads SET owner_id = ? WHERE id = ?').run(ghost, lead.id);
      expect((await list({ owner_ids: [ghost] })).map((i) => [i.id, i.owner_name])).toEqual([[lead.id, null]]);
    } finally {
      ctx.app.db.prepare('UPDATE leads SET owner_id = ? WHERE id = ?').run(lead.owner, lead.id);
      ctx.app.db.pragma('foreign_keys = ON');
    }
  });
});
