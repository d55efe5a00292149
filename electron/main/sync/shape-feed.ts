import { FetchError, ShapeStream, isControlMessage, type Message, type Row as ElectricRow } from '@electric-sql/client';
import { setMaxListeners } from 'node:events';
import type { TableName } from '../../../shared/model/catalogue';
import type { ServerBatch, ShapePosition } from './apply';
import type { ServerChange } from './messages';
import { ParseSlots } from './parse-slots';
import { ParsedResponses, type FeedItem } from './parsed-responses';

interface TableFeed {
  table: TableName;
  stream: ShapeStream<ElectricRow>;
  buffer: ServerChange[];
  /** The log position every message of this shape up to which has been received. */
  completeLsn: bigint | null;
  position: ShapePosition | null;
  refetch: Set<string> | null;
  refreshing: boolean;
  unsubscribe: () => void;
  /** Stops this shape's stream alone (a malformed message). */
  halt: AbortController;
  /** Why this shape stopped for good, if it did. */
  failure: Error | null;
  /** The stream's responses, parsed here rather than by the client. */
  responses: ParsedResponses;
}

export interface FeedOptions {
  url: string;
  tables: readonly TableName[];
  headers: () => Record<string, string>;
  positions: Map<string, { handle: string; offset: string }>;
  apply: (batch: ServerBatch) => Promise<void>;
  onError: (table: TableName, err: Error) => void;
  fetchClient?: typeof fetch;
}

/**
 * Responses parsed and not yet applied at once (ParseSlots). At 10k leads, direct runs of the
 * first-sync bench child peaked at 365 MB with one, 385-404 with two, 454 with four and 452-489
 * with no limit; two kept most of the speed of four (30 s wall against 22, the same CPU).
 */
const PARSE_SLOTS = 2;

/**
 * One Electric ShapeStream per synced table (long-polling). Messages are buffered per shape
 * and released as one batch when every shape has caught up to the same point of the log, so
 * a transaction that spans tables (a conversion) lands in one SQLite transaction. Snapshot
 * rows (no log position) are released as they come, so a first sync never sits in memory.
 * A shape lagging behind the others is asked to refresh rather than waited on for a full poll.
 */
export class ShapeFeed {
  private readonly feeds = new Map<TableName, TableFeed>();
  private chain: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly slots = new ParseSlots(PARSE_SLOTS);
  /** Server changes applied so far. */
  pulled = 0;

  constructor(private readonly options: FeedOptions) {}

  start() {
    setMaxListeners(this.options.tables.length * 4 + 10, this.abort.signal);
    for (const table of this.options.tables) {
      const saved = this.options.positions.get(table);
      const halt = new AbortController();
      const responses = new ParsedResponses(table, this.slots, this.options.fetchClient);
      const signal = AbortSignal.any([this.abort.signal, halt.signal]);
      setMaxListeners(20, signal);
      const stream = new ShapeStream<ElectricRow>({
        url: this.options.url,
        params: { table },
        headers: this.options.headers(),
        signal,
        fetchClient: responses.fetch,
        ...(saved ? { offset: saved.offset as `${number}_${number}`, handle: saved.handle } : {}),
        backoffOptions: { initialDelay: 100, maxDelay: 5_000, multiplier: 1.5 },
        onError: (err) => {
          this.options.onError(table, err as Error);
          // A 400 is the request's own fault (a handle of another shape definition, say): the
          // same request would fail forever, so this shape stops and sync says why at once.
          if (err instanceof FetchError && err.status === 400) {
            feed.failure = err;
            return;
          }
          return {}; // keep retrying with the same params: sync resumes when the server is back
        },
      });
      const feed: TableFeed = {
        table,
        stream,
        buffer: [],
        completeLsn: null,
        position: null,
        refetch: null,
        refreshing: false,
        unsubscribe: () => {},
        halt,
        failure: null,
        responses,
      };
      feed.unsubscribe = stream.subscribe(
        (messages) => this.receive(feed, messages),
        (err) => this.options.onError(table, err),
      );
      this.feeds.set(table, feed);
    }
  }

  private stopped = false;

  /**
   * Stops the streams. Batches already received but not yet applied are dropped, not applied
   * late: a newer feed on the same replica may have moved past them, and their positions were
   * never stored, so the next feed fetches them again.
   */
  stop() {
    this.stopped = true;
    for (const f of this.feeds.values()) f.unsubscribe();
    this.abort.abort();
  }

  get active() {
    return !this.stopped;
  }

  /** True once every shape has caught up with the server at least once and nothing is buffered. */
  get upToDate(): boolean {
    return [...this.feeds.values()].every(
      (f) => f.completeLsn !== null && f.buffer.length === 0 && f.stream.isUpToDate,
    );
  }

  /** Rows applied so far and how many shapes have caught up with the server at least once. */
  progress(): { rows: number; shapes: number; shapesDone: number } {
    const feeds = [...this.feeds.values()];
    const shapesDone = feeds.filter((f) => f.completeLsn !== null).length;
    return { rows: this.pulled, shapes: feeds.length, shapesDone };
  }

  /** The first shape that stopped on a malformed message, if any: sync cannot complete. */
  get failure(): Error | null {
    for (const f of this.feeds.values()) if (f.failure) return f.failure;
    return null;
  }

  private receive(feed: TableFeed, messages: Message<ElectricRow>[]): Promise<void> {
    if (feed.failure) {
      feed.responses.release();
      return this.chain;
    }
    // Every change of the response is validated before any is buffered: a malformed one stops
    // this shape with nothing of the response kept and its position not moved, so the replica
    // never holds part of a chunk, and the next start fetches the same chunk again.
    let items: FeedItem[];
    try {
      items = feed.responses.resolve(messages);
    } catch (err) {
      feed.failure = err as Error;
      feed.responses.release();
      feed.unsubscribe();
      feed.halt.abort();
      this.options.onError(feed.table, err as Error);
      return this.chain;
    }
    // Never throw into the client: its subscriber errors surface as uncaught exceptions.
    try {
      for (const m of items) {
        if ('op' in m) {
          const change = m;
          feed.buffer.push(change);
          if (feed.refetch && change.lsn === 0n && change.op !== 'delete') feed.refetch.add(change.id);
        } else if (isControlMessage(m)) {
          if (m.headers.control === 'up-to-date') {
            const seen = (m.headers as { global_last_seen_lsn?: string }).global_last_seen_lsn;
            const maxBuffered = feed.buffer.reduce((a, c) => (c.lsn > a ? c.lsn : a), 0n);
            feed.completeLsn =
              seen !== undefined
                ? BigInt(seen)
                : maxBuffered > (feed.completeLsn ?? 0n)
                  ? maxBuffered
                  : (feed.completeLsn ?? 0n);
            feed.position = { shape: feed.table, handle: feed.stream.shapeHandle!, offset: feed.stream.lastOffset };
            feed.refreshing = false;
          } else if (m.headers.control === 'must-refetch') {
            feed.buffer = [];
            feed.completeLsn = null;
            feed.refetch = new Set();
          }
        }
      }
    } catch (err) {
      this.options.onError(feed.table, err as Error);
    }
    if (!feed.stream.isUpToDate && feed.buffer.some((c) => c.lsn === 0n) && !feed.refetch) {
      // Mid-snapshot: keep the position of the chunk so a restart resumes, and release the rows now.
      feed.position = { shape: feed.table, handle: feed.stream.shapeHandle!, offset: feed.stream.lastOffset };
    }
    const run = this.chain.then(() => this.flush());
    this.chain = run.catch((err) => this.options.onError(feed.table, err as Error));
    // The response's snapshot rows are applied (its later changes buffered): its slot is free.
    return this.chain.then(() => feed.responses.release());
  }

  /** Releases what every shape agrees on, as one batch. */
  private async flush() {
    if (this.stopped) return;
    const feeds = [...this.feeds.values()];
    const live = feeds.filter((f) => f.completeLsn !== null);
    const minLsn =
      live.length === feeds.length
        ? live.reduce((a, f) => (f.completeLsn! < a ? f.completeLsn! : a), live[0]!.completeLsn!)
        : null;
    const changes: ServerChange[] = [];
    const positions: ShapePosition[] = [];
    const refetched = new Map<TableName, Set<string>>();
    for (const f of feeds) {
      // One pass (a snapshot chunk holds thousands of rows): what is released, what is held back.
      const ready: ServerChange[] = [];
      const held: ServerChange[] = [];
      for (const c of f.buffer) (c.lsn === 0n || (minLsn !== null && c.lsn <= minLsn) ? ready : held).push(c);
      if (ready.length === 0 && !(f.position && f.buffer.length === 0)) continue;
      for (const c of ready) changes.push(c);
      f.buffer = held;
      // A shape's position is stored only when nothing it received is still held back.
      if (f.buffer.length === 0 && f.position) {
        positions.push(f.position);
        f.position = null;
        if (f.refetch && f.completeLsn !== null) {
          refetched.set(f.table, f.refetch);
          f.refetch = null;
        }
      }
    }
    if (changes.length || positions.length || refetched.size) {
      await this.options.apply({ changes, positions, upToLsn: minLsn, refetched });
      this.pulled += changes.length;
    }
    this.hurryLaggards(feeds);
  }

  private lastRefresh = 0;
  /**
   * Confirmed mutations settle once every shape has seen the log past them (`target`); a shape
   * with nothing new would only say so at the end of its long poll, so ask now (at most every
   * 250 ms), but only the shapes still short of it: refreshing every shape all the time is a
   * storm of requests that slows the pushing it waits for.
   */
  refreshIfSettling(target: bigint) {
    if (Date.now() - this.lastRefresh < 250) return;
    this.lastRefresh = Date.now();
    for (const f of this.feeds.values()) {
      if (!f.refreshing && f.stream.isUpToDate && (f.completeLsn === null || f.completeLsn < target)) {
        f.refreshing = true;
        void f.stream.forceDisconnectAndRefresh().catch(() => (f.refreshing = false));
      }
    }
  }

  /** Shapes behind a change another shape already delivered get a quick non-live request. */
  private hurryLaggards(feeds: TableFeed[]) {
    const held = feeds.flatMap((f) => f.buffer.map((c) => c.lsn));
    if (held.length === 0) return;
    const target = held.reduce((a, b) => (b > a ? b : a));
    for (const f of feeds) {
      if (f.completeLsn !== null && f.completeLsn < target && !f.refreshing && f.stream.isUpToDate) {
        f.refreshing = true;
        void f.stream.forceDisconnectAndRefresh().catch(() => (f.refreshing = false));
      }
    }
  }
}
