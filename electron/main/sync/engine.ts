import { FetchError } from '@electric-sql/client';
import type { Database } from 'better-sqlite3';
import type { Actor } from '../../../shared/mutations/define';
import type { FirstSyncProgress } from '../../../shared/api/types';
import { SCOPE_HEADER, SYNCED_TABLES } from '../../../shared/sync/protocol';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { derivedSuspended, rebuildDerived, suspendDerived } from '../../../db/sqlite/derived';
import { changeFeed } from '../../../db/sqlite/change-feed';
import { ALL_CHANGE_TABLES } from '../../../shared/api/changes';
import { conflicts, outbox, positions as storedPositions } from '../../../db/sqlite/sync-state';
import { applyServerBatch, rebaseLocal } from './apply';
import { firstSyncProgress, isFirstSync, resumingFirstSync, shrinkCacheForFirstSync } from './first-sync';
import { GatewayClient, TransientError } from './gateway-client';
import { pushOnce } from './pusher';
import { replicaScope, rescope, SCOPED_TABLES, setReplicaScope, type ReplicaScope } from './scope';
import { updateSessionUser } from './session';
import { ShapeFeed } from './shape-feed';

export interface SyncStatus {
  running: boolean;
  online: boolean;
  pending: number;
  rejected: number;
  conflicts: number;
  lastSyncedAt: string | null;
  error: string | null;
  firstSync: FirstSyncProgress | null;
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
  /** Re-reads the actor after the gateway said the user's role or team changed (the app caches it). */
  refreshActor?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise<void>((r) => setImmediate(r));

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
    this.scope = replicaScope(deps.db);
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.startFeed();
    this.deps.writer.onCommit = () => this.wake?.();
    void this.pushLoop();
  }

  /** The scope the replica holds, as recorded (README: Sync, scope changes). */
  private scope: ReplicaScope | undefined;
  /** Set while the replica drops a scope it may no longer hold and takes the new one. */
  private rescoping: Promise<void> | null = null;
  /** Owned tables hold positions of a scope never recorded (see startFeed). */
  private unverified = false;
  /** Why sync cannot go on (the new scope could not be learnt), if it cannot. */
  private failure: Error | null = null;

  private startFeed() {
    const { db, writer } = this.deps;
    const positions = storedPositions.load(db);
    // Owned rows synced for a scope never recorded (a replica from before scopes were): whether
    // they are the user's scope now cannot be told, so the first answer re-syncs them.
    this.unverified = !this.scope?.fingerprint && SCOPED_TABLES.some((t) => positions.has(t));
    // A scope change set the triggers aside when it dropped the owned rows: same path.
    if (isFirstSync(db) || derivedSuspended(db) || resumingFirstSync(db, positions)) {
      // Search index and vehicle/tag tables are built once at the end instead of row by row
      // (README: "A first sync builds derived state once"). Queued like any write.
      this.deferredDerived = true;
      void writer
        .exclusive(async () => {
          suspendDerived(db);
          this.restoreCache ??= shrinkCacheForFirstSync(db);
        })
        .catch((err: Error) => (this.lastError = `first sync: ${err.message}`));
    }
    const baseFetch = this.deps.fetch ?? fetch;
    const feed: ShapeFeed = new ShapeFeed({
      url: new URL('/v1/shape', this.deps.serverUrl).toString(),
      tables: SYNCED_TABLES,
      headers: () => ({ Authorization: `Bearer ${this.deps.token}` }),
      positions,
      // Every answer names the user's current scope (errors too: a stored handle of an older
      // scope gets a 400); read before the stream acts on the answer.
      fetchClient: async (input, init) => {
        const res = await baseFetch(input, init);
        const scope = res.headers.get(SCOPE_HEADER);
        if (scope && feed.active) this.checkScope(feed, scope, res.ok);
        return res;
      },
      apply: async (batch) => {
        // Nothing arrived and nothing waits to be settled: skip the transaction (the stored
        // positions stay a little behind, which only means re-reading nothing after a restart).
        // The batch that completes a first sync may be empty (a shape with no rows said up-to-date last).
        const complete = () => (feed.active && feed.upToDate ? this.firstSyncComplete() : undefined);
        if (batch.changes.length === 0 && batch.refetched.size === 0 && !outbox.hasConfirmed(db)) {
          // A shape with no rows caught up: nothing is written, so no change event would make the
          // indicator re-read, and its "tables complete" stayed at the count of the last write.
          if (this.deferredDerived && batch.positions.length > 0) this.statusChanged();
          return complete();
        }
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
        // A refused request with no scope named (a proxy on the way dropped the header): the
        // gateway is asked whether the scope changed; if not, the refusal stands (the shape stops).
        if (err instanceof FetchError && err.status === 400 && feed.active && !this.rescoping)
          this.rescoping = this.rescope(feed, err).finally(() => (this.rescoping = null));
      },
    });
    this.feed = feed;
    feed.start();
  }

  /**
   * An answer named the user's scope. The one the replica holds: nothing to do. None recorded
   * and no owned rows synced yet (just signed in): it is the scope they will be synced for. Any
   * other: the user's role, team or identity changed, and the replica takes the new scope now,
   * instead of retrying a refused handle.
   */
  private checkScope(feed: ShapeFeed, scope: string, ok: boolean) {
    if (this.rescoping || scope === this.scope?.fingerprint) return;
    if (!this.scope?.fingerprint && !this.unverified && ok) {
      const adopted = (this.scope = {
        userId: this.scope?.userId ?? this.deps.actor().userId,
        resyncing: this.scope?.resyncing ?? false,
        fingerprint: scope,
      });
      void this.deps.writer.exclusive(async () => setReplicaScope(this.deps.db, adopted));
      return;
    }
    this.rescoping = this.rescope(feed).finally(() => (this.rescoping = null));
  }

  /**
   * Learns who the user is now, drops what they may no longer see, and syncs their scope afresh.
   * With `refusal` (a shape's 400 that named no scope), only if the scope did change.
   */
  private async rescope(feed: ShapeFeed, refusal?: Error) {
    const { db, writer } = this.deps;
    const stopFeed = () => {
      feed.stop();
      if (this.feed === feed) this.feed = null;
    };
    if (!refusal) stopFeed();
    // Derived state set aside for a first sync stays aside: the drop empties it anyway.
    let delay = 200;
    while (this.running) {
      try {
        const me = await this.client.whoAmI();
        if (!this.running) return;
        if (refusal) {
          if (me.scope === this.scope?.fingerprint) return;
          stopFeed();
        }
        const t0 = performance.now();
        await writer.exclusive(() =>
          rescope(
            db,
            { userId: me.user.id, fingerprint: me.scope },
            () => (this.deps.refreshActor?.(), this.deps.actor()),
            () => updateSessionUser(db, me.user),
          ),
        );
        this.deps.refreshActor?.();
        // Rows of many tables left and the actor changed: every open screen re-reads.
        changeFeed(db).emit(ALL_CHANGE_TABLES, 'sync');
        this.scope = replicaScope(db);
        if (!this.running) return;
        this.deps.log?.(
          `sync: the user's scope changed; its records are synced afresh (${Math.round(performance.now() - t0)} ms to drop the old)`,
        );
        this.startFeed();
        return;
      } catch (err) {
        this.lastError = `the user's scope changed: ${(err as Error).message}`;
        if (!(err instanceof TransientError)) {
          this.failure = new Error(this.lastError);
          return;
        }
        await sleep(delay);
        delay = Math.min(5_000, delay * 2);
      }
    }
  }

  /**
   * Every shape is up to date. After a first sync, the derived state is rebuilt; after a scope
   * change, the unsettled work is rebased onto the new scope's rows (replayed before they came,
   * edits of rows not yet there had nothing to apply to) and the change is done.
   */
  private async firstSyncComplete() {
    if (this.scope?.resyncing) {
      const done = { ...this.scope, resyncing: false };
      this.scopeSettled ??= this.deps.writer
        .exclusive(async () => {
          await rebaseLocal(this.deps.db, this.deps.actor());
          setReplicaScope(this.deps.db, done);
        })
        .then(() => void (this.scope = done))
        .finally(() => (this.scopeSettled = null));
      await this.scopeSettled;
    }
    if (this.deferredDerived) await this.finishDerived('complete');
  }

  private scopeSettled: Promise<void> | null = null;

  /**
   * Rebuilds the set-aside derived state (in slices, holding the writer so no mutation lands
   * between them) and puts the triggers back: when the first sync is complete, or when the
   * engine stops before (the replica keeps working offline, with its triggers).
   */
  private finishDerived(why: 'complete' | 'stopped') {
    if (!this.deferredDerived) return this.derivedDone;
    this.deferredDerived = false;
    this.rebuilding = true;
    // The indicator shows the rebuild as the last step of the first sync (status().firstSync).
    this.statusChanged();
    const t0 = performance.now();
    this.derivedDone = this.deps.writer
      .exclusive(() => rebuildDerived(this.deps.db, turn))
      .finally(() => {
        this.rebuilding = false;
        this.restoreCache?.();
        this.restoreCache = null;
        this.statusChanged();
      })
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

  /** Puts SQLite's page cache back once a first sync's rows are in (see shrinkCacheForFirstSync). */
  private restoreCache: (() => void) | null = null;

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
      // Each applied batch writes sync_state, which the indicator already re-reads on; the
      // rebuild's start and end are sync_status events.
      firstSync: firstSyncProgress(this.feed, { deferred: this.deferredDerived, rebuilding: this.rebuilding }),
    };
  }

  /** Syncs until the replica is up to date and only rejected mutations are left, then stops. */
  async syncOnce(timeoutMs = 120_000) {
    const t0 = Date.now();
    this.start();
    try {
      while (Date.now() - t0 < timeoutMs) {
        await sleep(50);
        const failure = this.failure ?? (this.rescoping ? null : this.feed?.failure);
        if (failure) throw new Error(`sync stopped: ${failure.message}`);
        const s = this.status();
        if (
          this.feed?.upToDate &&
          s.pending === 0 &&
          !this.deferredDerived &&
          !this.rebuilding &&
          !this.rescoping &&
          !this.scope?.resyncing
        ) {
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
      await this.rescoping;
      await this.derivedDone;
    }
  }
}
