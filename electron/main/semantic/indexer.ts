import type { ReplicaDb } from '../../../db/sqlite/open';
import { ensureVectorTables, quantizeBinary, vectorBlob, vectorsAvailable } from '../../../db/sqlite/vectors';
import { warmBitIndex } from '../../../db/queries/semantic-bits';
import {
  countChunks,
  listsFor,
  loadPartition,
  LIST_SPAN,
  newestWidth,
  partitionState,
  placeBacklog,
  placeBits,
  trainPartition,
  type Partition,
} from '../../../db/queries/semantic-lists';
import { CODING, encodeResidual } from '../../../db/queries/semantic-codes';
import { cachedStatement } from '../../../db/queries/statements';
import {
  rowSql,
  SOURCES,
  SOURCE_TABLES,
  versionsPageSql,
  type SourceRow,
  type SourceSpec,
} from '../../../db/queries/semantic-sources';
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import { chunkRecord, type Chunk } from '../../../shared/semantic/chunks';
import type { EmbedderChoice } from './embedder';
import { IDLE, indexStatus, type BackgroundIndexer, type IndexProgress, type IndexStatus } from './index-status';

interface Pending {
  spec: SourceSpec;
  row: SourceRow;
  chunks: Chunk[];
  /** Chunks of this record not yet embedded (the others are kept as they are). */
  fresh: Chunk[];
}

/** Source rows compared per turn of the event loop while finding what to embed. */
const SCAN_PAGE = 2000;
/** Rows of semantic_sources read per turn of the event loop. */
const INDEXED_PAGE = 5000;
/** Chunks written per transaction (then a turn of the event loop), and records removed per transaction. */
const WRITE_CHUNKS = 64;
const WRITE_RECORDS = 200;
/**
 * Rows of semantic_bits read into search's first pass per turn of the event loop: reading a new
 * partition's lists for 1.5M chunks 10,000 rows a turn held the process 100–200 ms a turn.
 */
export const WARM_PAGE = 2_500;
/**
 * Chunks of one model past which they are partitioned into lists (db/queries/semantic-lists.ts):
 * below, scoring every chunk costs a few ms (76k chunks: 2–6 ms) and is exact. The lists are
 * learned again once the book has grown REGROW times past the sample they were learned from.
 */
export const PARTITION_AT = 100_000;
const REGROW = 4;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Texts per request to the embeddings endpoint. A batch is sent as several requests started a
 * turn of the event loop apart: each request's redaction and JSON, and each answer's parsing,
 * is then its own piece of work (512 texts in one request held the process 50–70 ms on its own),
 * and a provider that embeds requests side by side (OpenAI, llama.cpp with parallel slots) does.
 */
export const EMBED_REQUEST = 64;
/** Texts embedded per batch (then written, a few records per transaction). */
export const EMBED_BATCH = 512;
/**
 * Longest the indexer reads and chunks records in one turn of the event loop before letting a
 * screen's command run: finding a batch's 512 chunks is a few hundred records read and split.
 */
const COLLECT_MS = 10;

/**
 * Keeps semantic_chunks equal to the chunks of every live source record, for the chosen model.
 * Each pass compares what is indexed (semantic_sources: record, version, model) with what the
 * replica holds, embeds the records that are new, edited or of another model, in batches, and
 * removes the chunks of records deleted since. A record's chunks and its semantic_sources row
 * commit together, so a pass stopped anywhere (quit, crash) resumes without doubling a chunk.
 * It runs in the background: a batch at a time, yielding the event loop between batches.
 */
export class SemanticIndexer implements BackgroundIndexer {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  /** The newest partition of the model being indexed (ready or not): new chunks are placed in its lists as written. */
  private placing: Partition | null = null;
  /** Told after each batch and at the end of each pass (the app names the progress in its change feed). */
  onBatch: ((s: IndexStatus) => void) | undefined;
  private progress: IndexProgress = { ...IDLE };

  constructor(
    private readonly db: ReplicaDb,
    private readonly choose: () => EmbedderChoice,
    private readonly batchSize = EMBED_BATCH,
    private readonly partitionAt = PARTITION_AT,
    /** False in the indexer's worker: search's first pass lives in the main process's connection, which warms its own. */
    private readonly warmsFirstPass = true,
  ) {}

  status(): IndexStatus {
    return indexStatus(this.db, this.choose(), this.progress);
  }

  /** This run's progress, as status() reads it (a worker sends it to the main process's status). */
  currentProgress(): IndexProgress {
    return { ...this.progress };
  }

  /** Indexes on every change to a source table (and once now). */
  follow(feed: ChangeFeed) {
    this.unsubscribe?.();
    this.unsubscribe = feed.subscribe((e) => {
      if (e.tables.some((t) => SOURCE_TABLES.has(t))) void this.run().catch(() => {});
    });
    void this.run().catch(() => {});
  }

  stop() {
    this.stopped = true;
    this.unsubscribe?.();
  }

  /** Brings the index up to date; a call while a pass runs makes one more pass after it. */
  run(onBatch: ((s: IndexStatus) => void) | undefined = this.onBatch): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass(onBatch);
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
        if (!this.stopped) onBatch?.(this.status());
      }
    })();
    return this.running;
  }

  private async pass(onBatch?: (s: IndexStatus) => void) {
    const { embedder } = this.choose();
    if (!embedder || !vectorsAvailable(this.db)) return;
    const db = this.db;
    ensureVectorTables(db);
    const model = embedder.model;
    this.placing = loadPartition(db, model, partitionState(db, model)?.version ?? 0);
    await this.warm(model);
    const todo: Array<{ spec: SourceSpec; id: string }> = [];
    const gone: Array<{ table: string; id: string }> = [];
    for (const spec of SOURCES) {
      const indexed = await this.indexedVersions(spec.table);
      if (this.stopped) return;
      // Paged, with a turn of the event loop between pages: a book of 30,000 notes is a scan of
      // a few hundred ms, which would otherwise hold up every screen's command at once.
      const page = cachedStatement(db, versionsPageSql(spec));
      const last = cachedStatement(db, `SELECT max(rowid) FROM ${spec.table}`, { pluck: true }).get() as number | null;
      for (let from = 0; from < (last ?? 0) && !this.stopped; from += SCAN_PAGE) {
        for (const row of page.all({ from, window: SCAN_PAGE }) as Array<{ id: string; updated_at: string }>) {
          const had = indexed.get(row.id);
          indexed.delete(row.id);
          if (!had || had.updated_at !== row.updated_at || had.model !== model) todo.push({ spec, id: row.id });
        }
        await yieldTurn();
      }
      if (this.stopped) return;
      for (const id of indexed.keys()) gone.push({ table: spec.table, id });
    }
    for (let i = 0; i < gone.length && !this.stopped; i += WRITE_RECORDS) {
      this.write(gone.slice(i, i + WRITE_RECORDS).map((g) => ({ remove: g })));
      await yieldTurn();
    }
    this.progress = {
      done: 0,
      recordsDone: 0,
      recordsLeft: todo.length,
      startedAt: Date.now(),
      state: 'indexing',
      error: '',
    };
    try {
      let batch: Pending[] = [];
      let fresh = 0;
      const flush = async () => {
        const texts = batch.flatMap((p) => p.fresh.map((c) => c.text));
        const requests: Array<Promise<Float32Array[]>> = [];
        for (let from = 0; from < texts.length; from += EMBED_REQUEST) {
          requests.push(embedder.embed(texts.slice(from, from + EMBED_REQUEST)));
          // An answer that fails while later requests start must not go unhandled; Promise.all below throws it.
          requests[requests.length - 1]!.catch(() => {});
          await yieldTurn();
        }
        const vectors = (await Promise.all(requests)).flat();
        let i = 0;
        const items = batch.map((p) => ({ put: p, vectors: p.fresh.map(() => vectors[i++]!) }));
        // A few records per transaction, a turn of the event loop between them: a batch of 512
        // chunks in one transaction held the main process for 100+ ms (and its commit could set
        // off a WAL checkpoint of all of it). Each record's chunks still commit with its row of
        // semantic_sources, so a stop anywhere resumes cleanly.
        for (let from = 0; from < items.length;) {
          let to = from;
          for (let chunks = 0; to < items.length && (to === from || chunks < WRITE_CHUNKS); to++)
            chunks += items[to]!.vectors.length;
          this.write(items.slice(from, to), model);
          from = to;
          await yieldTurn();
        }
        await this.warm(model);
        this.progress.done += texts.length;
        this.progress.recordsLeft -= batch.length;
        this.progress.recordsDone += batch.length;
        batch = [];
        fresh = 0;
        onBatch?.(this.status());
        await yieldTurn();
      };
      let turnStarted = performance.now();
      for (const { spec, id } of todo) {
        if (this.stopped) return;
        if (performance.now() - turnStarted > COLLECT_MS) {
          await yieldTurn();
          turnStarted = performance.now();
        }
        const row = cachedStatement(db, rowSql(spec)).get(id) as SourceRow | undefined;
        if (!row) continue;
        const chunks = chunkRecord(row.id, spec.kind, row.text ?? '');
        const kept = new Set(
          cachedStatement(
            db,
            'SELECT chunk_id FROM semantic_chunks WHERE source_table = ? AND source_id = ? AND model = ?',
            { pluck: true },
          ).all(spec.table, id, model) as string[],
        );
        const p = { spec, row, chunks, fresh: chunks.filter((c) => !kept.has(c.id)) };
        batch.push(p);
        fresh += p.fresh.length;
        if (fresh >= this.batchSize) {
          await flush();
          turnStarted = performance.now();
        }
      }
      if (batch.length) await flush();
      await this.partition(model);
      await this.warm(model);
      this.progress.state = 'idle';
    } catch (err) {
      this.progress.state = 'error';
      this.progress.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  /**
   * Reads what is new in semantic_bits into search's in-memory first pass, a page per turn of
   * the event loop: otherwise the first search after start would read it all at once (about
   * 100 ms per 50k chunks).
   */
  private async warm(model: string) {
    if (!this.warmsFirstPass) return;
    while (!this.stopped && !warmBitIndex(this.db, model, WARM_PAGE)) await yieldTurn();
  }

  /**
   * Partitions a book grown past partitionAt chunks (and again each time it grows REGROW times),
   * then places the chunks written before, a page per turn; searches switch to the new lists
   * once all are placed (and the first pass has read them). A pass stopped midway resumes here.
   */
  private async partition(model: string) {
    const db = this.db;
    // The model's vectors changed size (same name, another output): the lists no longer fit them.
    const width = newestWidth(db, model);
    if (width === undefined) return;
    // Counted a range at a time: count(*) over a 1.5M-chunk book is a scan of most of a second.
    const chunks = await countChunks(db, model, width, yieldTurn);
    let state = partitionState(db, model);
    // Or the partition codes residuals the older way (no fine codes): placed again, once.
    const misfit = state !== undefined && (Math.ceil(state.dims / 8) !== width || state.coding !== CODING);
    const due =
      chunks >= this.partitionAt && (!state || misfit || (state.ready === 1 && chunks >= state.trained_on * REGROW));
    if (due && (await trainPartition(db, model, listsFor(chunks), yieldTurn))) state = partitionState(db, model);
    if (this.stopped || !state || state.ready) return;
    this.placing = loadPartition(db, model, state.version);
    await placeBacklog(db, model, state.version, async () => {
      await yieldTurn();
      return !this.stopped;
    });
  }

  /** What is indexed of one table (record -> version, model), read a page per turn of the event loop. */
  private async indexedVersions(table: string) {
    const indexed = new Map<string, { updated_at: string; model: string }>();
    const page = cachedStatement(
      this.db,
      `SELECT source_id, updated_at, model FROM semantic_sources WHERE source_table = ? AND source_id > ?
       ORDER BY source_id LIMIT ${INDEXED_PAGE}`,
    );
    for (let after = ''; !this.stopped;) {
      const rows = page.all(table, after) as Array<{ source_id: string; updated_at: string; model: string }>;
      for (const r of rows) indexed.set(r.source_id, r);
      if (rows.length < INDEXED_PAGE) break;
      after = rows[rows.length - 1]!.source_id;
      await yieldTurn();
    }
    return indexed;
  }

  private write(
    items: Array<{ remove: { table: string; id: string } } | { put: Pending; vectors: Float32Array[] }>,
    model = '',
  ) {
    const db = this.db;
    const dropChunks = cachedStatement(db, 'DELETE FROM semantic_chunks WHERE source_table = ? AND source_id = ?');
    const dropSource = cachedStatement(db, 'DELETE FROM semantic_sources WHERE source_table = ? AND source_id = ?');
    const keepOnly = cachedStatement(
      db,
      `DELETE FROM semantic_chunks WHERE source_table = ? AND source_id = ?
       AND (model <> ? OR chunk_id NOT IN (SELECT value FROM json_each(?)))`,
    );
    const insert = cachedStatement(
      db,
      `INSERT OR REPLACE INTO semantic_chunks (chunk_id, source_table, source_id, kind, ordinal, result_kind, result_id, lead_id, client_id, text, model, bits, vec)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const mark = cachedStatement(
      db,
      'INSERT OR REPLACE INTO semantic_sources (source_table, source_id, updated_at, model) VALUES (?, ?, ?, ?)',
    );
    // The trigger copies the bits to semantic_bits; the chunk's list is set there in the same transaction.
    const place = cachedStatement(db, 'UPDATE semantic_bits SET list = ?, code = ? WHERE id = ?');
    const placing = this.placing;
    const sums = placing ? new Float32Array(placing.lists) : null;
    // IMMEDIATE: the write lock first (the indexer may run on a connection of its own, beside the app's writer).
    db.transaction(() => {
      for (const item of items) {
        if ('remove' in item) {
          dropChunks.run(item.remove.table, item.remove.id);
          dropSource.run(item.remove.table, item.remove.id);
          continue;
        }
        const { spec, row, chunks, fresh } = item.put;
        keepOnly.run(spec.table, row.id, model, JSON.stringify(chunks.map((c) => c.id)));
        fresh.forEach((c, i) => {
          const v = item.vectors[i]!;
          const bits = quantizeBinary(v);
          const { lastInsertRowid } = insert.run(
            c.id,
            spec.table,
            row.id,
            c.kind,
            c.ordinal,
            row.result_kind,
            row.result_id,
            row.lead_id,
            row.client_id,
            c.text,
            model,
            bits,
            vectorBlob(v),
          );
          if (placing && v.length === placing.dims) {
            const list = placeBits(placing, bits, 0, sums!);
            place.run(placing.version * LIST_SPAN + list, encodeResidual(placing, list, v), lastInsertRowid);
          }
        });
        mark.run(spec.table, row.id, row.updated_at, model);
      }
    }).immediate();
  }
}
