import type { ReplicaDb } from '../../../db/sqlite/open';
import { nearestChunks, ownerOf, resultOwner, type ChunkHit } from '../../../db/queries/semantic';
import { canAccess, type Actor } from '../../../shared/mutations/define';
import { recordDetail, searchAll } from '../../../db/queries/search';
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
 * Vector hits as search results: the best chunk of each record, with that chunk as the snippet.
 * Stops at `limit` results (each costs a few lookups; the hits past them would be cut anyway),
 * taking no more hits from a lazy source (nearestChunks) than those.
 */
export function chunkResults(db: ReplicaDb, hits: Iterable<ChunkHit>, actor?: Actor, limit = Infinity): SearchResult[] {
  const seen = new Set<string>();
  const out: SearchResult[] = [];
  for (const hit of hits) {
    if (out.length >= limit) break;
    if (!maySeeHit(db, actor, hit)) continue;
    const key = keyOf({ kind: hit.result_kind, id: hit.result_id });
    if (seen.has(key)) continue;
    seen.add(key);
    const row = recordDetail(db, hit.result_kind, hit.result_id);
    if (!row) continue;
    const text = hit.text.length > 160 ? `${hit.text.slice(0, 160)}…` : hit.text;
    out.push({
      kind: hit.result_kind,
      id: row.id,
      title: row.title,
      snippet: [{ text, hit: false }],
      lead_id: row.lead_id,
      client_id: row.client_id,
    });
  }
  return out;
}

/**
 * Keyword (FTS5, BM25) and vector (nearest chunks) results fused by reciprocal rank. Without a
 * query vector (semantic search off) this is keyword search, unchanged.
 */
export function hybridSearch(
  db: ReplicaDb,
  text: string,
  semantic: { model: string; vector: Float32Array } | null,
  limit = 20,
  actor?: Actor,
): HybridResult[] {
  const keyword = searchAll(db, text, limit).filter((r) => maySeeResult(db, actor, r));
  if (!semantic) return keyword.map((r) => ({ ...r, via: ['keyword'] }));
  const vector = chunkResults(db, nearestChunks(db, semantic.model, semantic.vector, limit * 3), actor, limit);
  return reciprocalRankFusion([keyword, vector], keyOf)
    .slice(0, limit)
    .map(({ item, lists }) => ({ ...item, via: lists.map((l) => (l === 0 ? 'keyword' : 'semantic')) }));
}
