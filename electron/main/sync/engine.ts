import type { Database } from 'better-sqlite3';
import type { Actor } from '../../../shared/mutations/define';
import { SYNCED_TABLES } from '../../../shared/sync/protocol';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { rebuildDerived, suspendDerived } from '../../../db/sqlite/derived';
import { changeFeed } from '../../../db/sqlite/change-feed';
import { conflicts, outbox, positions as storedPositions } from '../../../db/sqlite/sync-state';
import { applyServerBatch, rebaseLocal } from './apply';
import { GatewayClient, TransientError } from './gateway-client';
import { pushOnce } from './pusher';
import { ShapeFeed } from './shape-feed';

export interface SyncStatus {
  running: boolean;
  online: boolean;
  pending: number;
  rejected: number;
  conflicts: number;
  lastSyncedAt: string | null;
  error: string | null;
}

export interface EngineDeps {
  db: Database;
  writer: ReplicaWriter;
  actor: () => Actor;
  serverUrl: string;
  token: string;
  clientId: string;
  fetch?: typeof fetch;
  log?: (msg: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * A first sync: no shape has a stored position and no local work waits to be settled, so the
 * replica holds nothing the server will not send (lookups and the local user at most).
 */
const isFirstSync = (db: Database) => !storedPositions.any(db) && !outbox.hasUnsettled(db);

/**
 * The replica's sync: shapes in (ShapeFeed → applyServerBatch), outbox out (pushOnce), both
 * serialised with local writes through the writer's queue, with backoff while the server is away.
 */
export class SyncEngine {
  private feed: ShapeFeed | null = null;
  private wake: (() => void) | null = null;
  // Running and the last error are the engine's own state, not rows: a change of either is an
  // event of its own on the replica's change feed (`sync_status`), so the sync indicator follows it.
  private runningNow = false;
  private errorNow: string | null = null;
  private get running() {
    return this.runningNow;
  }
  private set running(value: boolean) {
    if (value === this.runningNow) return;
    this.runningNow = value;
    this.statusChanged();
  }
  private get lastError() {
    return this.errorNow;
  }
  private set lastError(value: string | null) {
    if (value === this.errorNow) return;
    this.errorNow = value;
    this.statusChanged();
  }
  private statusChanged() {
    changeFeed(this.deps.db).emit(['sync_status'], 'sync');
  }
  private lastSyncedAt: string | null = null;
  /** The derived-state triggers are aside for this first sync, to be rebuilt once it is complete. */
  private deferredDerived = false;
  readonly totals = { pulled: 0, pushed: 0, rejected: 0, conflicts: 0 };
  readonly client: GatewayClient;

  constructor(private readonly deps: EngineDeps) {
    this.client = new GatewayClient(deps.serverUrl, () => deps.token, deps.fetch);
  }

  start() {
    if (this.running) return;
    this.running = true;
    const { db, writer } = this.deps;
    const positions = storedPositions.load(db);
    if (isFirstSync(db)) {
      // Search index and vehicle/tag tables are built once at the end instead of row by row
      // (README: "A first sync builds derived state once"). Queued like any write.
      this.deferredDerived = true;
      void writer
        .exclusive(async () => suspendDerived(db))
        .catch((err: Error) => (this.lastError = `first sync: ${err.message}`));
    }
    const feed: ShapeFeed = new ShapeFeed({
      url: new URL('/v1/shape', this.deps.serverUrl).toString(),
      tables: SYNCED_TABLES,
      headers: () => ({ Authorization: `Bearer ${this.deps.token}` }),
      positions,
      fetchClient: this.deps.fetch,
      apply: async (batch) => {
        // Nothing arrived and nothing waits to be settled: skip the transaction (the stored
        // positions stay a little behind, which only means re-reading nothing after a restart).
        // The batch that completes a first sync may be empty (a shape with no rows said up-to-date last).
        const complete = () =>
          this.deferredDerived && feed.active && feed.upToDate ? this.finishDerived('complete') : undefined;
        if (batch.changes.length === 0 && batch.refetched.size === 0 && !outbox.hasConfirmed(db)) return complete();
        // Checked inside the writer's turn: a feed stopped while this batch waited must not apply it.
        const t0 = performance.now();
        const r = await writer.exclusive(async () =>
          feed.active ? applyServerBatch(db, batch, this.deps.actor()) : undefined,
        );
        if (process.env.FIELDLINE_SYNC_DEBUG && r)
          this.deps.log?.(`apply ${JSON.stringify(r)} in ${Math.round(performance.now() - t0)} ms`);
        await complete();
        this.lastSyncedAt = new Date().toISOString();
        this.lastError = null;
      },
      onError: (table, err) => {
        this.lastError = `${table}: ${err.message}`;
        this.deps.log?.(`sync: ${this.lastError}`);
      },
    });
    this.feed = feed;
    feed.start();
    writer.onCommit = () => this.wake?.();
    void this.pushLoop();
  }

  /**
   * Rebuilds the set-aside derived state (in slices, holding the writer so no mutation lands
   * between them) and puts the triggers back: when the first sync is complete, or when the
   * engine stops before (the replica keeps working offline, with its triggers).
   */
  private finishDerived(why: 'complete' | 'stopped') {
    if (!this.deferredDerived) return this.derivedDone;
    this.deferredDerived = false;
    this.rebuilding = true;
    const t0 = performance.now();
    this.derivedDone = this.deps.writer
      .exclusive(() => rebuildDerived(this.deps.db, turn))
      .finally(() => (this.rebuilding = false))
      .then(
        () => {
          if (process.env.FIELDLINE_SYNC_DEBUG)
            this.deps.log?.(`derived state rebuilt (${why}) in ${Math.round(performance.now() - t0)} ms`);
        },
        // Left aside, the marker stays: the next open of the replica rebuilds it.
        (err: Error) => void (this.lastError = `rebuilding the search index: ${err.message}`),
      );
    return this.derivedDone;
  }

  /** Settles once the derived state of a first sync is back (see finishDerived). */
  private derivedDone: Promise<void> = Promise.resolve();
  private rebuilding = false;

  stop() {
    this.running = false;
    void this.finishDerived('stopped');
    this.feed?.stop();
    this.wake?.();
    this.deps.writer.onCommit = undefined;
  }

  private async pushLoop() {
    let delay = 0;
    while (this.running) {
      try {
        const t0 = performance.now();
        const r = await pushOnce(this.deps.db, this.client, this.deps.clientId);
        if (process.env.FIELDLINE_SYNC_DEBUG && r.pushed + r.rejected > 0)
          this.deps.log?.(`push ${JSON.stringify(r)} in ${Math.round(performance.now() - t0)} ms`);
        this.totals.pushed += r.pushed;
        this.totals.rejected += r.rejected;
        this.totals.conflicts += r.conflicts;
        if (r.rejected > 0) await this.deps.writer.exclusive(() => rebaseLocal(this.deps.db, this.deps.actor()));
        delay = 0;
        if (!r.done) continue;
      } catch (err) {
        this.lastError = (err as Error).message;
        delay =
          err instanceof TransientError
            ? Math.min(5_000, Math.max(err.retryAfterMs ?? 0, delay ? delay * 2 : 200))
            : 5_000;
      }
      await Promise.race([sleep(delay || 250), new Promise<void>((r) => (this.wake = r))]);
    }
  }

  status(): SyncStatus {
    const { db } = this.deps;
    return {
      running: this.running,
      online: this.running && this.lastError === null,
      pending: outbox.unsettledCount(db),
      rejected: outbox.rejectedCount(db),
      conflicts: conflicts.openCount(db),
      lastSyncedAt: this.lastSyncedAt,
      error: this.lastError,
    };
  }

  /** Syncs until the replica is up to date and only rejected mutations are left, then stops. */
  async syncOnce(timeoutMs = 120_000) {
    const t0 = Date.now();
    this.start();
    try {
      while (Date.now() - t0 < timeoutMs) {
        await sleep(50);
        const failure = this.feed?.failure;
        if (failure) throw new Error(`sync stopped: ${failure.message}`);
        const s = this.status();
        if (this.feed?.upToDate && s.pending === 0 && !this.deferredDerived && !this.rebuilding) {
          return {
            pulled: this.feed.pulled,
            pushed: this.totals.pushed,
            rejected: this.totals.rejected,
            conflicts: this.totals.conflicts,
          };
        }
        // Only confirmed mutations wait on the stream; pending and sent ones wait on the gateway.
        if (this.feed?.upToDate && s.pending > 0) {
          const target = outbox.awaitedLsn(this.deps.db);
          if (target !== null) this.feed.refreshIfSettling(target);
        }
      }
      throw new Error(
        `sync did not finish within ${Math.round(timeoutMs / 1000)} s${this.lastError ? `: ${this.lastError}` : ''}`,
      );
    } finally {
      this.stop();
      await this.derivedDone;
    }
  }
}
