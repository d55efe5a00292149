/**
 * Loading a synthetic agency (shared/synthetic) into a replica.
 *
 * - seedViaMutations: the people rows directly (they come from the server in reality), then every
 *   step as a named mutation with its outbox entry, acting as the lead's owner agent. The replica
 *   then syncs like any other local work. Batched (BatchWriter), or one by one through
 *   ReplicaWriter with `batchSize: 1`.
 * - bulkLoadDirect: the same mutations, without outbox entries, in large transactions, through a
 *   write-through row cache, with steps generated and parsed on a worker thread; for benchmarks.
 */
import type { Row, TableName } from '../../shared/model/catalogue';
import type { FindOptions, Where } from '../../shared/mutations/tx';
import { columnSpec, encodeSqliteValue } from '../../shared/model/codec';
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { startModuleWorker } from './module-worker';
import type { Actor } from '../../shared/mutations/define';
import { getMutation } from '../../shared/mutations/registry';
import {
  generateAgency,
  preparedBatches,
  type AgencyOptions,
  type PreparedStep,
  type SyntheticAgency,
  type SyntheticStep,
} from '../../shared/synthetic';
import { BatchWriter, CachedTx, tuneForBulk, type BatchMutation } from './batch-writer';
import { rebuildDerivedQuietly, repairDerived, restoreIndexesFor, suspendDerived } from './derived';
import type { ReplicaDb } from './open';
import { SqliteTx } from './tx';
import { ReplicaWriter } from './writer';

export interface LoadOptions extends Omit<AgencyOptions, 'leads' | 'seed'> {
  leads: number;
  seed: number;
  /** Called now and then with the number of steps done (for progress output). */
  onProgress?: (done: { steps: number; leads: number }) => void;
}

export interface LoadResult {
  leads: number;
  steps: number;
  users: number;
  ms: number;
  /** CPU time of this process during the load (user + system): steadier than `ms` on a busy machine. */
  cpuMs: number;
  /** Mutations per second, and leads per second, over the whole load. */
  stepsPerSecond: number;
  leadsPerSecond: number;
}

/** Inserts the agency's teams and users (ignoring rows already there). */
export function insertPeople(db: ReplicaDb, agency: Pick<SyntheticAgency, 'teams' | 'users'>): number {
  let n = 0;
  const put = (table: TableName, row: Record<string, unknown>) => {
    const keys = Object.keys(row);
    const values = keys.map((k) => encodeSqliteValue(columnSpec(table, k), row[k]));
    n += db
      .prepare(
        `INSERT OR IGNORE INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
      )
      .run(...values).changes;
  };
  db.transaction(() => {
    for (const t of agency.teams) put('teams', t);
    for (const u of agency.users) put('users', u);
  })();
  return n;
}

/** Each user's Actor: every step is made by the lead's owner, an agent. */
function actorsOf(agency: SyntheticAgency): (userId: string) => Actor {
  const map = new Map<string, Actor>(
    agency.users.map((u) => [u.id, { userId: u.id, teamId: u.team_id, role: u.role }]),
  );
  return (id) => {
    const actor = map.get(id);
    if (!actor) throw new Error(`unknown synthetic user ${id}`);
    return actor;
  };
}

interface Clock {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

const startClock = (): Clock => ({ wall: performance.now(), cpu: process.cpuUsage() });

function result(agency: SyntheticAgency, steps: number, started: Clock): LoadResult {
  const ms = Math.round(performance.now() - started.wall);
  const cpu = process.cpuUsage(started.cpu);
  const perSecond = (n: number) => Math.round((n * 1000) / Math.max(1, ms));
  return {
    leads: agency.leads,
    steps,
    users: agency.users.length,
    ms,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    stepsPerSecond: perSecond(steps),
    leadsPerSecond: perSecond(agency.leads),
  };
}

const PROGRESS_EVERY = 50_000;

/**
 * Seeds through the app's write path: every step is a named mutation with an outbox entry, made
 * by the lead's owner agent. `batchSize` mutations share a transaction (BatchWriter); with
 * `batchSize: 1` each goes through ReplicaWriter.mutate, exactly as the app writes.
 */
export async function seedViaMutations(
  db: ReplicaDb,
  options: LoadOptions & { batchSize?: number },
): Promise<LoadResult> {
  const started = startClock();
  const agency = generateAgency(options);
  insertPeople(db, agency);
  const actorOf = actorsOf(agency);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000));
  let steps = 0;
  let leads = 0;
  const tick = (s: SyntheticStep) => {
    steps++;
    if (s.name === 'createLead') leads++;
    if (steps % PROGRESS_EVERY === 0) options.onProgress?.({ steps, leads });
  };

  if (batchSize === 1) {
    let actor: Actor | null = null;
    const writer = new ReplicaWriter(db, () => actor!);
    for (const s of agency) {
      actor = actorOf(s.actorId);
      await writer.mutate(s.name, s.args, { id: s.id, createdAt: s.createdAt });
      tick(s);
    }
    return result(agency, steps, started);
  }

  const writer = new BatchWriter(db);
  let batch: BatchMutation[] = [];
  for (const s of agency) {
    batch.push({ name: s.name, args: s.args, actor: actorOf(s.actorId), id: s.id, createdAt: s.createdAt });
    tick(s);
    if (batch.length >= batchSize) {
      await writer.mutateBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await writer.mutateBatch(batch);
  return result(agency, steps, started);
}

const WORKER_KIND = 'fieldline-synthetic-steps';
/** Batches the worker may run ahead of the database (memory stays flat). */
const AHEAD = 8;

type WorkerInput = { kind: typeof WORKER_KIND; options: AgencyOptions; flow: SharedArrayBuffer };
type WorkerMessage = { steps: PreparedStep[] } | { done: true } | { error: string };

/** The worker: generates the agency and parses every step, a few batches ahead of the consumer. */
function produce({ options, flow }: WorkerInput) {
  const counts = new Int32Array(flow); // [0]: batches sent, [1]: batches consumed
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  try {
    for (const steps of preparedBatches(generateAgency(options))) {
      while (Atomics.load(counts, 0) - Atomics.load(counts, 1) >= AHEAD)
        Atomics.wait(counts, 1, Atomics.load(counts, 1), 1000);
      Atomics.add(counts, 0, 1);
      post({ steps });
    }
    post({ done: true });
  } catch (err) {
    post({ error: (err as Error).message });
  }
}

if (!isMainThread && (workerData as WorkerInput | null)?.kind === WORKER_KIND) produce(workerData as WorkerInput);

/** Starts this module as a worker: directly when compiled, through tsx's loader when run as TypeScript. */
const startWorker = (data: WorkerInput): Worker => startModuleWorker(new URL(import.meta.url), data);

/** Parsed steps from a worker thread, or null if no worker could be started here. */
async function* fromWorker(options: AgencyOptions): AsyncGenerator<PreparedStep[], void, undefined> {
  const flow = new SharedArrayBuffer(8);
  const counts = new Int32Array(flow);
  const { onProgress: _, ...plain } = options as LoadOptions;
  const worker = startWorker({ kind: WORKER_KIND, options: plain, flow });
  const inbox: Array<WorkerMessage | Error> = [];
  let wake: (() => void) | null = null;
  const push = (m: WorkerMessage | Error) => {
    inbox.push(m);
    wake?.();
  };
  worker.on('message', push);
  worker.on('error', push);
  worker.on('exit', (code) => push(new Error(`the step worker stopped (exit code ${code})`)));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift()!;
      if (m instanceof Error) throw m;
      if ('error' in m) throw new Error(m.error);
      if ('done' in m) return;
      yield m.steps;
      Atomics.add(counts, 1, 1);
      Atomics.notify(counts, 1);
    }
  } finally {
    await worker.terminate();
  }
}

async function* inThread(options: AgencyOptions): AsyncGenerator<PreparedStep[], void, undefined> {
  yield* preparedBatches(generateAgency(options));
}

/**
 * Where the parsed steps come from: a worker thread when `threads` is 2 (the default) and one can
 * be started, so generation and argument parsing run beside the database work; else this thread.
 */
async function stepSource(
  options: AgencyOptions,
  threads: number,
): Promise<{ batches: AsyncIterator<PreparedStep[]>; first: IteratorResult<PreparedStep[]>; threads: number }> {
  if (threads > 1) {
    const batches = fromWorker(options);
    try {
      return { batches, first: await batches.next(), threads: 2 };
    } catch {
      // No worker here (e.g. TypeScript without tsx): generate on this thread instead.
    }
  }
  const batches = inThread(options);
  return { batches, first: await batches.next(), threads: 1 };
}

/**
 * The tables the synthetic agency fills: their secondary indexes are set aside during a bulk load
 * and built at its end from the whole table (sorting once costs far less than keeping a dozen
 * B-trees in order row by row, and every row of `leads` is updated about ten times).
 */
const BULK_TABLES = [
  'leads',
  'addresses',
  'contacts',
  'clients',
  'households',
  'opportunities',
  'policies',
  'lead_notes',
  'lead_communications',
  'timeline_events',
  'record_changes',
];

/**
 * Rows the bulk load's cache keeps: half a row per lead of the book, at least 50,000. The leads in
 * flight (their clients, policies and households, which renewals read months later) grow with the
 * book, and at 1M leads a 50,000-row cache missed so often that reading rows back from SQLite by
 * id was a third of the main thread (a live profile at 300k leads), each 100k leads taking 136,
 * 286, then 337 s. With this, such reads were 5% of it and the second 100k took 255 s; the build
 * still slows as the book grows (README: the generator toward 1M leads).
 */
const rowCacheFor = (leads: number) => Math.max(50_000, Math.ceil(leads / 2));

/** CachedTx whose lookups by columns first bring back the set-aside indexes they need. */
class BulkTx extends CachedTx {
  private readonly restored = new Set<string>();

  constructor(
    private readonly db: ReplicaDb,
    inner: SqliteTx,
    leads: number,
  ) {
    super(inner, rowCacheFor(leads));
  }

  override find<T extends TableName>(table: T, where: Where<T>, options?: FindOptions<T>): Promise<Row<T>[]> {
    const columns = Object.keys(where);
    const key = `${table}(${columns.join(',')})`;
    if (!this.restored.has(key)) {
      restoreIndexesFor(this.db, table, columns);
      this.restored.add(key);
    }
    return super.find(table, where, options);
  }
}

/**
 * Loads a synthetic agency as fast as possible for benchmarks: the same named mutations (arguments
 * parsed by parseMutation, then the mutation's run: executeMutation in two halves, the first on a
 * worker thread), no outbox entries, `leadsPerTransaction` leads' worth of steps per transaction, a
 * row cache (CachedTx), bulk settings (tuneForBulk) and the derived state (search index, vehicle,
 * tag and list-item tables) set aside and built once at the end, as a first sync does
 * (db/sqlite/derived.ts): FTS5 flushes its pending terms at every statement that fires a trigger,
 * so indexing rows one by one costs about three times indexing them in bulk. The filled tables'
 * secondary indexes are set aside too (BULK_TABLES), and built after the load. A load that dies
 * midway leaves the marker, and the replica is rebuilt when it is next opened. Every row still
 * passes the schema's CHECKs and foreign keys (they stay on).
 */
export async function bulkLoadDirect(
  db: ReplicaDb,
  options: LoadOptions & {
    leadsPerTransaction?: number;
    threads?: 1 | 2;
    /** The caller deletes the file if the load fails: its journal may stay in memory (tuneForBulk). */
    disposable?: boolean;
  },
): Promise<LoadResult & { threads: number }> {
  const started = startClock();
  const agency = generateAgency(options);
  insertPeople(db, agency);
  const actorOf = actorsOf(agency);
  const perTx = Math.max(1, Math.floor(options.leadsPerTransaction ?? 500));
  const sqlite = new SqliteTx(db);
  const tx = new BulkTx(db, sqlite, options.leads);
  const source = await stepSource(options, options.threads ?? 2);
  const restore = tuneForBulk(db, { journalInMemory: options.disposable === true });
  suspendDerived(db, { deferIndexesOf: BULK_TABLES });
  let steps = 0;
  let leads = 0;
  let name = '';
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let next = source.first; !next.done; next = await source.batches.next()) {
      for (const s of next.value) {
        name = s.name;
        await getMutation(s.name)!.run(tx, s.args, { actor: actorOf(s.actorId), now: s.createdAt, side: 'replica' });
        steps++;
        if (steps % PROGRESS_EVERY === 0) options.onProgress?.({ steps, leads });
        if (s.name === 'createLead' && ++leads % perTx === 0) {
          db.exec('COMMIT');
          sqlite.touched.length = 0; // what a transaction wrote: not needed past its commit
          db.exec('BEGIN IMMEDIATE');
        }
      }
    }
    db.exec('COMMIT');
    tx.clear();
    // In slices of their own transactions, as a first sync rebuilds: one transaction over the whole
    // book held every page it wrote in the WAL until its end (the rebuild of 100k leads: 58 to 52
    // CPU s in one side test). No event of its own: the load's writes are told as they were.
    await rebuildDerivedQuietly(db, async () => {});
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    tx.clear();
    await source.batches.return?.();
    throw new Error(`bulk load failed at step ${steps} (${name}): ${(err as Error).message}`, { cause: err });
  } finally {
    try {
      repairDerived(db); // after a failure (nothing left to do after a rebuild)
    } finally {
      restore();
    }
  }
  return { ...result(agency, steps, started), threads: source.threads };
}
