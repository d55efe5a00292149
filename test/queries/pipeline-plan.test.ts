/**
 * The pipeline's query plans on a real replica file: each page walks its sort index as a covering
 * index (no lead row, no sort step), whether the replica has planner statistics or not, and after
 * a migration left the statistics partial. Plans, not timings: a wrong plan is 1,000× slower at
 * 100k leads (a sort over every live lead), which no timing on a small fixture would show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kanban, listLeads } from '../../db/queries/pipeline';
import { bulkLoadDirect } from '../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';
import { dropValueSamples, refreshPartialStats } from '../../db/sqlite/planner-stats';
import { PIPELINE_SORTS, type PipelineQuery } from '../../shared/api/inputs';

let dir: string;
let db: ReplicaDb;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldline-plan-'));
  file = join(dir, 'replica.db');
  db = openReplica(file);
  await bulkLoadDirect(db, { leads: 400, seed: 3 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The plan of the page query listLeads runs for q (its first phase), prepared on a connection
 * of its own: statements are cached per connection, and a new one plans with today's statistics.
 */
function planOf(q: PipelineQuery, query: 'list' | 'board' = 'list'): string {
  const reader = openReplica(file, { readonly: true });
  const seen: string[] = [];
  const prepare = reader.prepare.bind(reader);
  reader.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof reader.prepare;
  try {
    if (query === 'list') listLeads(reader, q);
    else kanban(reader, q);
    const sql = seen.find((s) => s.includes(query === 'list' ? 'lead_list_items' : 'GROUP BY l.status_id'));
    expect(sql, `the ${query} query was prepared`).toBeDefined();
    const params = [
      ...(q.status_ids ?? []),
      ...(q.tags ?? []),
      ...(q.vehicle_make ? [q.vehicle_make] : []),
      ...(query === 'list' ? [51] : []),
    ];
    return (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' / ');
  } finally {
    reader.close();
  }
}

const statusId = () => db.prepare(`SELECT id FROM lead_statuses WHERE code = 'contacted'`).pluck().get() as string;

function expectIndexWalks() {
  for (const sort of PIPELINE_SORTS.filter((s) => s !== 'last_name')) {
    const plan = planOf({ sort });
    expect(plan, sort).toMatch(new RegExp(`COVERING INDEX idx_leads_${sort}\\b`));
    expect(plan, sort).not.toMatch(/TEMP B-TREE/);
  }
  const byStatus = planOf({ status_ids: [statusId()] });
  expect(byStatus).toMatch(/COVERING INDEX idx_leads_status_id \(status_id=\?\)/);
  expect(byStatus).not.toMatch(/TEMP B-TREE/);
  // A vehicle-make or tag filter alone walks the sort's index and probes each lead with one seek;
  // listing every match first (an IN subquery) made the page's cost grow with the book.
  // (last_name's index, on last and first name, has no id to break ties: excluded above too.)
  for (const sort of PIPELINE_SORTS.filter((s) => s !== 'last_name'))
    for (const q of [
      { sort, vehicle_make: 'Toyota' },
      { sort, tags: ['vip'] },
    ]) {
      const plan = planOf(q);
      expect(plan, JSON.stringify(q)).toMatch(/CORRELATED SCALAR SUBQUERY/);
      expect(plan, JSON.stringify(q)).toMatch(
        /(idx_lead_vehicles_make \(make=\? AND lead_id=\?\)|idx_lead_tags_tag \(tag=\? AND lead_id=\?\))/,
      );
      expect(plan, JSON.stringify(q)).not.toMatch(/LIST SUBQUERY|TEMP B-TREE|BLOOM FILTER ON (v|t)/);
    }
  // The board's counts read the narrow live-leads index, not the lead rows.
  for (const q of [{}, { include_converted: true }, { status_ids: [statusId()] }])
    expect(planOf(q, 'board')).toMatch(/INDEX idx_leads_live_rollup/);
}

describe('pipeline plans', () => {
  it('walk each sort index, covering, on a replica without statistics', () => {
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`).pluck().get()).toBe(0);
    expectIndexWalks();
  });

  it('walk each sort index, covering, once the replica is analyzed', () => {
    db.exec('ANALYZE');
    expectIndexWalks();
  });

  it('analyze a table again when a migration left it with partial statistics', () => {
    db.prepare(`DELETE FROM sqlite_stat1 WHERE idx = 'idx_leads_updated_at'`).run();
    expect(refreshPartialStats(db)).toEqual(['leads']);
    expect(db.prepare(`SELECT count(*) FROM sqlite_stat1 WHERE idx = 'idx_leads_updated_at'`).pluck().get()).toBe(1);
    expect(refreshPartialStats(db)).toEqual([]);
    expectIndexWalks();
  });

  it('keep walking them once the value samples are dropped, and the counts stay', () => {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const counts = count('sqlite_stat1');
    expect(count('sqlite_stat4')).toBeGreaterThan(0);
    expect(dropValueSamples(db)).toBe(true);
    expect(count('sqlite_stat4')).toBe(0);
    expect(count('sqlite_stat1')).toBe(counts);
    expect(dropValueSamples(db)).toBe(false);
    expectIndexWalks();
  });

  it('lose the value samples when the replica is opened again', () => {
    db.exec('ANALYZE');
    expect(db.prepare('SELECT count(*) FROM sqlite_stat4').pluck().get()).toBeGreaterThan(0);
    const again = openReplica(file);
    try {
      expect(again.prepare('SELECT count(*) FROM sqlite_stat4').pluck().get()).toBe(0);
      expect(again.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get()).toBeGreaterThan(0);
    } finally {
      again.close();
    }
  });
});
