import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import { knn } from '../../../db/queries/semantic';
import { AppError } from '../../../shared/errors';
import { canAccess, type Actor } from '../../../shared/mutations/define';
import { loadAiSettings, type AiSettings, type ProviderConfig } from '../ai/settings';
import { chooseEmbedder, type EmbedderChoice } from './embedder';
import { chunkResults, hybridSearch, type HybridResult } from './hybrid';
import { WorkerIndexer } from './index-host';
import type { BackgroundIndexer, IndexStatus } from './index-status';
import { SemanticIndexer } from './indexer';

export interface SemanticDeps {
  db: ReplicaDb;
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>;
  settings?: (stored: AiSettings) => AiSettings;
  batchSize?: number;
  /** Chunks past which the index is partitioned into lists (indexer.ts PARTITION_AT). */
  partitionAt?: number;
  /** The signed-in person: results, similar records and sources are only what they may see. None in scripts. */
  actor?: () => Actor;
  /**
   * Index in a worker thread of its own (index-host.ts), as the app does; needs a replica file
   * (an in-memory replica has no second connection) and no `settings` override (a function).
   */
  inWorker?: boolean;
}

export interface SemanticSearch {
  results: HybridResult[];
  /** Whether vector results took part; when not, why (shown to the person). */
  semantic: boolean;
  reason: string | null;
}

export type RecordRef = { lead_id: string } | { client_id: string };
/** What the API names: a policy stands for its client's records (its chunks carry the client's id). */
export type SubjectRef = RecordRef | { policy_id: string };

/** Semantic search of the main process: the background indexer, hybrid search and similar records. */
export function createSemanticService(deps: SemanticDeps) {
  const settings = () => {
    const stored = loadAiSettings(deps.db);
    return deps.settings ? deps.settings(stored) : stored;
  };
  const choose = (): EmbedderChoice => chooseEmbedder(deps.db, settings(), deps.getApiKey);
  const indexer: BackgroundIndexer =
    deps.inWorker && !deps.db.memory
      ? new WorkerIndexer({
          db: deps.db,
          path: deps.db.name,
          choose,
          settings,
          getApiKey: deps.getApiKey,
          batchSize: deps.batchSize,
          partitionAt: deps.partitionAt,
        })
      : new SemanticIndexer(deps.db, choose, deps.batchSize, deps.partitionAt);
  const actor = () => deps.actor?.();

  /** The lead or client a subject's records hang on, checked visible to the actor (not_found / forbidden otherwise). */
  function resolve(ref: SubjectRef): RecordRef {
    const [table, id, label] =
      'lead_id' in ref
        ? ['leads', ref.lead_id, 'lead']
        : 'client_id' in ref
          ? ['clients', ref.client_id, 'client']
          : ['policies', ref.policy_id, 'policy'];
    const row = deps.db.prepare(`SELECT owner_id, team_id, deleted_at FROM "${table}" WHERE id = ?`).get(id) as
      { owner_id: string; team_id: string | null; deleted_at: string | null } | undefined;
    if (!row || row.deleted_at) throw new AppError('not_found', `${label} ${id} does not exist`, `${label}_id`);
    const who = actor();
    if (who && !canAccess(who, row)) throw new AppError('forbidden', `you may not see this ${label}`, `${label}_id`);
    if ('policy_id' in ref) {
      const client = deps.db
        .prepare('SELECT client_id FROM policies WHERE id = ?')
        .pluck()
        .get(ref.policy_id) as string;
      return { client_id: client };
    }
    return ref;
  }

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
    return { results: hybridSearch(deps.db, text, vector, limit, actor()), semantic: vector !== null, reason };
  }

  /** Records whose text is nearest the centre of this lead's or client's own chunks; no request leaves the machine. */
  function similar(subject: SubjectRef, limit = 8): SemanticSearch {
    const ref = resolve(subject);
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
    const results = chunkResults(deps.db, hits, actor())
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
    resolve,
    actor,
    getApiKey: deps.getApiKey,
    stop: () => indexer.stop(),
  };
}
export type SemanticService = ReturnType<typeof createSemanticService>;
