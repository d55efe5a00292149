/**
 * The semantic indexer's thread (started by index-host.ts): a SemanticIndexer on a connection of
 * its own to the replica file. Reading the records, chunking, redaction, the embeddings requests
 * and the chunk writes all happen here, so none of it pauses the main process, whose event loop
 * serves every screen's command. The main process tells it when to run (after changes to the
 * records it covers, and with the AI settings as they are then), answers its requests for the
 * provider's API key (the keychain is the main process's), and hears its progress after every batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSideConnection } from '../../../db/sqlite/open';
import type { AiSettings, ProviderConfig } from '../ai/settings';
import { chooseEmbedder, type EmbedderChoice } from './embedder';
import type { IndexProgress } from './index-status';
import { SemanticIndexer } from './indexer';

export interface IndexWorkerInput {
  path: string;
  batchSize?: number;
  partitionAt?: number;
  /** Set by the worker once its connection is closed after `stop` (the host waits on it). */
  closed: SharedArrayBuffer;
}

/** From the main process. */
export type ToIndexWorker =
  | { type: 'run'; id: number; settings: AiSettings }
  | { type: 'key'; id: number; key: string | undefined }
  | { type: 'stop' };

/** To the main process. */
export type FromIndexWorker =
  | { type: 'progress'; progress: IndexProgress; model: string | null }
  | { type: 'ran'; id: number; error: string | null }
  | { type: 'key'; id: number; provider: ProviderConfig };

function serve(port: NonNullable<typeof parentPort>, input: IndexWorkerInput) {
  const db = openSideConnection(input.path);
  const closed = new Int32Array(input.closed);
  const post = (m: FromIndexWorker) => port.postMessage(m);
  let settings: AiSettings | null = null;
  let keys = 0;
  const waitingKeys = new Map<number, (key: string | undefined) => void>();
  const getApiKey = (provider: ProviderConfig) =>
    new Promise<string | undefined>((resolve) => {
      const id = ++keys;
      waitingKeys.set(id, resolve);
      post({ type: 'key', id, provider });
    });
  const choose = (): EmbedderChoice => {
    if (!settings) return { embedder: null, reason: 'Semantic search is off: the AI settings are not read yet.' };
    return chooseEmbedder(db, settings, getApiKey);
  };
  const indexer = new SemanticIndexer(db, choose, input.batchSize, input.partitionAt, false);
  const progress = () =>
    post({ type: 'progress', progress: indexer.currentProgress(), model: choose().embedder?.model ?? null });
  indexer.onBatch = progress;

  port.on('message', (m: ToIndexWorker) => {
    if (m.type === 'key') {
      waitingKeys.get(m.id)?.(m.key);
      waitingKeys.delete(m.id);
    } else if (m.type === 'run') {
      settings = m.settings;
      indexer.run().then(
        () => post({ type: 'ran', id: m.id, error: null }),
        (err: unknown) => post({ type: 'ran', id: m.id, error: err instanceof Error ? err.message : String(err) }),
      );
    } else {
      // Messages arrive between turns, never inside a write transaction: closing here is clean,
      // and the pass still running ends at its next check of `stopped` (or its next statement).
      indexer.stop();
      db.close();
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      port.close();
    }
  });
}

if (parentPort && (workerData as IndexWorkerInput | null)?.closed instanceof SharedArrayBuffer)
  serve(parentPort, workerData as IndexWorkerInput);
