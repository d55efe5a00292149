import type { Database } from 'better-sqlite3';
import type { TableName } from '../../shared/model/catalogue';
import type { ChangeEvent, ChangeSource, ChangeTable } from '../../shared/api/changes';

export type { ChangeEvent, ChangeSource, ChangeTable };

type Listener = (event: ChangeEvent) => void;

/**
 * The replica's change feed: after every committed transaction that wrote something, one event
 * naming the tables written and where the change came from (this device's mutations, or sync).
 * Writers open their transactions through `transaction`, and everything that writes rows notes
 * the table (`noteWrite`): a rolled-back transaction emits nothing.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  /** The transaction being collected, if one is open. */
  private open: { source: ChangeSource; tables: Set<ChangeTable> } | null = null;
  /** Writes noted outside any feed transaction, sent together on the next turn. */
  private stray: Set<ChangeTable> | null = null;

  constructor(private readonly db: Database) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Sends an event now: for changes with no transaction of their own (the signed-in user, the engine's state). */
  emit(tables: Iterable<ChangeTable>, source: ChangeSource) {
    const list = [...new Set(tables)].sort();
    if (list.length === 0) return;
    const event: ChangeEvent = { tables: list, source };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        // A listener's failure (a closed window) must not undo or block the commit that caused it.
        console.error('change feed listener failed', err);
      }
    }
  }

  /** Writes noted while `quietly` runs: sent as one event when it ends. */
  private held: Set<ChangeTable> | null = null;

  /**
   * Runs long work that commits many transactions of its own (a bulk load) and sends one event
   * for all of it at the end, instead of one per batch: a screen re-reads once, not thousands of
   * times while the load is still going.
   */
  async quietly<T>(source: ChangeSource, fn: () => Promise<T>): Promise<T> {
    if (this.held) return fn();
    this.held = new Set();
    try {
      return await fn();
    } finally {
      const tables = this.held;
      this.held = null;
      this.emit(tables, source);
    }
  }

  /** Records that `table` was written by the statement just run. */
  noteWrite(table: ChangeTable) {
    if (this.open) {
      this.open.tables.add(table);
      return;
    }
    if (this.held) {
      this.held.add(table);
      return;
    }
    // A write outside a feed transaction (a plain autocommit statement or another module's own
    // transaction): reported once that code has finished, so a run of them makes one event.
    if (!this.stray) {
      this.stray = new Set();
      queueMicrotask(() => {
        const tables = this.stray!;
        this.stray = null;
        this.emit(tables, 'local');
      });
    }
    this.stray.add(table);
  }

  /**
   * Runs `fn` inside BEGIN IMMEDIATE … COMMIT and then emits one event naming every table noted
   * in it; on error it rolls back, emits nothing and rethrows. Not re-entrant: one writer at a time.
   */
  async transaction<T>(source: ChangeSource, fn: () => T | Promise<T>): Promise<T> {
    if (this.open) throw new Error('a change-feed transaction is already open');
    this.db.exec('BEGIN IMMEDIATE');
    this.open = { source, tables: new Set() };
    let done: { source: ChangeSource; tables: Set<ChangeTable> };
    let result: T;
    try {
      result = await fn();
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    } finally {
      done = this.open;
      this.open = null;
    }
    this.emit(done.tables, done.source);
    return result;
  }

  /** The synchronous twin of `transaction`, for bookkeeping that awaits nothing. */
  transactionSync<T>(source: ChangeSource, fn: () => T): T {
    if (this.open) throw new Error('a change-feed transaction is already open');
    this.db.exec('BEGIN IMMEDIATE');
    this.open = { source, tables: new Set() };
    let done: { source: ChangeSource; tables: Set<ChangeTable> };
    let result: T;
    try {
      result = fn();
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    } finally {
      done = this.open;
      this.open = null;
    }
    this.emit(done.tables, done.source);
    return result;
  }
}

const feeds = new WeakMap<Database, ChangeFeed>();

/** The one change feed of a replica connection (made on first use). */
export function changeFeed(db: Database): ChangeFeed {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = new ChangeFeed(db)));
  return feed;
}

/** Shorthand for the writers: `table` was just written on `db`. */
export function noteWrite(db: Database, table: TableName | ChangeTable) {
  changeFeed(db).noteWrite(table);
}
