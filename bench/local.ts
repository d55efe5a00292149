import type { ReplicaDb } from '../db/sqlite/open';
import { listLeads } from '../db/queries/pipeline';
import { searchAll } from '../db/queries/search';
import { timeline } from '../db/queries/timeline';
import { dashboard } from '../db/queries/dashboard';
import { SqliteTx } from '../db/sqlite/tx';
import { executeMutation } from '../shared/mutations/execute';
import { percentile, time } from './stats';

/** A fixed word mix: rare (a few hits), medium, and very common words across 1M+ documents. */
export const SEARCH_WORDS = ['zimmerman', 'vin', 'garage', 'umbrella', 'renewal', 'quote', 'the', 'called', 'policy', 'sm', 'toy', 'deductible'];

function sample<T>(db: ReplicaDb, sql: string, n: number): T[] {
  return db.prepare(sql).all(n) as T[];
}

/** The replica's screen queries, each timed over many runs: figures in ms. */
export async function measureLocal(db: ReplicaDb, runs: number) {
  const statuses = sample<{ id: string }>(db, 'SELECT id FROM lead_statuses ORDER BY sort_order LIMIT ?', 7).map((s) => s.id);
  const pipelines = [
    {},
    { status_ids: [statuses[1]!] },
    { sort: 'quoted_premium' as const },
    { sort: 'next_follow_up_at' as const, dir: 'asc' as const },
    { status_ids: [statuses[4]!], sort: 'created_at' as const },
  ];
  const pipeline = await time((i) => listLeads(db, pipelines[i % pipelines.length]), runs);
  const search = await time((i) => searchAll(db, SEARCH_WORDS[i % SEARCH_WORDS.length]!, 20), runs);
  const makes = ['Toyota', 'Honda', 'Ford', 'Tesla', 'Subaru'];
  const vehicle = await time((i) => listLeads(db, { vehicle_make: makes[i % makes.length] }), runs);
  const leads = sample<{ id: string }>(db, 'SELECT id FROM leads ORDER BY random() LIMIT ?', runs + 20).map((l) => l.id);
  const tl = await time((i) => timeline(db, { lead_id: leads[i % leads.length]! }), runs);
  const dash = await time(() => dashboard(db, { weeks: 12 }, new Date()), Math.max(10, Math.floor(runs / 10)), 3);
  return {
    pipeline_p50_ms: percentile(pipeline, 50),
    pipeline_p95_ms: percentile(pipeline, 95),
    search_p50_ms: percentile(search, 50),
    search_p95_ms: percentile(search, 95),
    vehicle_filter_p95_ms: percentile(vehicle, 95),
    timeline_p95_ms: percentile(tl, 95),
    dashboard_p95_ms: percentile(dash, 95),
  };
}

/**
 * convertLead on open leads, timed through the whole transaction (mutation and outbox row)
 * but rolled back instead of committed, so the cached benchmark replica stays as built.
 */
export async function measureConvert(db: ReplicaDb, runs: number) {
  const open = db
    .prepare(`SELECT id, owner_id, team_id FROM leads WHERE is_converted = 0 AND status_id IN (SELECT id FROM lead_statuses WHERE category = 'open') ORDER BY random() LIMIT ?`)
    .all(runs + 5) as Array<{ id: string; owner_id: string; team_id: string | null }>;
  const times = await time(async (i) => {
    const lead = open[i % open.length]!;
    const tx = new SqliteTx(db);
    db.exec('BEGIN IMMEDIATE');
    try {
      const { args } = await executeMutation(tx, 'convertLead', { lead_id: lead.id }, {
        actor: { userId: lead.owner_id, teamId: lead.team_id, role: 'agent' },
        now: new Date().toISOString(),
        side: 'replica',
      });
      db.prepare('INSERT INTO outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)').run(crypto.randomUUID(), 'convertLead', JSON.stringify(args), new Date().toISOString());
    } finally {
      db.exec('ROLLBACK');
    }
  }, runs, 5);
  return { convert_p95_ms: percentile(times, 95) };
}
