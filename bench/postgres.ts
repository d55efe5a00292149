import pg from 'pg';
import type { ReplicaDb } from '../db/sqlite/open';
import { migratePostgres } from '../db/pg/migrate';
import { columnSpec, decodeRow, encodePgValue } from '../shared/model/codec';
import type { TableName } from '../shared/model/catalogue';
import { percentile, time, log } from './stats';

/** The tables the pipeline query reads, in foreign-key order. */
const COPY: TableName[] = ['teams', 'users', 'lead_statuses', 'insurance_types', 'communication_types', 'campaigns', 'addresses', 'clients', 'leads'];

/** Copies a replica table's rows into Postgres in multi-row INSERTs (ids kept). */
export async function copyTable(db: ReplicaDb, client: pg.Client, table: TableName) {
  const total = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  if (total === 0) return 0;
  const columns = (db.prepare(`SELECT * FROM "${table}" LIMIT 1`).columns() as Array<{ name: string }>).map((c) => c.name);
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
  const iter = db.prepare(`SELECT * FROM "${table}"`).iterate() as IterableIterator<Record<string, unknown>>;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`, batch.flat());
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

/** The replica's pipeline query, written for Postgres: same columns, filters, order and limit. */
const PIPELINE = (where: string) => `SELECT l.id,
  CASE WHEN l.business_name IS NOT NULL AND l.business_name <> '' THEN l.business_name ELSE trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) END AS name,
  l.lead_type, l.status_id, l.insurance_type_id, l.owner_id, u.full_name AS owner_name, l.email, l.phone, l.quoted_premium, l.priority,
  l.ai_follow_up_priority, l.next_follow_up_at, l.last_contacted_at, l.status_changed_at, l.created_at, l.updated_at, l.tags, l.is_converted
  FROM leads l LEFT JOIN users u ON u.id = l.owner_id
  WHERE l.deleted_at IS NULL AND l.is_converted = false ${where} ORDER BY l.updated_at DESC, l.id DESC LIMIT 51`;

/**
 * The same pipeline query against a real Postgres over loopback with the same rows and indexes:
 * the least an online CRM pays for every screen, before any network.
 */
export async function measurePostgres(db: ReplicaDb, url: string, runs: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePostgres(client);
    const t0 = performance.now();
    for (const table of COPY) log(`  copied ${await copyTable(db, client, table)} ${table} rows to Postgres`);
    await client.query('ANALYZE');
    log(`  Postgres load took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const status = (db.prepare(`SELECT id FROM lead_statuses WHERE code = 'contacted'`).get() as { id: string }).id;
    const times = await time((i) => (i % 2 ? client.query(PIPELINE('AND l.status_id = $1'), [status]) : client.query(PIPELINE(''))), runs);
    return { pg_pipeline_p95_ms: percentile(times, 95) };
  } finally {
    await client.end();
  }
}
