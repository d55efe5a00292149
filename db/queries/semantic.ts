import type { SearchResult } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { ensureVectorTables, vectorBlob } from '../sqlite/vectors';
import { bitIndex } from './semantic-bits';
import { SOURCES } from './semantic-sources';
import { cachedStatement } from './statements';

export interface ChunkHit {
  chunk_id: string;
  source_table: string;
  source_id: string;
  result_kind: SearchResult['kind'];
  result_id: string;
  lead_id: string | null;
  client_id: string | null;
  text: string;
  distance: number;
}

export interface KnnOptions {
  /** First-pass candidates (by the bit vectors, semantic-bits.ts) re-ranked by cosine distance. */
  candidates?: number;
  lead?: string;
  client?: string;
  /** A partitioned index: scan exactly this many of the nearest lists (default: semantic-bits.ts PROBES or more). */
  lists?: number;
  /** Exact: cosine over every chunk (the bench's reference). */
  exact?: boolean;
}

const COLUMNS = 'chunk_id, source_table, source_id, result_kind, result_id, lead_id, client_id, text';

/**
 * Whether chunk c's source record is still live, in the query itself (one statement, not a
 * lookup per hit): a chunk whose record was soft-deleted since it was indexed is never shown
 * (the indexer removes it soon after).
 */
const LIVE = `CASE c.source_table ${SOURCES.map(
  (s) => `WHEN '${s.table}' THEN EXISTS (SELECT 1 FROM "${s.table}" WHERE id = c.source_id AND deleted_at IS NULL)`,
).join(' ')} ELSE 0 END`;

/**
 * First-pass candidates re-ranked exactly: CANDIDATES_PER_RESULT per result asked for, one per
 * CHUNKS_PER_CANDIDATE chunks indexed, and never fewer than MIN_CANDIDATES. The more chunks, the
 * more of them score alike on 1 bit a dimension, so a fixed count loses recall as the book grows:
 * with 800, the true 10 nearest were found 99% at 76k chunks (5k-lead bench book) but 88% at
 * 306k (20k leads), where 2,400 found 97%. Each candidate costs one row read to re-rank
 * (10–20 µs), so search time grows with the book too (bench: semantic_search_p95_ms).
 *
 * A partitioned book (semantic-lists.ts) is scored by each chunk's residual at 2 bits a
 * dimension, which tells neighbours in the same list apart far better: a fixed count suffices
 * there, whatever the book's size. 20k-lead bench book (307k chunks, nearest 8 of 138 lists):
 * 200 candidates found 97% (the rest lie in lists not scanned), as did 500; 100 found 92%.
 * On 300 queries (semantic-bits.ts PROBES) half the loss was candidates: a tie group of hundreds
 * of equal chunks (one repeated phrasing, one code) ranks as one, so it is either all in or all
 * out of the re-rank; 1,000 found 1.7% more than 500 (750: 0.1%). Each costs one row read (~11 µs).
 */
const PARTITIONED_CANDIDATES = 1000;
/**
 * Of those, re-ranked from their full vectors where the partition has fine codes (semantic-lists.ts
 * CODING): the best REFINED (or k, if more) by the fine codes. 100k-lead bench book (1.5M chunks,
 * 200 queries, simulated): the best 75 held the true 10 nearest as often as all 1,000 did (0.956),
 * the best 50 a little less (0.952).
 */
const REFINED = 100;
const MIN_CANDIDATES = 800;
const CANDIDATES_PER_RESULT = 10;
const CHUNKS_PER_CANDIDATE = 128;

/** The k nearest of the live chunks in scope by cosine distance (a scope is few chunks: one lead's or client's). */
const EXACT_SQL = (scope: string) =>
  `SELECT ${COLUMNS}, vec_distance_cosine(vec, @vec) AS distance FROM semantic_chunks c
   WHERE model = @model${scope} AND ${LIVE} ORDER BY distance LIMIT @k`;

/** The candidates (by seq) still in the index, with their exact cosine distance. */
const RERANK_SQL = `SELECT b.seq, b.id, vec_distance_cosine(c.vec, @vec) AS distance
   FROM json_each(@seqs) AS first JOIN semantic_bits b ON b.seq = first.value
   JOIN semantic_chunks c ON c.rowid = b.id`;

/** Nearest chunks read past the k asked for, in case some are of deleted records. */
const LIVE_SPARE = 4;
/** Nearest chunks read at a time (search takes about 20 of a 60 asked for). */
const HIT_WINDOW = 24;

/** The hits among the nearest chunks (rowids in order), live only, in that order. */
const HITS_SQL = `SELECT ${COLUMNS}, first.key AS rank FROM json_each(@ids) AS first
   JOIN semantic_chunks c ON c.rowid = first.value WHERE ${LIVE} ORDER BY first.key LIMIT @k`;

/**
 * Nearest chunks to `query`: a first pass over the binary-quantized vectors (32x smaller; see
 * semantic-bits.ts), then the candidates re-ranked by cosine distance on the full float32
 * vectors. Only chunks of the current model, and only of records still live: the first k of
 * the nearest that are.
 */
export function knn(db: ReplicaDb, model: string, query: Float32Array, k: number, opts: KnnOptions = {}): ChunkHit[] {
  return Array.from(nearestChunks(db, model, query, k, opts));
}

/**
 * knn's hits as they are taken, nearest first: text and ids are read (and the record checked
 * live) a window at a time, so a caller that stops early (search, which wants `limit` distinct
 * records of the hits) reads only the rows it takes, a few spare. Each is a row read from disk
 * when the replica is not in the OS's cache.
 */
export function* nearestChunks(
  db: ReplicaDb,
  model: string,
  query: Float32Array,
  k: number,
  opts: KnnOptions = {},
): Generator<ChunkHit> {
  ensureVectorTables(db);
  const scope = opts.lead ? ' AND lead_id = @scope' : opts.client ? ' AND client_id = @scope' : '';
  const vec = vectorBlob(query);
  // One lead's or client's chunks are few (an index finds them): those are compared exactly.
  if (opts.exact || scope) {
    const params: Record<string, unknown> = { model, vec, k };
    if (scope) params.scope = opts.lead ?? opts.client;
    yield* cachedStatement(db, EXACT_SQL(scope)).all(params) as ChunkHit[];
    return;
  }
  const index = bitIndex(db, model);
  const want =
    opts.candidates ??
    (index.partitioned
      ? Math.max(PARTITIONED_CANDIDATES, k * CANDIDATES_PER_RESULT)
      : Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_RESULT, Math.ceil(index.length / CHUNKS_PER_CANDIDATE)));
  const rerank = cachedStatement(db, RERANK_SQL);
  let near: Array<{ seq: number; id: number; distance: number }> = [];
  // A candidate whose chunk was deleted since the index read it has no row: forget it and choose
  // again, so the re-rank still sees `want` live candidates (twice at most; a third pass is rare).
  for (let pass = 0; pass < 3; pass++) {
    // At most 2k of one code (the same text in many records, see semantic-bits.ts best): k of
    // them are as near as any, and twice k leaves k should some be of records deleted since.
    const seqs = opts.candidates
      ? index.candidates(query, want, opts.lists)
      : index.candidates(query, want, opts.lists, Math.max(REFINED, k), 2 * k);
    // In seq order (the order they were written, close to the chunks' rowid order): neighbouring
    // candidates share pages.
    const ordered = [...seqs].sort((a, b) => a - b);
    near = rerank.all({ seqs: JSON.stringify(ordered), vec }) as typeof near;
    if (near.length === seqs.length) break;
    const found = new Set(near.map((r) => r.seq));
    index.forget(new Set(seqs.filter((s) => !found.has(s))));
  }
  near.sort((a, b) => a.distance - b.distance);
  let given = 0;
  for (let from = 0; given < k && from < near.length;) {
    // The hits still wanted and a few spare (a chunk of a deleted record is rare: the indexer
    // removes them), at most a window.
    const window = near.slice(from, from + Math.min(k - given + LIVE_SPARE, HIT_WINDOW));
    const live = cachedStatement(db, HITS_SQL).all({
      ids: JSON.stringify(window.map((r) => r.id)),
      k: k - given,
    }) as Array<ChunkHit & { rank: number }>;
    from += window.length;
    for (const { rank, ...hit } of live) {
      given++;
      yield { ...hit, distance: window[rank]!.distance };
    }
  }
}

/** The table each kind of search result lives in (its owner_id/team_id decide who may see it). */
const RESULT_TABLE: Record<SearchResult['kind'], string> = {
  lead: 'leads',
  client: 'clients',
  contact: 'contacts',
  note: 'lead_notes',
  communication: 'lead_communications',
  ticket: 'support_tickets',
  policy: 'policies',
};

type Owner = { owner_id: string; team_id: string | null };

/**
 * The owner and team of a record, for the same rule as the rest of the app (canAccess): a
 * replica synced by a manager holds the team's rows, and a person signed in after them must
 * not be shown (or have sent to a model) what their own scope would not hold. Undefined when
 * the record is not in the replica.
 */
export function ownerOf(db: ReplicaDb, table: string, id: string): Owner | undefined {
  return cachedStatement(db, `SELECT owner_id, team_id FROM "${table}" WHERE id = ?`).get(id) as Owner | undefined;
}

export const resultOwner = (db: ReplicaDb, kind: SearchResult['kind'], id: string) =>
  ownerOf(db, RESULT_TABLE[kind], id);
