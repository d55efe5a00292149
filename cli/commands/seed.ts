import { bulkLoadDirect, seedViaMutations, type LoadResult } from '../../db/sqlite/bulk-load';
import { openReplica, type ReplicaDb } from '../../db/sqlite/open';

export interface SeedOptions {
  /** Replica file (created and migrated if missing). */
  db: string;
  leads: number;
  seed: number;
  /** Bulk load without outbox entries (benchmarks) instead of through the outbox. */
  direct: boolean;
}

const COUNTED = {
  leads: 'leads',
  notes: 'lead_notes',
  communications: 'lead_communications',
  contacts: 'contacts',
  opportunities: 'opportunities',
  clients: 'clients',
  outbox: 'outbox',
} as const;

function count(db: ReplicaDb, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/**
 * `seed`: fills a replica with a deterministic synthetic agency (shared/synthetic). Through the
 * outbox by default, so the replica syncs it like any local work; `direct` for benchmarks.
 * Counts are of the whole replica after seeding; `ms` is the whole command's wall time.
 */
export async function seedCommand(opts: SeedOptions): Promise<object> {
  const started = performance.now();
  if (!Number.isInteger(opts.leads) || opts.leads < 0) throw new Error('leads must be a whole number, 0 or more');
  if (!Number.isInteger(opts.seed)) throw new Error('seed must be a whole number');
  const db = openReplica(opts.db);
  try {
    const load: LoadResult & { threads?: number } = opts.direct
      ? await bulkLoadDirect(db, { leads: opts.leads, seed: opts.seed })
      : await seedViaMutations(db, { leads: opts.leads, seed: opts.seed });
    const counts = Object.fromEntries(Object.entries(COUNTED).map(([key, table]) => [key, count(db, table)]));
    return {
      db: opts.db,
      mode: opts.direct ? 'direct' : 'mutations',
      seed: opts.seed,
      ...counts,
      ms: Math.round(performance.now() - started),
      load: {
        leads: load.leads,
        steps: load.steps,
        users: load.users,
        ms: load.ms,
        cpuMs: load.cpuMs,
        leadsPerSecond: load.leadsPerSecond,
        stepsPerSecond: load.stepsPerSecond,
        threads: load.threads ?? 1,
      },
    };
  } finally {
    db.close();
  }
}
