import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import { vectorsAvailable } from '../../../db/sqlite/vectors';
import { knn } from '../../../db/queries/semantic';
import { loadAiSettings, type AiSettings, type ProviderConfig } from '../ai/settings';
import { providerEmbedder, type EmbedderChoice } from './embedder';
import { chunkResults, hybridSearch, type HybridResult } from './hybrid';
import { SemanticIndexer, type IndexStatus } from './indexer';

export interface SemanticDeps {
  db: ReplicaDb;
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>;
  settings?: (stored: AiSettings) => AiSettings;
  batchSize?: number;
}

export interface SemanticSearch {
  results: HybridResult[];
  /** Whether vector results took part; when not, why (shown to the person). */
  semantic: boolean;
  reason: string | null;
}

export type RecordRef = { lead_id: string } | { client_id: string };

/** Semantic search of the main process: the background indexer, hybrid search and similar records. */
export function createSemanticService(deps: SemanticDeps) {
  const settings = () => {
    const stored = loadAiSettings(deps.db);
    return deps.settings ? deps.settings(stored) : stored;
  };
  const choose = (): EmbedderChoice => {
    if (!vectorsAvailable(deps.db))
      return { embedder: null, reason: 'Semantic search is off: the vector extension is missing.' };
    return providerEmbedder(settings(), deps.getApiKey);
  };
  const indexer = new SemanticIndexer(deps.db, choose, deps.batchSize);

  /** The query's vector, or why there is none: semantic search off, or the provider failed (keyword results still shown). */
  async function queryVector(text: string) {
    const { embedder, reason } = choose();
    if (!embedder) return { vector: null, reason };
    try {
      const [vector] = await embedder.embed([text]);
      return { vector: { model: embedder.model, vector: vector! }, reason: null };
    } catch (err) {
      return { vector: null, reason: `Semantic results unavailable: ${err instanceof Error ? err.message : err}` };
    }
  }

  async function search(text: string, limit = 20): Promise<SemanticSearch> {
    const { vector, reason } = text.trim() ? await queryVector(text) : { vector: null, reason: null };
    return { results: hybridSearch(deps.db, text, vector, limit), semantic: vector !== null, reason };
  }

  /** Records whose text is nearest the centre of this lead's or client's own chunks; no request leaves the machine. */
  function similar(ref: RecordRef, limit = 8): SemanticSearch {
    const { embedder, reason } = choose();
    if (!embedder) return { results: [], semantic: false, reason };
    const column = 'lead_id' in ref ? 'lead_id' : 'client_id';
    const id = 'lead_id' in ref ? ref.lead_id : ref.client_id;
    const own = deps.db
      .prepare(`SELECT vec FROM semantic_chunks WHERE ${column} = ? AND model = ?`)
      .pluck()
      .all(id, embedder.model) as Buffer[];
    if (own.length === 0) return { results: [], semantic: true, reason: null };
    const centre = new Float32Array(
      new Float32Array(own[0]!.buffer, own[0]!.byteOffset, own[0]!.byteLength / 4).length,
    );
    for (const blob of own) {
      const v = new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
      for (let i = 0; i < centre.length; i++) centre[i]! += v[i]!;
    }
    const hits = knn(deps.db, embedder.model, centre, limit * 6).filter((h) => h[column] !== id);
    const results = chunkResults(deps.db, hits)
      .filter((r) => r.lead_id !== id && r.client_id !== id)
      .slice(0, limit)
      .map((r) => ({ ...r, via: ['semantic' as const] }));
    return { results, semantic: true, reason: null };
  }

  return {
    indexer,
    status: (): IndexStatus => indexer.status(),
    /** Indexes now and after every change to the records it covers. */
    follow: (feed: ChangeFeed) => indexer.follow(feed),
    index: (onBatch?: (s: IndexStatus) => void) => indexer.run(onBatch),
    search,
    similar,
    queryVector,
    choose,
    stop: () => indexer.stop(),
  };
}
export type SemanticService = ReturnType<typeof createSemanticService>;
