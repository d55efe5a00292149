import pg from 'pg';
import type { ReplicaDb } from '../db/sqlite/open';
import { migratePostgres } from '../db/pg/migrate';
import { columnSpec, decodeRow, encodePgValue } from '../shared/model/codec';
import type { TableName } from '../shared/model/catalogue';
import { percentile, time, log } from './stats';
import type { PipelineQuery } from '../shared/api/inputs';
import { listLeads, NULLABLE } from '../db/queries/pipeline';
import { displayName } from '../db/queries/rows';
import { pipelineMix } from './pipeline-mix';

/** The tables the pipeline query reads, in foreign-key order. */
const COPY: TableName[] = [
  'teams',
  'users',
  'lead_statuses',
  'insurance_types',
  'communication_types',
  'campaigns',
  'addresses',
  'clients',
  'leads',
];

/** Copies a replica table's rows into Postgres in multi-row INSERTs (ids kept). */
export async function copyTable(db: ReplicaDb, client: pg.Client, table: TableName) {
  const total = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  if (total === 0) return 0;
  const columns = (db.prepare(`SELECT * FROM "${table}" LIMIT 1`).columns() as Array<{ name: string }>).map(
    (c) => c.name,
  );
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
  const iter = db.prepare(`SELECT * FROM "${table}"`).iterate() as IterableIterator<Record<string, unknown>>;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await client.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`,
      batch.flat(),
    );
    batch = [];
  };
  for (const raw of iter) {
    const row = decodeRow(table, raw) as Record<string, unknown>;
    batch.push(columns.map((c) => encodePgValue(columnSpec(table, c), row[c])));
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return total;
}

/**
 * A pipeline page as the same query on Postgres: the list's columns, filters, NULLs-last phase,
 * keyset order and limit, for the filters the benchmark mix uses (anything else is refused, so
 * the two sides cannot drift apart silently). No users join: both sides name owners from memory.
 */
export function pgPipeline(q: PipelineQuery): { text: string; values: unknown[] } {
  const { status_ids = [], sort = 'updated_at', dir = 'desc', ...rest } = q;
  if (Object.keys(rest).length)
    throw new Error(`the Postgres pipeline mirrors no ${Object.keys(rest).join(', ')} filter`);
  const where = ['l.deleted_at IS NULL', 'l.is_converted = false'];
  if (status_ids.length) where.push(`l.status_id IN (${status_ids.map((_, i) => `$${i + 1}`).join(', ')})`);
  if (NULLABLE.has(sort)) where.push(`l.${sort} IS NOT NULL`);
  const d = dir.toUpperCase();
  const text = `SELECT l.id, ${displayName('l')} AS name, l.lead_type, l.status_id, l.insurance_type_id, l.owner_id, l.email, l.phone,
  l.quoted_premium, l.priority, l.ai_follow_up_priority, l.next_follow_up_at, l.last_contacted_at, l.status_changed_at, l.created_at,
  l.updated_at, l.tags, l.is_converted
  FROM leads l WHERE ${where.join(' AND ')} ORDER BY l.${sort} ${d}, l.id ${d} LIMIT 51`;
  return { text, values: status_ids };
}

/** Loads the rows the pipeline reads into Postgres, with the shared model's indexes. */
export async function loadPostgres(db: ReplicaDb, client: pg.Client) {
  await migratePostgres(client);
  const t0 = performance.now();
  for (const table of COPY) log(`  copied ${await copyTable(db, client, table)} ${table} rows to Postgres`);
  // Autovacuum and the checkpointer would otherwise work through the fresh rows and their WAL
  // while the timings run, on the same two cores (that doubled both sides' p95 in one run).
  await client.query('VACUUM (ANALYZE)');
  await client.query('CHECKPOINT');
  log(`  Postgres load took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const BLOCK = 100;

/**
 * The pipeline mix timed on both sides in alternating blocks of a hundred pages, so that the two
 * share whatever the machine is doing: on this VM the same query's speed drifts by up to 2× from
 * one minute to the next, and timing the sides minutes apart made their ratio swing (4.9 to 7.6).
 * Each block starts from a collected heap (with --expose-gc, as `npm run bench` runs), so neither
 * side pays for the other's garbage; blocks of ten, without that, slowed the local side by half.
 * Postgres is timed twice: plain parameterized queries (node-postgres's default, what an ORM
 * sends) and named prepared statements (planned once, as the replica's cached statements are).
 */
export async function comparePipeline(db: ReplicaDb, client: pg.Client, runs: number) {
  const mix = pipelineMix(db);
  const pgMix = mix.map(pgPipeline);
  const local = (i: number) => listLeads(db, mix[i % mix.length]);
  const plain = (i: number) => client.query(pgMix[i % mix.length]!);
  const prepared = (i: number) => client.query({ name: `bench_pipeline_${i % mix.length}`, ...pgMix[i % mix.length]! });
  const sides = { local, plain, prepared };
  const times: Record<keyof typeof sides, number[]> = { local: [], plain: [], prepared: [] };
  for (const fn of Object.values(sides)) for (let i = 0; i < 20; i++) await fn(i);
  for (let block = 0; block * BLOCK < runs; block++) {
    for (const [side, fn] of Object.entries(sides) as Array<[keyof typeof sides, (i: number) => unknown]>) {
      globalThis.gc?.();
      times[side].push(...(await time((i) => fn(block * BLOCK + i), BLOCK, 0)));
    }
  }
  const p95 = (side: keyof typeof sides) => percentile(times[side], 95);
  return {
    pg_pipeline_p95_ms: p95('plain'),
    pg_pipeline_prepared_p95_ms: p95('prepared'),
    pipeline_beside_pg_p95_ms: p95('local'),
    pipeline_local_vs_pg_ratio: p95('plain') / p95('local'),
    pipeline_local_vs_pg_prepared_ratio: p95('prepared') / p95('local'),
  };
}
