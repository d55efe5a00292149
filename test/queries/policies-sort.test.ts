/**
 * The policies list's column sorts on a real replica file: every sort, both directions, the same
 * order whatever the page size (ties broken by id, so offset pages neither repeat nor skip a
 * term), deleted terms left out, and the policy's own columns read along their sort index.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { policiesListSql } from '../../db/queries/policies';
import { POLICY_SORTS, policiesQuery, type PolicyListItem, type PolicySort } from '../../shared/api/book';
import { CARRIER_SEEDS } from '../../shared/lookups';
import { call, createLead, INS, mutate, useApp } from './support';

const ctx = useApp();
const CARRIERS = CARRIER_SEEDS.slice(0, 3).map((c) => c.id);
const LINES = [INS.auto, INS.home, INS.life];
let deleted = '';

beforeAll(async () => {
  const app = ctx.app;
  const clients: string[] = [];
  for (const last of ['Young', 'Abbott', 'Moreno', 'Abbott']) {
    const lead = await createLead(app, { first_name: 'Kim', last_name: last });
    clients.push(((await mutate(app, 'convertLead', { lead_id: lead.id })) as { client_id: string }).client_id);
  }
  for (let i = 0; i < 17; i++) {
    const p = await mutate(app, 'addPolicy', {
      client_id: clients[i % clients.length]!,
      carrier_id: CARRIERS[i % 3]!,
      insurance_type_id: LINES[(i >> 1) % 3]!,
      // Repeated numbers, dates and premiums: ties that only the id can order.
      policy_number: `PN-${String(i % 6).padStart(3, '0')}`,
      effective_date: `2030-0${(i % 4) + 1}-01`,
      expiration_date: `2031-0${(i % 5) + 1}-01`,
      written_premium: [800, 1200.5, 800, 95][i % 4]!,
      status: i % 3 === 0 ? 'pending' : 'active',
    });
    if (i === 9) deleted = p.id as string;
  }
  // A term deleted elsewhere arrives by sync (no mutation here deletes a term).
  app.db.prepare('UPDATE policies SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), deleted);
});

const value = (p: PolicyListItem, sort: PolicySort): string | number =>
  ({
    policy_number: p.policy_number,
    client: p.client_name,
    carrier: p.carrier_name,
    line: p.line_name,
    status: p.status,
    effective_date: p.effective_date,
    expiration_date: p.expiration_date,
    written_premium: p.written_premium,
  })[sort];

function expected(items: PolicyListItem[], sort: PolicySort, dir: 'asc' | 'desc'): string[] {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * (cmp(value(a, sort), value(b, sort)) || cmp(a.id, b.id))).map((p) => p.id);
}

async function walk(sort: PolicySort, dir: 'asc' | 'desc', limit: number): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset < 1000; offset += limit) {
    const page = await call(ctx.app, 'policies.list', { sort, dir, limit, offset });
    seen.push(...page.map((p) => p.id));
    if (page.length < limit) return seen;
  }
  throw new Error('paging did not end');
}

describe('policies list sorts', () => {
  it('lists live terms only, newest expiration first by default', async () => {
    const all = await call(ctx.app, 'policies.list', { limit: 500 });
    // 17 added, one deleted, plus none from conversion (no carrier given)
    expect(all.length).toBe(16);
    expect(all.map((p) => p.id)).not.toContain(deleted);
    expect(all.map((p) => p.id)).toEqual(expected(all, 'expiration_date', 'desc'));
  });

  for (const sort of POLICY_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`sorts by ${sort} ${dir}, the same order across page boundaries (sizes 1, 3, 7)`, async () => {
        const all = await call(ctx.app, 'policies.list', { sort, dir, limit: 500 });
        const want = expected(all, sort, dir);
        expect(new Set(all.map((p) => value(p, sort))).size, 'the fixture has distinct values').toBeGreaterThan(1);
        expect(all.map((p) => p.id)).toEqual(want);
        for (const size of [1, 3, 7]) expect(await walk(sort, dir, size), `page size ${size}`).toEqual(want);
      });
    }
  }

  it("reads the policy's own columns along their sort index, with no sort step", () => {
    for (const sort of ['policy_number', 'effective_date', 'expiration_date', 'written_premium'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const { sql, params } = policiesListSql(policiesQuery.parse({ sort, dir }));
        const plan = (ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join(' / ');
        expect(plan, `${sort} ${dir}`).toMatch(new RegExp(`INDEX idx_policies_sort_${sort}\\b`));
        expect(plan, `${sort} ${dir}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('refuses an unknown sort, naming the field', async () => {
    const r = await ctx.app.dispatch('policies.list', { sort: 'owner' } as never);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toMatch(/sort/);
  });
});
