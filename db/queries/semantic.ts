import type { SearchResult } from '../../shared/api/types';
import type { ReplicaDb } from '../sqlite/open';
import { ensureVectorTables, quantizeBinary, vectorBlob } from '../sqlite/vectors';
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
  /** First-pass candidates (by Hamming distance of the bit vectors) re-ranked by cosine distance. */
  candidates?: number;
  lead?: string;
  client?: string;
  /** Exact: cosine over every chunk (the bench's reference). */
  exact?: boolean;
}

const COLUMNS = 'chunk_id, source_table, source_id, result_kind, result_id, lead_id, client_id, text';

/**
 * Nearest chunks to `query`: a first pass over the binary-quantized vectors (32x smaller, and
 * Hamming distance is a popcount), then the candidates re-ranked by cosine distance on the full
 * float32 vectors. Only chunks of the current model, and only of records still live.
 */
export function knn(db: ReplicaDb, model: string, query: Float32Array, k: number, opts: KnnOptions = {}): ChunkHit[] {
  ensureVectorTables(db);
  const scope = opts.lead ? ' AND lead_id = @scope' : opts.client ? ' AND client_id = @scope' : '';
  const params: Record<string, unknown> = { model, vec: vectorBlob(query), k: k * 2 };
  if (scope) params.scope = opts.lead ?? opts.client;
  // One lead's or client's chunks are few (an index finds them): those are compared exactly.
  const exact = opts.exact || scope !== '';
  if (!exact) {
    params.bits = quantizeBinary(query);
    params.candidates = opts.candidates ?? Math.max(600, k * 30);
  }
  const sql = exact
    ? `SELECT ${COLUMNS}, vec_distance_cosine(vec, @vec) AS distance FROM semantic_chunks
       WHERE model = @model${scope} ORDER BY distance LIMIT @k`
    : `WITH first AS (
         SELECT id FROM semantic_bits WHERE model = @model
         ORDER BY vec_distance_hamming(vec_bit(bits), vec_bit(@bits)) LIMIT @candidates
       )
       SELECT ${COLUMNS}, vec_distance_cosine(c.vec, @vec) AS distance
       FROM first JOIN semantic_chunks c ON c.rowid = first.id ORDER BY distance LIMIT @k`;
  const rows = cachedStatement(db, sql).all(params) as ChunkHit[];
  return rows.filter((r) => isLive(db, r)).slice(0, k);
}

/** A chunk whose record was soft-deleted since it was indexed is never shown (the indexer removes it soon after). */
function isLive(db: ReplicaDb, hit: ChunkHit): boolean {
  return !!cachedStatement(db, `SELECT 1 FROM "${hit.source_table}" WHERE id = ? AND deleted_at IS NULL`).get(
    hit.source_id,
  );
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
