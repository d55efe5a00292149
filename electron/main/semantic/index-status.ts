/**
 * The semantic index's status as Settings → AI shows it, and what the app asks of an indexer in
 * either place it runs: in the calling thread (indexer.ts) or in a worker (index-host.ts).
 */
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { chunkCount, ensureVectorTables, vectorsAvailable } from '../../../db/sqlite/vectors';
import { NO_VECTORS, type EmbedderChoice } from './embedder';

export interface IndexStatus {
  /** off: no provider, no embedding model or no sqlite-vec; the reason says which. */
  state: 'off' | 'idle' | 'indexing' | 'error';
  reason: string | null;
  model: string | null;
  chunks: number;
  /** This run: chunks embedded, records left, rate and estimate. */
  done: number;
  recordsLeft: number;
  perSecond: number;
  secondsLeft: number | null;
}

/** A pass's progress: what the status is made of besides the replica's own counts. */
export interface IndexProgress {
  done: number;
  recordsDone: number;
  recordsLeft: number;
  startedAt: number;
  state: IndexStatus['state'];
  error: string;
}

export const IDLE: IndexProgress = { done: 0, recordsDone: 0, recordsLeft: 0, startedAt: 0, state: 'idle', error: '' };

/** The index's status on `db` (chunks from semantic_counts) with a pass's progress. */
export function indexStatus(db: ReplicaDb, choice: EmbedderChoice, progress: IndexProgress): IndexStatus {
  const vecProblem = vectorsAvailable(db) ? null : NO_VECTORS;
  const reason = vecProblem ?? choice.reason;
  ensureVectorTables(db);
  const model = choice.embedder?.model ?? null;
  const chunks = model ? chunkCount(db, model) : 0;
  const seconds = (Date.now() - progress.startedAt) / 1000;
  const perSecond = progress.state === 'indexing' && seconds > 0 ? progress.done / seconds : 0;
  const perRecord = progress.recordsDone ? progress.done / progress.recordsDone : 1;
  return {
    state: reason ? 'off' : progress.state,
    reason: reason ?? (progress.state === 'error' ? progress.error : null),
    model,
    chunks,
    done: progress.done,
    recordsLeft: progress.recordsLeft,
    perSecond: Math.round(perSecond),
    secondsLeft: perSecond > 0 ? Math.ceil((progress.recordsLeft * perRecord) / perSecond) : null,
  };
}

/** What the app asks of an indexer, in this thread (SemanticIndexer) or in a worker (WorkerIndexer). */
export interface BackgroundIndexer {
  onBatch: ((s: IndexStatus) => void) | undefined;
  status(): IndexStatus;
  follow(feed: ChangeFeed): void;
  run(onBatch?: (s: IndexStatus) => void): Promise<void>;
  stop(): void;
}
