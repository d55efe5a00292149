import * as sqliteVec from 'sqlite-vec';
import type { Database } from 'better-sqlite3';

/**
 * Vectors for semantic search: local-only tables, created when first needed, never synced and
 * not in the drizzle catalogue (see README "Semantic search"). They are a cache derived from
 * rows the replica already has and from the embedding model chosen on this device: another
 * device, another model, or a wiped table only means re-embedding, never lost work.
 *
 * The sqlite-vec extension gives the distance functions. It is loaded once per connection and
 * optionally: a build without it (or a platform it does not ship for) turns semantic search off
 * instead of failing to open the replica.
 */
const loaded = new WeakMap<Database, string | null>();

/** Loads sqlite-vec into `db` if it can; returns null when loaded, else why not. */
export function loadVectorExtension(db: Database): string | null {
  if (loaded.has(db)) return loaded.get(db)!;
  let problem: string | null = null;
  try {
    sqliteVec.load(db);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  loaded.set(db, problem);
  return problem;
}

export const vectorsAvailable = (db: Database) => loadVectorExtension(db) === null;

/**
 * semantic_chunks: one row per embedded chunk, with its binary-quantized vector (`bits`, one bit
 * per dimension, for the fast first pass) and the full float32 vector (`vec`, for re-ranking).
 * semantic_sources: which version (updated_at) of which record was indexed, with which model:
 * written in the same transaction as that record's chunks, so an index cut short resumes where it
 * stopped without doubling a chunk.
 */
const ensured = new WeakSet<Database>();

/**
 * semantic_bits: the bit vectors again, in the order written (`seq`, never reused thanks to
 * AUTOINCREMENT), for the first pass's in-memory copy (db/queries/semantic-bits.ts) to catch up
 * by reading only the rows past the last seq it holds. A chunk rewritten gets a new seq.
 * Replicas made before seq existed had semantic_bits keyed by chunk rowid: rebuilt once.
 * `list`: the chunk's list in its model's partition (semantic_partitions, semantic_centroids;
 * see db/queries/semantic-lists.ts), null until placed; `code`: its residual there (coarse and fine codes).
 */
export function ensureVectorTables(db: Database) {
  // Once per connection: every search asks, and the checks below cost a parse of each statement.
  if (ensured.has(db)) return;
  const bitsColumns = db.prepare(`SELECT name FROM pragma_table_info('semantic_bits')`).pluck().all() as string[];
  if (bitsColumns.length > 0 && !bitsColumns.includes('seq'))
    db.exec(
      'DROP TABLE semantic_bits; DROP TABLE IF EXISTS semantic_partitions; DROP TABLE IF EXISTS semantic_centroids',
    );
  db.exec(`
    CREATE TABLE IF NOT EXISTS semantic_chunks (
      chunk_id TEXT PRIMARY KEY,
      source_table TEXT NOT NULL,
      source_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      result_kind TEXT NOT NULL,
      result_id TEXT NOT NULL,
      lead_id TEXT,
      client_id TEXT,
      text TEXT NOT NULL,
      model TEXT NOT NULL,
      bits BLOB NOT NULL,
      vec BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS idx_semantic_chunks_source ON semantic_chunks (source_table, source_id);
    CREATE INDEX IF NOT EXISTS idx_semantic_chunks_lead ON semantic_chunks (lead_id);
    CREATE INDEX IF NOT EXISTS idx_semantic_chunks_client ON semantic_chunks (client_id);
    CREATE TABLE IF NOT EXISTS semantic_sources (
      source_table TEXT NOT NULL,
      source_id TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      model TEXT NOT NULL,
      PRIMARY KEY (source_table, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS semantic_bits (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id INTEGER NOT NULL UNIQUE,
      model TEXT NOT NULL,
      bits BLOB NOT NULL,
      list INTEGER,
      code BLOB
    );
    CREATE TABLE IF NOT EXISTS semantic_partitions (
      model TEXT NOT NULL,
      version INTEGER NOT NULL,
      ready INTEGER NOT NULL,
      trained_on INTEGER NOT NULL,
      lists INTEGER NOT NULL,
      dims INTEGER NOT NULL,
      coding INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (model, version)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS semantic_partition_versions (
      version INTEGER PRIMARY KEY AUTOINCREMENT,
      model TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS semantic_centroids (
      model TEXT NOT NULL,
      version INTEGER NOT NULL,
      list INTEGER NOT NULL,
      vec BLOB NOT NULL,
      PRIMARY KEY (model, version, list)
    ) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS semantic_bits_insert AFTER INSERT ON semantic_chunks BEGIN
      INSERT OR REPLACE INTO semantic_bits (id, model, bits) VALUES (new.rowid, new.model, new.bits);
    END;
    CREATE TRIGGER IF NOT EXISTS semantic_bits_delete AFTER DELETE ON semantic_chunks BEGIN
      DELETE FROM semantic_bits WHERE id = old.rowid;
    END;
  `);
  ensureChunkCounts(db);
  // Replicas made before the partition (db/queries/semantic-lists.ts): every chunk in no list yet.
  if (bitsColumns.includes('seq') && !bitsColumns.includes('list'))
    db.exec('ALTER TABLE semantic_bits ADD COLUMN list INTEGER; ALTER TABLE semantic_bits ADD COLUMN code BLOB');
  // Partitions made before fine codes (semantic-codes.ts CODING): coarse codes only, as they are.
  const partitionColumns = db.prepare(`SELECT name FROM pragma_table_info('semantic_partitions')`).pluck().all();
  if (!partitionColumns.includes('coding'))
    db.exec('ALTER TABLE semantic_partitions ADD COLUMN coding INTEGER NOT NULL DEFAULT 1');
  if (bitsColumns.length === 0 || !bitsColumns.includes('seq'))
    db.exec(
      'INSERT OR IGNORE INTO semantic_bits (id, model, bits) SELECT rowid, model, bits FROM semantic_chunks ORDER BY rowid',
    );
  ensured.add(db);
}

/**
 * semantic_counts: chunks per model, kept by triggers in the transactions that write the chunks,
 * so the indexer's progress ("N passages embedded"), asked after every batch, is one row read
 * instead of a count over 1.5M rows (most of a second). The index never replaces a chunk in
 * place (a record's fresh chunks are those it does not hold), so insert and delete are all it sees.
 */
function ensureChunkCounts(db: Database) {
  const exists = () => db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'semantic_counts'`).get();
  if (exists()) return;
  // Checked again under the write lock: the indexer's worker connection may be making it too.
  db.transaction(() => {
    if (exists()) return;
    db.exec(`
      CREATE TABLE semantic_counts (model TEXT PRIMARY KEY, chunks INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO semantic_counts (model, chunks) SELECT model, count(*) FROM semantic_chunks GROUP BY model;
      CREATE TRIGGER semantic_counts_insert AFTER INSERT ON semantic_chunks BEGIN
        INSERT INTO semantic_counts (model, chunks) VALUES (new.model, 1)
          ON CONFLICT (model) DO UPDATE SET chunks = chunks + 1;
      END;
      CREATE TRIGGER semantic_counts_delete AFTER DELETE ON semantic_chunks BEGIN
        UPDATE semantic_counts SET chunks = chunks - 1 WHERE model = old.model;
      END;
    `);
  }).immediate();
}

/** Chunks of `model` in the index (semantic_counts). */
export function chunkCount(db: Database, model: string): number {
  return (
    (db.prepare('SELECT chunks FROM semantic_counts WHERE model = ?').pluck().get(model) as number | undefined) ?? 0
  );
}

/** float32 vector as the bytes sqlite-vec reads. */
export const vectorBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** One bit per dimension (set when positive), the layout of sqlite-vec's bit vectors (vec_quantize_binary). */
export function quantizeBinary(v: Float32Array): Buffer {
  const out = Buffer.alloc(Math.ceil(v.length / 8));
  for (let i = 0; i < v.length; i++) if (v[i]! > 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}
