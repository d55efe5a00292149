/**
 * One live shape: its snapshot file, its log of change messages (only
 * transactions the snapshot did not contain, filtered by the where clause),
 * reads from an offset, and long-poll waiters.
 */
import { rm } from 'node:fs/promises';
import type { LoggedChange, LoggedTransaction } from './decoding';
import { entriesForTransaction, type LogEntry, type ShapeSpec } from './messages';
import { compareOffsets, isInSnapshot, type LogOffset, SNAPSHOT_END } from './offsets';
import { type SnapshotFile, snapshotRowCount, type SnapshotVisibility, visibleInSnapshot } from './snapshot';

export interface ShapeDefinition {
  /** Identity of the definition: table + where + params + columns + replica + log mode. */
  key: string;
  spec: ShapeSpec;
  changesOnly: boolean;
}

export interface ReadResult {
  /** Snapshot rows [from, to) to send first. */
  snapshot: { from: number; to: number } | null;
  entries: string[];
  /** The `electric-offset` to answer with. */
  offset: LogOffset;
  /** Nothing after `offset` yet: answer with up-to-date. */
  upToDate: boolean;
}

export class Shape {
  /** Next global-log sequence number this shape has to process. */
  feedSeq: number;
  invalidated = false;
  file: SnapshotFile | null = null;
  #visibility: SnapshotVisibility | null = null;
  #entries: LogEntry[] = [];
  #waiters = new Set<() => void>();

  constructor(
    readonly handle: string,
    readonly definition: ShapeDefinition,
    feedSeq: number,
  ) {
    this.feedSeq = feedSeq;
  }

  get spec(): ShapeSpec {
    return this.definition.spec;
  }

  get isReady(): boolean {
    return this.#visibility !== null;
  }

  /** Called once the snapshot is on disk; the shape then starts consuming the change log. */
  setSnapshot(visibility: SnapshotVisibility, file: SnapshotFile): void {
    this.#visibility = visibility;
    this.file = file;
  }

  /**
   * Consumes transactions from the global log. Returns false when the shape
   * can no longer be maintained (TRUNCATE or a column change on its table):
   * the registry then drops it and clients get a 409 must-refetch.
   */
  apply(transactions: LoggedTransaction[]): boolean {
    const visibility = this.#visibility;
    if (!visibility || this.invalidated) return true;
    const { meta } = this.spec;
    let appended = false;
    for (const tx of transactions) {
      if (tx.seq < this.feedSeq) continue;
      this.feedSeq = tx.seq + 1;
      const changes = tx.changes.filter((c) => c.table.schema === meta.schema && c.table.name === meta.name);
      if (changes.length === 0) continue;
      if (changes.some((c) => this.#columnsChanged(c))) return false;
      if (visibleInSnapshot(tx.xid, visibility)) continue;
      if (changes.some((c) => c.op === 'truncate')) return false;
      const entries = entriesForTransaction(this.spec, tx, changes);
      for (const entry of entries) this.#entries.push(entry);
      appended ||= entries.length > 0;
    }
    if (appended) this.#wake();
    return true;
  }

  /** Offset of the newest message (what `offset=now` answers with). */
  headOffset(): LogOffset {
    return this.#entries.at(-1)?.offset ?? SNAPSHOT_END;
  }

  /** Up to `limit` snapshot rows and/or log messages after `offset`. */
  read(offset: LogOffset, limit: number): ReadResult {
    if (!isInSnapshot(offset)) return this.#readLog(offset, limit);
    const total = this.file ? snapshotRowCount(this.file) : 0;
    const from = offset.tx < 0n ? 0 : Math.min(total, offset.op + 1);
    const to = Math.min(total, from + limit);
    const snapshot = to > from ? { from, to } : null;
    if (to < total) return { snapshot, entries: [], offset: { tx: 0n, op: to - 1 }, upToDate: false };
    // The snapshot ends in this response: fill the rest with log messages.
    const log = this.#readLog(SNAPSHOT_END, limit - (to - from));
    return { ...log, snapshot };
  }

  #readLog(offset: LogOffset, limit: number): ReadResult {
    const start = this.#firstAfter(offset);
    const slice = limit > 0 ? this.#entries.slice(start, start + limit) : [];
    const last = slice.at(-1);
    return {
      snapshot: null,
      entries: slice.map((e) => e.json),
      offset: last?.offset ?? offset,
      upToDate: start + slice.length >= this.#entries.length,
    };
  }

  /** Resolves when new messages arrive, the shape is invalidated, `ms` pass, or `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
      if (signal.aborted || this.invalidated) done();
    });
  }

  async invalidate(): Promise<void> {
    if (this.invalidated) return;
    this.invalidated = true;
    this.#wake();
    if (this.file) await rm(this.file.path, { force: true });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  #firstAfter(offset: LogOffset): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOffsets(this.#entries[mid]!.offset, offset) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #columnsChanged(change: LoggedChange): boolean {
    const { byName, columns } = this.spec.meta;
    for (const row of [change.oldRow, change.newRow]) {
      if (row && Object.keys(row).some((name) => !byName.has(name))) return true;
    }
    return change.op === 'insert' && change.newRow !== null && Object.keys(change.newRow).length !== columns.length;
  }
}
