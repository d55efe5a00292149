/**
 * The main process's side of the indexer thread (index-worker.ts). Indexing in the main process
 * paused it 100–450 ms at a time on a 1.5M-chunk book even cut into pieces: the chunk writes and
 * the reads around them touch pages of large indexes that are not in memory. In a worker those
 * pauses are the worker's; the main process only answers for the API key, reads the index's new
 * rows into search's first pass (a page per turn) and tells the screens. A write of the app's
 * that meets one of the worker's short write transactions waits for it (busy_timeout).
 */
import type { Worker } from 'node:worker_threads';
import type { ChangeFeed } from '../../../db/sqlite/change-feed';
import { startModuleWorker } from '../../../db/sqlite/module-worker';
import { ensureVectorTables } from '../../../db/sqlite/vectors';
import type { ReplicaDb } from '../../../db/sqlite/open';
import { warmBitIndex } from '../../../db/queries/semantic-bits';
import { SOURCE_TABLES } from '../../../db/queries/semantic-sources';
import type { AiSettings, ProviderConfig } from '../ai/settings';
import type { EmbedderChoice } from './embedder';
import { IDLE, indexStatus, type BackgroundIndexer, type IndexProgress, type IndexStatus } from './index-status';
import { WARM_PAGE } from './indexer';
import type { FromIndexWorker, IndexWorkerInput, ToIndexWorker } from './index-worker';

/** Longest stop() waits for the worker to close its connection (a transaction at most). */
const STOP_WAIT_MS = 5_000;

/** The worker's module: beside this one as TypeScript, or the build's own entry (electron.vite.config.ts). */
function workerUrl(): URL {
  const here = import.meta.url;
  return /\.[cm]?ts$/.test(new URL(here).pathname)
    ? new URL('./index-worker.ts', here)
    : new URL('./semantic-index-worker.js', here);
}

export interface WorkerIndexerDeps {
  db: ReplicaDb;
  /** The replica's file (the worker opens its own connection to it). */
  path: string;
  choose: () => EmbedderChoice;
  settings: () => AiSettings;
  getApiKey: (p: ProviderConfig) => Promise<string | undefined>;
  batchSize?: number;
  partitionAt?: number;
}

export class WorkerIndexer implements BackgroundIndexer {
  onBatch: ((s: IndexStatus) => void) | undefined;
  private worker: Worker | null = null;
  private closed: Int32Array | null = null;
  private progress: IndexProgress = { ...IDLE };
  private runs = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private warming: Promise<void> = Promise.resolve();

  constructor(private readonly deps: WorkerIndexerDeps) {}

  status(): IndexStatus {
    return indexStatus(this.deps.db, this.deps.choose(), this.progress);
  }

  follow(feed: ChangeFeed) {
    this.unsubscribe?.();
    this.unsubscribe = feed.subscribe((e) => {
      if (e.tables.some((t) => SOURCE_TABLES.has(t))) void this.run().catch(() => {});
    });
    void this.run().catch(() => {});
  }

  /** Asks the worker for a pass (one more after the current one, if one runs); resolves when it is done. */
  run(onBatch: ((s: IndexStatus) => void) | undefined = this.onBatch): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (onBatch) this.onBatch = onBatch;
    // Semantic search off (no provider or model, no sqlite-vec): no thread is started for nothing.
    const model = this.deps.choose().embedder?.model;
    if (!model) {
      this.onBatch?.(this.status());
      return Promise.resolve();
    }
    // The vector tables exist before either connection reads them.
    ensureVectorTables(this.deps.db);
    const worker = this.ensureWorker();
    const id = ++this.runs;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // Search's first pass reads what is already indexed, a page per turn, while the worker looks for what is not.
    if (id === 1) this.warm(model);
    this.send(worker, { type: 'run', id, settings: this.deps.settings() });
    return done.finally(() => this.warming);
  }

  stop() {
    this.stopped = true;
    this.unsubscribe?.();
    const worker = this.worker;
    if (!worker || !this.closed) return;
    this.send(worker, { type: 'stop' });
    // Its connection closed before the app's own: the app's close is then the last, and removes the WAL.
    Atomics.wait(this.closed, 0, 0, STOP_WAIT_MS);
    this.worker = null;
    for (const w of this.waiting.values()) w.resolve();
    this.waiting.clear();
  }

  private send(worker: Worker, m: ToIndexWorker) {
    worker.postMessage(m);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const closed = new SharedArrayBuffer(4);
    const input: IndexWorkerInput = {
      path: this.deps.path,
      batchSize: this.deps.batchSize,
      partitionAt: this.deps.partitionAt,
      closed,
    };
    const worker = startModuleWorker(workerUrl(), input);
    // The app can quit while a pass runs: the worker must not keep the process alive.
    worker.unref();
    this.worker = worker;
    this.closed = new Int32Array(closed);
    worker.on('message', (m: FromIndexWorker) => this.receive(worker, m));
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.progress = { ...this.progress, state: 'error', error: why };
      for (const w of this.waiting.values()) w.reject(new Error(why));
      this.waiting.clear();
      this.onBatch?.(this.status());
    };
    worker.on('error', (err) => fail(`the indexer stopped: ${err.message}`));
    worker.on('exit', (code) => fail(`the indexer stopped (exit code ${code})`));
    return worker;
  }

  private receive(worker: Worker, m: FromIndexWorker) {
    if (m.type === 'key') {
      void this.deps.getApiKey(m.provider).then(
        (key) => this.worker === worker && this.send(worker, { type: 'key', id: m.id, key }),
        () => this.worker === worker && this.send(worker, { type: 'key', id: m.id, key: undefined }),
      );
      return;
    }
    if (m.type === 'progress') {
      this.progress = m.progress;
      // New chunks into search's first pass, a page per turn, before the screens are told.
      if (m.model) this.warm(m.model);
      else this.onBatch?.(this.status());
      return;
    }
    const waiter = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (m.error) waiter?.reject(new Error(m.error));
    else waiter?.resolve();
  }

  private warm(model: string) {
    this.warming = this.warming.then(async () => {
      while (!this.stopped && !warmBitIndex(this.deps.db, model, WARM_PAGE))
        await new Promise<void>((resolve) => setImmediate(resolve));
      if (!this.stopped) this.onBatch?.(this.status());
    });
  }
}
