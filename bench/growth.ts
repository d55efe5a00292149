/**
 * `npm run bench -- --json --growth [--leads 1000000]`: the screen figures measured on agencies of
 * 10k and 100k leads (and 1M when asked), each figure's p95 at every size, and its growth per 10×
 * (p95 at 100k ÷ p95 at 10k): a screen whose cost follows its page grows by about 1, one that
 * reads the whole book by about 10. Also the replica's bytes per lead at 100k.
 */
import { statSync } from 'node:fs';
import { openReplica, type ReplicaDb } from '../db/sqlite/open';
import { today } from '../db/queries/today';
import { forgetLeadChances } from '../electron/main/score/lead-chance-store';
import { refreshAllLeadChances } from '../electron/main/score/lead-chances';
import { currentLeadModel, learnedChances } from '../electron/main/score/lead-score';
import { measureBook } from './book';
import { measureLocal } from './local';
import { log, medianOf, percentile, round, time } from './stats';

/** The figures whose growth is judged (screen reads a person waits for), and their budgets at 100k. */
export const GROWTH_BUDGETS: Record<string, number> = {
  pipeline_p95_ms: 1,
  timeline_p95_ms: 2,
  search_p95_ms: 20,
  vehicle_filter_p95_ms: 10,
  dashboard_p95_ms: 50,
  book_dashboard_p95_ms: 50,
  today_p95_ms: 2,
  today_learned_p95_ms: 2,
  renewals_p95_ms: 2,
  xdates_p95_ms: 2,
  client_page_p95_ms: 2,
  policy_search_p95_ms: 10,
};
const GROWTH_TARGET = 2;

/**
 * Today for the agent with the most follow-ups (the longest list a person may open); also in the
 * full local bench. Then with a learned model (trained and stored if the replica has none) and
 * its chances stored in today_ranks (all made stale and filled first: `lead_chances_fill_ms`),
 * on a page made only of overdue follow-ups (until = now), the case the blend ranks hardest.
 */
export async function measureToday(db: ReplicaDb, runs: number): Promise<Record<string, number>> {
  const busiest = db
    .prepare(
      `SELECT owner_id FROM leads WHERE next_follow_up_at IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { owner_id: string } | undefined;
  if (!busiest) return {};
  const now = new Date();
  const t = await time(() => today(db, { scope: 'mine', limit: 100 }, now, busiest.owner_id), runs);
  const model = currentLeadModel(db, now);
  if (!model) return { today_p95_ms: percentile(t, 95) };
  // As after a retrain: every chance stale, then all filled in (in the app, piece by piece off any screen's path).
  const t0 = performance.now();
  forgetLeadChances(db, model);
  refreshAllLeadChances(db, model);
  const fill = performance.now() - t0;
  const learned = learnedChances(db);
  const overdue = { scope: 'mine' as const, limit: 100, until: now.toISOString() };
  const tl = await time(() => today(db, overdue, now, busiest.owner_id, learned), runs);
  return { today_p95_ms: percentile(t, 95), today_learned_p95_ms: percentile(tl, 95), lead_chances_fill_ms: fill };
}

async function figuresAt(file: string, repeats: number, runs: number): Promise<Record<string, number>> {
  const db = openReplica(file);
  try {
    const local = await medianOf(repeats, () => measureLocal(db, runs));
    const book = await medianOf(repeats, () => measureBook(db, runs));
    const todayFigures = await medianOf(repeats, () => measureToday(db, runs));
    const leads = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      ...local,
      ...book,
      ...todayFigures,
      leads,
      replica_bytes_per_lead: Math.round(statSync(file).size / Math.max(1, leads)),
    } as Record<string, number>;
  } finally {
    db.close();
  }
}

export async function benchGrowth(
  sizes: number[],
  build: (leads: number) => Promise<string>,
  opts: { repeats: number; runs: number },
) {
  const bySize: Record<number, Record<string, number>> = {};
  const buildSeconds: Record<number, number> = {};
  for (const size of sizes) {
    const t0 = performance.now();
    const file = await build(size);
    buildSeconds[size] = round((performance.now() - t0) / 1000, 1);
    bySize[size] = await figuresAt(file, opts.repeats, opts.runs);
    log(`growth: ${size} leads: ${JSON.stringify(bySize[size])}`);
  }
  const small = bySize[10_000];
  const large = bySize[100_000];
  const growth: Record<string, number> = {};
  if (small && large)
    for (const k of Object.keys(GROWTH_BUDGETS))
      if (small[k] !== undefined && large[k] !== undefined)
        growth[k] = round(large[k]! / Math.max(small[k]!, 0.001), 2);
  log('figure, p95 ms'.padEnd(26) + sizes.map((s) => `${s}`.padStart(10)).join('') + '  growth/10×');
  for (const k of Object.keys(GROWTH_BUDGETS)) {
    const cells = sizes.map((s) => `${bySize[s]?.[k] ?? '–'}`.padStart(10)).join('');
    const g = growth[k];
    const budget = GROWTH_BUDGETS[k]!;
    const atLargest = bySize[sizes[sizes.length - 1]!]?.[k];
    const verdict = [
      g === undefined ? '' : g <= GROWTH_TARGET ? 'growth ok' : 'growth MISSED',
      atLargest === undefined ? '' : atLargest <= budget ? `budget ${budget} ok` : `budget ${budget} MISSED`,
    ].join(', ');
    log(`${k.padEnd(26)}${cells}  ${g ?? '–'}  ${verdict}`);
  }
  return {
    growth_per_10x: growth,
    replica_bytes_per_lead: large?.replica_bytes_per_lead,
    p95_by_size: bySize,
    build_s_by_size: buildSeconds,
  };
}
