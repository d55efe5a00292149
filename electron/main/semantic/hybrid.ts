import type { ReplicaDb } from '../../../db/sqlite/open';
import { nearestChunks, ownerOf, resultOwner, type ChunkHit } from '../../../db/queries/semantic';
import { canAccess, type Actor } from '../../../shared/mutations/define';
import { recordDetail, searchAll, searchFound, type FoundRecord } from '../../../db/queries/search';
import type { SearchResult } from '../../../shared/api/types';
import { reciprocalRankFusion } from '../../../shared/semantic/fuse';

export type Via = 'keyword' | 'semantic';
export type HybridResult = SearchResult & { via: Via[] };

const keyOf = (r: { kind: string; id: string }) => `${r.kind}:${r.id}`;

/** Whether the actor may see a result record (the app's one rule, canAccess); with no actor (CLI, scripts) all. */
export function maySeeResult(db: ReplicaDb, actor: Actor | undefined, r: { kind: SearchResult['kind']; id: string }) {
  if (!actor) return true;
  const owner = resultOwner(db, r.kind, r.id);
  return owner !== undefined && canAccess(actor, owner);
}

/** A chunk may be shown or sent to a model only when both its source row and the record it points at are visible. */
export function maySeeHit(db: ReplicaDb, actor: Actor | undefined, hit: ChunkHit) {
  if (!actor) return true;
  const source = ownerOf(db, hit.source_table, hit.source_id);
  return (
    source !== undefined &&
    canAccess(actor, source) &&
    maySeeResult(db, actor, { kind: hit.result_kind, id: hit.result_id })
  );
}

/**
 * Vector hits as records found, nearest first: the best chunk of each record (one the actor may
 * see), read (its record's row) only when asked. Takes hits from a lazy source (nearestChunks)
 * only as records are taken.
 */
function* chunkFound(db: ReplicaDb, hits: Iterable<ChunkHit>, actor?: Actor): Generator<FoundRecord> {
  const seen = new Set<string>();
  for (const hit of hits) {
    if (!maySeeHit(db, actor, hit)) continue;
    const key = keyOf({ kind: hit.result_kind, id: hit.result_id });
    if (seen.has(key)) continue;
    seen.add(key);
    yield { kind: hit.result_kind, id: hit.result_id, read: () => chunkResult(db, hit) };
  }
}

/** A hit as a search result, with its chunk as the snippet; undefined when its record is gone. */
function chunkResult(db: ReplicaDb, hit: ChunkHit): SearchResult | undefined {
  const row = recordDetail(db, hit.result_kind, hit.result_id);
  if (!row) return undefined;
  const text = hit.text.length > 160 ? `${hit.text.slice(0, 160)}…` : hit.text;
  return {
    kind: hit.result_kind,
    id: row.id,
    title: row.title,
    snippet: [{ text, hit: false }],
    lead_id: row.lead_id,
    client_id: row.client_id,
  };
}

/** The first `n` of `items`, taking no more from it than those. */
function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of items) if (out.push(item) >= n) break;
  return out;
}

/**
 * Vector hits as search results: the best chunk of each record, with that chunk as the snippet.
 * Stops at `limit` results (each costs a few lookups; the hits past them would be cut anyway),
 * taking no more hits from a lazy source (nearestChunks) than those.
 */
export function chunkResults(db: ReplicaDb, hits: Iterable<ChunkHit>, actor?: Actor, limit = Infinity): SearchResult[] {
  const read = (function* () {
    for (const found of chunkFound(db, hits, actor)) {
      const result = found.read();
      if (result) yield result;
    }
  })();
  return take(read, limit);
}

/**
 * Keyword (FTS5, BM25) and vector (nearest chunks) results fused by reciprocal rank. Without a
 * query vector (semantic search off) this is keyword search, unchanged. The two lists are fused
 * as records found; only those kept are read (and, for keyword ones, checked against the actor),
 * about half of the two lists: each is a row or two read from disk on a cold replica.
 */
export function hybridSearch(
  db: ReplicaDb,
  text: string,
  semantic: { model: string; vector: Float32Array } | null,
  limit = 20,
  actor?: Actor,
): HybridResult[] {
  if (!semantic)
    return searchAll(db, text, limit)
      .filter((r) => maySeeResult(db, actor, r))
      .map((r) => ({ ...r, via: ['keyword'] }));
  const keyword = searchFound(db, text, limit).map((found) => ({
    ...found,
    read: () => (maySeeResult(db, actor, found) ? found.read() : undefined),
  }));
  const vector = take(chunkFound(db, nearestChunks(db, semantic.model, semantic.vector, limit * 3), actor), limit);
  const out: HybridResult[] = [];
  for (const { item, lists } of reciprocalRankFusion<FoundRecord>([keyword, vector], keyOf)) {
    const result = item.read();
    if (!result) continue;
    out.push({ ...result, via: lists.map((l) => (l === 0 ? 'keyword' : 'semantic')) });
    if (out.length >= limit) break;
  }
  return out;
}
